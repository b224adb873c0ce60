/**
 * The small connection interface `WebRTCPeerConnection` drives. Each platform implements it once:
 * Node.js on node-datachannel (`node/datachannel.ts`), browsers on the native
 * `RTCPeerConnection` (`browser/native-rtc.ts`). The peer connection and data channel classes
 * hold every Godot rule; a backend only moves descriptions, candidates, states and messages.
 *
 * Handlers are always called later, from the platform's event loop, never from inside a call
 * into the backend, and never after `close()`.
 */
import type { ChannelInit } from './channel-options.js';
import type { RtcSettings } from './configuration.js';
import type { ConnectionState, GatheringState, SignalingState } from './constants.js';

export interface ConnectionHandlers {
  /** A local offer or answer was made (Node.js: already applied as the local description). */
  description(type: 'offer' | 'answer', sdp: string): void;
  /** A local ICE candidate (`candidate:…`, without `a=`), after the description it belongs to. */
  candidate(mid: string, index: number, candidate: string): void;
  connectionState(state: ConnectionState): void;
  gatheringState(state: GatheringState): void;
  signalingState(state: SignalingState): void;
  /** The other side opened an in-band (not negotiated) channel. */
  channel(channel: RtcChannel): void;
  /** Something failed after the call that started it had returned (e.g. a browser promise). */
  error(message: string): void;
}

export interface RtcConnection {
  /** Makes an offer; it arrives through `handlers.description`. */
  createOffer(): void;
  /** Applies a local description (a no-op where the backend already applied its own). */
  setLocalDescription(type: string, sdp: string): void;
  /** Applies the other side's description; for an offer, an answer follows through `handlers.description`. */
  setRemoteDescription(type: string, sdp: string): void;
  addIceCandidate(mid: string, index: number, candidate: string): void;
  /** A new channel (Godot's options, checked). */
  createDataChannel(label: string, init: ChannelInit): RtcChannel;
  /** Closes the connection and all its channels at once. No handler is called afterwards. */
  close(): void;
}

export interface ChannelHandlers {
  open(): void;
  /** One whole message; the bytes belong to the receiver. */
  message(data: Uint8Array, isText: boolean): void;
  /** The channel is closed (either side, or its connection). Called once. */
  closed(): void;
  error(message: string): void;
  /** `bufferedAmount` fell to the threshold of `setBufferedAmountLowThreshold`. */
  bufferedAmountLow(): void;
}

export interface RtcChannel {
  readonly label: string;
  readonly protocol: string;
  readonly negotiated: boolean;
  /** The SCTP stream id, `null` until one is assigned. */
  readonly id: number | null;
  /** `null` when the platform cannot tell (channels opened by the other side, in Node.js). */
  readonly ordered: boolean | null;
  readonly maxPacketLifeTime: number | null;
  readonly maxRetransmits: number | null;
  /** Whether it was already open when handed over. */
  readonly isOpen: boolean;
  /** Sets the handlers; events that happened before are delivered right after. */
  attach(handlers: ChannelHandlers): void;
  /** Bytes accepted by `send` and not yet handed to the network. */
  bufferedAmount(): number;
  /** The largest message the other side accepts (`a=max-message-size`, or 65536 without it). */
  maxMessageSize(): number;
  setBufferedAmountLowThreshold(bytes: number): void;
  /**
   * Sends one message (text: the bytes are UTF-8). Returns whether nothing waits to be sent
   * after it (so `bufferedAmount()` need not be asked before the next one).
   * @throws {Error} When the platform refuses it.
   */
  send(data: Uint8Array, isText: boolean): boolean;
  /** Closes the channel; `handlers.closed` follows. */
  close(): void;
}

/** Opens a connection on one platform. */
export type RtcBackend = (settings: RtcSettings, handlers: ConnectionHandlers) => RtcConnection;
