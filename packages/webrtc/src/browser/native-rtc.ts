/**
 * The browser's `RTCPeerConnection` behind the connection interface: the only file that touches
 * it. As in Godot's web build, `setLocalDescription` applies what `createOffer`/`createAnswer`
 * made, the answer to an offer is made as soon as the offer is applied, and the empty
 * end-of-candidates event is not reported. Node-only settings are ignored.
 */
import type { ChannelInit } from '../channel-options.js';
import type { RtcSettings } from '../configuration.js';
import {
  ConnectionState, DEFAULT_REMOTE_MAX_MESSAGE_SIZE, GatheringState, SIGNALING_STATE_BY_NAME,
} from '../constants.js';
import type { ChannelHandlers, ConnectionHandlers, RtcBackend, RtcChannel, RtcConnection } from '../backend.js';

// The parts of the DOM's WebRTC API this file uses (the package does not compile against the DOM).
interface NativeDescription {
  readonly type: string;
  readonly sdp: string;
}

interface NativeCandidate {
  readonly candidate: string;
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
}

interface NativeDataChannel {
  binaryType: string;
  readonly label: string;
  readonly protocol: string;
  readonly negotiated: boolean;
  readonly id: number | null;
  readonly ordered: boolean;
  readonly maxPacketLifeTime: number | null;
  readonly maxRetransmits: number | null;
  readonly readyState: string;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: { error?: { message?: string } }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onbufferedamountlow: ((event: unknown) => void) | null;
  send(data: string | ArrayBufferView): void;
  close(): void;
}

interface NativePeerConnection {
  readonly connectionState?: string;
  readonly iceConnectionState: string;
  readonly iceGatheringState: string;
  readonly signalingState: string;
  readonly localDescription: NativeDescription | null;
  readonly sctp: { readonly maxMessageSize: number } | null;
  onicecandidate: ((event: { candidate: NativeCandidate | null }) => void) | null;
  onconnectionstatechange: ((event: unknown) => void) | null;
  oniceconnectionstatechange: ((event: unknown) => void) | null;
  onicegatheringstatechange: ((event: unknown) => void) | null;
  onsignalingstatechange: ((event: unknown) => void) | null;
  ondatachannel: ((event: { channel: NativeDataChannel }) => void) | null;
  createOffer(): Promise<NativeDescription>;
  createAnswer(): Promise<NativeDescription>;
  setLocalDescription(description: NativeDescription): Promise<void>;
  setRemoteDescription(description: NativeDescription): Promise<void>;
  addIceCandidate(candidate: { candidate: string; sdpMid: string; sdpMLineIndex: number }): Promise<void>;
  createDataChannel(label: string, init: Record<string, unknown>): NativeDataChannel;
  close(): void;
}

type NativePeerConnectionConstructor = new (configuration: Record<string, unknown>) => NativePeerConnection;

const CONNECTION_STATES: Record<string, ConnectionState> = {
  new: ConnectionState.NEW,
  connecting: ConnectionState.CONNECTING,
  checking: ConnectionState.CONNECTING,
  connected: ConnectionState.CONNECTED,
  completed: ConnectionState.CONNECTED,
  disconnected: ConnectionState.DISCONNECTED,
  failed: ConnectionState.FAILED,
  closed: ConnectionState.CLOSED,
};

const GATHERING_STATES: Record<string, GatheringState> = {
  new: GatheringState.NEW,
  gathering: GatheringState.GATHERING,
  complete: GatheringState.COMPLETE,
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class BrowserConnection implements RtcConnection {
  readonly #pc: NativePeerConnection;
  readonly #handlers: ConnectionHandlers;
  #closed = false;

  constructor(settings: RtcSettings, handlers: ConnectionHandlers) {
    const Native = (globalThis as { RTCPeerConnection?: NativePeerConnectionConstructor }).RTCPeerConnection;
    if (Native === undefined) throw new Error('This environment has no RTCPeerConnection');
    this.#handlers = handlers;
    const pc = new Native({
      iceServers: settings.iceServers.map((server) => ({
        urls: server.urls,
        ...(server.username === undefined ? {} : { username: server.username }),
        ...(server.credential === undefined ? {} : { credential: server.credential }),
      })),
    });
    this.#pc = pc;
    const connectionState = (): void => {
      // Like Godot's web build: the ICE state where `connectionState` is missing.
      const mapped = CONNECTION_STATES[pc.connectionState ?? pc.iceConnectionState];
      if (!this.#closed && mapped !== undefined) handlers.connectionState(mapped);
    };
    if ('connectionState' in pc) pc.onconnectionstatechange = connectionState;
    else pc.oniceconnectionstatechange = connectionState;
    pc.onicegatheringstatechange = () => {
      const mapped = GATHERING_STATES[pc.iceGatheringState];
      if (!this.#closed && mapped !== undefined) handlers.gatheringState(mapped);
    };
    pc.onsignalingstatechange = () => {
      const mapped = SIGNALING_STATE_BY_NAME[pc.signalingState];
      if (!this.#closed && mapped !== undefined) handlers.signalingState(mapped);
    };
    pc.onicecandidate = ({ candidate }) => {
      if (this.#closed || candidate === null || candidate.candidate === '') return;
      handlers.candidate(candidate.sdpMid ?? '', candidate.sdpMLineIndex ?? 0, candidate.candidate);
    };
    pc.ondatachannel = ({ channel }) => {
      if (!this.#closed) handlers.channel(new BrowserChannel(channel, pc));
    };
  }

  #fail(what: string): (error: unknown) => void {
    return (error) => {
      if (!this.#closed) this.#handlers.error(`${what}: ${messageOf(error)}`);
    };
  }

  #made(description: NativeDescription): void {
    if (this.#closed) return;
    this.#handlers.description(description.type === 'offer' ? 'offer' : 'answer', description.sdp);
  }

  createOffer(): void {
    this.#pc.createOffer().then((offer) => this.#made(offer), this.#fail('Could not create an offer'));
  }

  setLocalDescription(type: string, sdp: string): void {
    // Applying the same description twice would fail in some states: a promise form may have applied it.
    const current = this.#pc.localDescription;
    if (current !== null && current.type === type && current.sdp === sdp) return;
    this.#pc.setLocalDescription({ type, sdp }).catch(this.#fail('Could not set the local description'));
  }

  setRemoteDescription(type: string, sdp: string): void {
    this.#pc.setRemoteDescription({ type, sdp })
      .then(async () => {
        if (type !== 'offer' || this.#closed) return;
        this.#made(await this.#pc.createAnswer());
      })
      .catch(this.#fail('Could not set the remote description'));
  }

  addIceCandidate(mid: string, index: number, candidate: string): void {
    this.#pc.addIceCandidate({ candidate, sdpMid: mid, sdpMLineIndex: index }).catch(this.#fail('Could not add an ICE candidate'));
  }

  createDataChannel(label: string, init: ChannelInit): RtcChannel {
    const channel = this.#pc.createDataChannel(label, {
      negotiated: init.negotiated,
      ...(init.id === undefined ? {} : { id: init.id }),
      ordered: init.ordered,
      ...(init.maxPacketLifeTime === undefined ? {} : { maxPacketLifeTime: init.maxPacketLifeTime }),
      ...(init.maxRetransmits === undefined ? {} : { maxRetransmits: init.maxRetransmits }),
      protocol: init.protocol,
    });
    return new BrowserChannel(channel, this.#pc);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const pc = this.#pc;
    pc.onicecandidate = pc.onconnectionstatechange = pc.oniceconnectionstatechange = null;
    pc.onicegatheringstatechange = pc.onsignalingstatechange = pc.ondatachannel = null;
    pc.close();
  }
}

class BrowserChannel implements RtcChannel {
  readonly #dc: NativeDataChannel;
  readonly #pc: NativePeerConnection;
  #handlers: ChannelHandlers | undefined;
  #closed = false;

  constructor(dc: NativeDataChannel, pc: NativePeerConnection) {
    this.#dc = dc;
    this.#pc = pc;
    dc.binaryType = 'arraybuffer';
  }

  get label(): string {
    return this.#dc.label;
  }

  get protocol(): string {
    return this.#dc.protocol;
  }

  get negotiated(): boolean {
    return this.#dc.negotiated;
  }

  get id(): number | null {
    return this.#dc.id;
  }

  get ordered(): boolean {
    return this.#dc.ordered;
  }

  get maxPacketLifeTime(): number | null {
    return this.#dc.maxPacketLifeTime;
  }

  get maxRetransmits(): number | null {
    return this.#dc.maxRetransmits;
  }

  get isOpen(): boolean {
    return this.#dc.readyState === 'open';
  }

  attach(handlers: ChannelHandlers): void {
    this.#handlers = handlers;
    const dc = this.#dc;
    dc.onopen = () => handlers.open();
    dc.onmessage = ({ data }) => {
      if (typeof data === 'string') handlers.message(encoder.encode(data), true);
      else if (data instanceof ArrayBuffer) handlers.message(new Uint8Array(data), false);
    };
    dc.onerror = (event) => handlers.error(event.error?.message ?? 'The data channel failed');
    dc.onclose = () => this.#finish();
    dc.onbufferedamountlow = () => handlers.bufferedAmountLow();
    if (dc.readyState === 'closed') queueMicrotask(() => this.#finish());
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    const dc = this.#dc;
    dc.onopen = dc.onmessage = dc.onerror = dc.onclose = dc.onbufferedamountlow = null;
    this.#handlers?.closed();
  }

  bufferedAmount(): number {
    return this.#dc.bufferedAmount;
  }

  maxMessageSize(): number {
    return this.#pc.sctp?.maxMessageSize ?? DEFAULT_REMOTE_MAX_MESSAGE_SIZE;
  }

  setBufferedAmountLowThreshold(bytes: number): void {
    this.#dc.bufferedAmountLowThreshold = bytes;
  }

  send(data: Uint8Array, isText: boolean): boolean {
    this.#dc.send(isText ? decoder.decode(data) : data);
    return this.#dc.bufferedAmount === 0;
  }

  close(): void {
    this.#dc.close();
  }
}

/** Opens connections with the browser's `RTCPeerConnection`. */
export const browserBackend: RtcBackend = (settings, handlers) => new BrowserConnection(settings, handlers);
