import {
  Emitter, ErrorCode, GodotError, WaiterList, checkFormat, withWaitOptions, type EventMap, type WaitOptions,
} from '@pp/core';
import type { ConnectionHandlers, RtcBackend, RtcChannel, RtcConnection } from './backend.js';
import { readChannelOptions, type DataChannelOptions } from './channel-options.js';
import { readConfiguration, type RtcSettings, type WebRTCConfiguration } from './configuration.js';
import { ConnectionState, GatheringState, SignalingState } from './constants.js';
import { remoteMaxMessageSize } from './sdp.js';
import {
  WebRTCDataChannel, channelControl, checkChannelPeerOptions, type ChannelContext, type WebRTCDataChannelOptions,
} from './webrtc-data-channel.js';

/** Defaults for every data channel of the connection (Godot's project settings). */
export type WebRTCPeerConnectionOptions = WebRTCDataChannelOptions;

/** An offer or an answer. */
export interface SessionDescription {
  /** `offer` or `answer`, as Godot's `session_description_created` passes it. */
  readonly type: 'offer' | 'answer';
  /** The SDP text. */
  readonly sdp: string;
}

/**
 * The events of a `WebRTCPeerConnection`: Godot's signals in camelCase, state changes (which Godot only lets
 * you poll), errors and close.
 */
export interface WebRTCPeerConnectionEvents extends EventMap {
  /** Godot's `session_description_created(type, sdp)`: send it to the other side, and `setLocalDescription` it. */
  sessionDescriptionCreated: [type: 'offer' | 'answer', sdp: string];
  /** Godot's `ice_candidate_created(media, index, name)`: send it to the other side (`addIceCandidate`). */
  iceCandidateCreated: [media: string, index: number, name: string];
  /** Godot's `data_channel_received(channel)`: the other side opened an in-band channel. */
  dataChannelReceived: [channel: WebRTCDataChannel];
  /** The connection state changed (a `ConnectionState`); Godot polls `get_connection_state()` instead. */
  connectionStateChanged: [state: ConnectionState];
  /**
   * The ICE gathering state changed (a `GatheringState`); `COMPLETE` once every local candidate was emitted.
   */
  gatheringStateChanged: [state: GatheringState];
  /** The offer/answer state changed (a `SignalingState`). */
  signalingStateChanged: [state: SignalingState];
  /** Something failed after the call that caused it had returned; also in `lastError`. */
  error: [error: GodotError];
  /** The connection is `CLOSED` (here or by the other side). */
  close: [];
}

const DEFAULT_SETTINGS: RtcSettings = readConfiguration({});
const DESCRIPTION_TYPES = new Set(['offer', 'answer', 'pranswer']);

/** What went wrong, for people (a `GodotError`'s message without its code suffix). */
function reason(error: unknown): string {
  if (error instanceof GodotError) return error.message.replace(/ \([A-Z_]+\)$/, '');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Godot's `WebRTCPeerConnection` semantics over the connection interface of `backend.ts`. The
 * Node.js and browser `WebRTCPeerConnection` classes only choose the backend.
 *
 * Signals: Godot's web build emits them from the browser's event loop (its `poll()` does
 * nothing); Godot's native extension queues them and emits them from `poll()`. Here they are
 * events emitted from the event loop, as in the web build, and never from inside the call that
 * caused them, so a listener added right after `createOffer()` still hears its offer, as with
 * the native extension. `poll()` is kept for ported code and changes nothing.
 */
export abstract class WebRTCPeerConnectionBase extends Emitter<WebRTCPeerConnectionEvents> {
  /** Godot's `WebRTCPeerConnection` constants, on the class as GDScript finds them (both platforms' classes inherit them). */
  static readonly STATE_NEW = ConnectionState.NEW;
  /** ICE and DTLS are negotiating (W3C `connecting`). */
  static readonly STATE_CONNECTING = ConnectionState.CONNECTING;
  /** ICE and DTLS are up; data channels can open (W3C `connected`). */
  static readonly STATE_CONNECTED = ConnectionState.CONNECTED;
  /** The connection was lost and may come back, e.g. after a network change (W3C `disconnected`). */
  static readonly STATE_DISCONNECTED = ConnectionState.DISCONNECTED;
  /** ICE or DTLS failed for good; close the connection and make a new one (W3C `failed`). */
  static readonly STATE_FAILED = ConnectionState.FAILED;
  /** The connection is closed, here or by the other side; it cannot be reused (W3C `closed`). */
  static readonly STATE_CLOSED = ConnectionState.CLOSED;
  /** No ICE candidate gathering has started yet (`iceGatheringState` `new`). */
  static readonly GATHERING_STATE_NEW = GatheringState.NEW;
  /** ICE candidates are being gathered; `iceCandidateCreated` fires for each. */
  static readonly GATHERING_STATE_GATHERING = GatheringState.GATHERING;
  /** Gathering is done: every local candidate was emitted. */
  static readonly GATHERING_STATE_COMPLETE = GatheringState.COMPLETE;
  /** No offer/answer exchange is in progress (or none started). */
  static readonly SIGNALING_STATE_STABLE = SignalingState.STABLE;
  /** A local offer was set with `setLocalDescription`; waiting for the remote answer. */
  static readonly SIGNALING_STATE_HAVE_LOCAL_OFFER = SignalingState.HAVE_LOCAL_OFFER;
  /** A remote offer was set with `setRemoteDescription`; an answer is due. */
  static readonly SIGNALING_STATE_HAVE_REMOTE_OFFER = SignalingState.HAVE_REMOTE_OFFER;
  /** A remote offer and a local provisional answer were set. */
  static readonly SIGNALING_STATE_HAVE_LOCAL_PRANSWER = SignalingState.HAVE_LOCAL_PRANSWER;
  /** A local offer and a remote provisional answer were set. */
  static readonly SIGNALING_STATE_HAVE_REMOTE_PRANSWER = SignalingState.HAVE_REMOTE_PRANSWER;
  /** The connection is closed. */
  static readonly SIGNALING_STATE_CLOSED = SignalingState.CLOSED;

  readonly #backend: RtcBackend;
  readonly #channelOptions: WebRTCDataChannelOptions;
  #settings: RtcSettings = DEFAULT_SETTINGS;
  #conn: RtcConnection | undefined;
  #generation = 0;
  #state: ConnectionState = ConnectionState.NEW;
  #gathering: GatheringState = GatheringState.NEW;
  #signaling: SignalingState = SignalingState.STABLE;
  #remoteSdp: string | undefined;
  #lastError: GodotError | null = null;
  readonly #channels = new Set<WebRTCDataChannel>();
  readonly #context: ChannelContext = { remoteMaxMessageSize: () => remoteMaxMessageSize(this.#remoteSdp) };
  #stateWaiters: WaiterList | undefined;
  #gatheringWaiters: WaiterList | undefined;

  protected constructor(backend: RtcBackend, options: WebRTCPeerConnectionOptions = {}) {
    super();
    this.#backend = backend;
    // Checked now, so that a bad option fails here and not at the first channel.
    checkChannelPeerOptions(options);
    if (options.format !== undefined) checkFormat('format', options.format);
    this.#channelOptions = { ...options };
  }

  // --- Godot's WebRTCPeerConnection API -------------------------------------------------

  /**
   * Godot's `initialize(configuration)`: `iceServers` (`urls`, `username`, `credential`) and, in
   * Node.js, libdatachannel's settings (`bindAddress`, `portRangeBegin`/`End`, `enableIceTcp`,
   * `enableIceUdpMux`, `maxMessageSize`, `mtu`, also under `libdatachannel` as Godot's native
   * extension reads them). Replaces the current connection, if any, with a new one in `NEW`.
   * Returns `FAILED` for a configuration Godot would refuse (`lastError` says why).
   */
  initialize(configuration: WebRTCConfiguration = {}): ErrorCode {
    let settings: RtcSettings;
    try {
      settings = readConfiguration(configuration);
    } catch (error) {
      // Godot's native extension answers FAILED for a configuration it cannot read.
      return this.#refuse(ErrorCode.FAILED, reason(error), error);
    }
    this.#teardown(false);
    this.#settings = settings;
    this.#state = ConnectionState.NEW;
    this.#gathering = GatheringState.NEW;
    this.#signaling = SignalingState.STABLE;
    this.#remoteSdp = undefined;
    this.#lastError = null;
    try {
      this.#connection();
    } catch (error) {
      return this.#refuse(ErrorCode.FAILED, `Could not create the connection: ${reason(error)}`, error);
    }
    return ErrorCode.OK;
  }

  /**
   * Godot's `create_data_channel(label, options)`, only while the connection is `NEW` (both
   * sides create `negotiated` channels themselves; others are announced to the other side by the
   * offer). Returns `null` when Godot would (`lastError` says why).
   */
  createDataChannel(label: string, options: DataChannelOptions = {}): WebRTCDataChannel | null {
    if (typeof label !== 'string') {
      this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, 'A data channel label must be a string');
      return null;
    }
    if (this.#state !== ConnectionState.NEW) {
      this.#refuse(ErrorCode.ERR_UNAVAILABLE, 'Data channels can only be created while the connection is NEW');
      return null;
    }
    let native: RtcChannel;
    try {
      const init = readChannelOptions(options);
      native = this.#connection().createDataChannel(label, init);
    } catch (error) {
      if (error instanceof GodotError) this.#lastError = error;
      else this.#refuse(ErrorCode.FAILED, `Could not create the data channel: ${reason(error)}`, error);
      return null;
    }
    return this.#adopt(native);
  }

  /**
   * Godot's `create_offer()`: the offer arrives as `sessionDescriptionCreated("offer", sdp)`.
   * Only in `NEW` (else `FAILED`), which it leaves for `CONNECTING`.
   */
  createOffer(): ErrorCode {
    if (this.#state !== ConnectionState.NEW) return this.#refuse(ErrorCode.FAILED, 'An offer can only be created while the connection is NEW');
    try {
      this.#connection().createOffer();
    } catch (error) {
      return this.#refuse(ErrorCode.FAILED, `Could not create an offer: ${reason(error)}`, error);
    }
    this.#setState(ConnectionState.CONNECTING);
    return ErrorCode.OK;
  }

  /**
   * Godot's `set_local_description(type, sdp)`, with what `sessionDescriptionCreated` gave.
   * Browsers apply it; Node.js already did (as Godot's native extension, which ignores it).
   */
  setLocalDescription(type: string, sdp: string): ErrorCode {
    if (!DESCRIPTION_TYPES.has(type)) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, `Unknown description type ${JSON.stringify(type)}`);
    if (this.#state === ConnectionState.CLOSED) return this.#refuse(ErrorCode.ERR_UNCONFIGURED, 'The connection is closed');
    try {
      this.#connection().setLocalDescription(type, String(sdp));
    } catch (error) {
      return this.#refuse(ErrorCode.FAILED, `Could not set the local description: ${reason(error)}`, error);
    }
    return ErrorCode.OK;
  }

  /**
   * Godot's `set_remote_description(type, sdp)`, with what the other side's
   * `sessionDescriptionCreated` gave. For an offer (only in `NEW`), the answer is made at once and
   * arrives as `sessionDescriptionCreated("answer", sdp)`.
   */
  setRemoteDescription(type: string, sdp: string): ErrorCode {
    if (!DESCRIPTION_TYPES.has(type)) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, `Unknown description type ${JSON.stringify(type)}`);
    if (type === 'offer' && this.#state !== ConnectionState.NEW) {
      return this.#refuse(ErrorCode.FAILED, 'An offer can only be accepted while the connection is NEW');
    }
    if (this.#state === ConnectionState.CLOSED) return this.#refuse(ErrorCode.ERR_UNCONFIGURED, 'The connection is closed');
    try {
      this.#connection().setRemoteDescription(type, String(sdp));
    } catch (error) {
      return this.#refuse(ErrorCode.FAILED, `Could not set the remote description: ${reason(error)}`, error);
    }
    this.#remoteSdp = String(sdp);
    if (type === 'offer') this.#setState(ConnectionState.CONNECTING);
    return ErrorCode.OK;
  }

  /** Godot's `add_ice_candidate(media, index, name)`, with what the other side's `iceCandidateCreated` gave. */
  addIceCandidate(media: string, index: number, name: string): ErrorCode {
    if (this.#state === ConnectionState.CLOSED) return this.#refuse(ErrorCode.ERR_UNCONFIGURED, 'The connection is closed');
    try {
      this.#connection().addIceCandidate(String(media), Number.isInteger(index) ? index : 0, String(name));
    } catch (error) {
      return this.#refuse(ErrorCode.FAILED, `Could not add the ICE candidate: ${reason(error)}`, error);
    }
    return ErrorCode.OK;
  }

  /** Kept for ported code: the connection advances with the event loop (see the class description). */
  poll(): ErrorCode {
    return ErrorCode.OK;
  }

  /** Closes the connection and every channel of it, at once. */
  close(): void {
    if (this.#conn === undefined && this.#state === ConnectionState.CLOSED) return;
    this.#teardown(true);
  }

  /**
   * `get_connection_state()`: where the connection is, a `ConnectionState` (`STATE_NEW` … `STATE_CLOSED`).
   */
  getConnectionState(): ConnectionState {
    return this.#state;
  }

  /** `get_gathering_state()`: the ICE gathering state, a `GatheringState`. */
  getGatheringState(): GatheringState {
    return this.#gathering;
  }

  /** `get_signaling_state()`: the offer/answer state, a `SignalingState`. */
  getSignalingState(): SignalingState {
    return this.#signaling;
  }

  // --- TypeScript conveniences ----------------------------------------------------------

  /** Why the last call was refused, or what failed since (the `error` event); `null` after `initialize`. */
  get lastError(): GodotError | null {
    return this.#lastError;
  }

  /**
   * `createOffer()`, then `setLocalDescription()` with the offer, which it resolves with.
   * @throws {GodotError} Why it was refused or failed.
   */
  async createOfferAsync(options: WaitOptions = {}): Promise<SessionDescription> {
    const made = this.#nextDescription(options);
    const error = this.createOffer();
    if (error !== ErrorCode.OK) {
      made.cancel();
      throw this.#lastError ?? new GodotError(error, 'Could not create an offer');
    }
    return this.#applyLocal(await made.promise);
  }

  /**
   * `setRemoteDescription()`; for an offer, resolves with the answer, already applied as the local
   * description (send it back), else with `null`.
   * @throws {GodotError} Why it was refused or failed.
   */
  async setRemoteDescriptionAsync(type: string, sdp: string, options: WaitOptions = {}): Promise<SessionDescription | null> {
    const made = type === 'offer' ? this.#nextDescription(options) : undefined;
    const error = this.setRemoteDescription(type, sdp);
    if (error !== ErrorCode.OK) {
      made?.cancel();
      throw this.#lastError ?? new GodotError(error, 'Could not set the remote description');
    }
    return made === undefined ? null : this.#applyLocal(await made.promise);
  }

  /**
   * Resolves once the connection is `CONNECTED`; rejects if it fails, is disconnected or closed
   * first.
   */
  waitForConnected(options: WaitOptions = {}): Promise<void> {
    const settled = (): boolean | GodotError => {
      if (this.#state === ConnectionState.CONNECTED) return true;
      if (this.#state === ConnectionState.NEW || this.#state === ConnectionState.CONNECTING) return false;
      return new GodotError(ErrorCode.ERR_CANT_CONNECT, `The connection is ${stateName(this.#state)}`);
    };
    return this.#waitFor(() => (this.#stateWaiters ??= new WaiterList('the connection to connect')), settled, options);
  }

  /** Resolves once ICE gathering is `COMPLETE` (every local candidate has been reported). */
  waitForGatheringComplete(options: WaitOptions = {}): Promise<void> {
    const settled = (): boolean | GodotError => {
      if (this.#gathering === GatheringState.COMPLETE) return true;
      if (this.#state === ConnectionState.CLOSED) return new GodotError(ErrorCode.ERR_UNAVAILABLE, 'The connection is closed');
      return false;
    };
    return this.#waitFor(() => (this.#gatheringWaiters ??= new WaiterList('ICE gathering to complete')), settled, options);
  }

  // --- internals ------------------------------------------------------------------------

  #waitFor(list: () => WaiterList, settled: () => boolean | GodotError, options: WaitOptions): Promise<void> {
    const now = settled();
    if (now === true) return Promise.resolve();
    if (now instanceof GodotError) return Promise.reject(now);
    return (async () => {
      for (;;) {
        await list().wait(options);
        const result = settled();
        if (result === true) return;
        if (result instanceof GodotError) throw result;
      }
    })();
  }

  /** The next `sessionDescriptionCreated` (or `error`), as a promise. */
  #nextDescription(options: WaitOptions): { promise: Promise<SessionDescription>; cancel(): void } {
    let cancel = (): void => undefined;
    let description: SessionDescription | undefined;
    const promise = withWaitOptions(options, (waiter) => {
      const onDescription = (type: 'offer' | 'answer', sdp: string): void => {
        description = { type, sdp };
        waiter.resolve();
      };
      const onError = (error: GodotError): void => waiter.reject(error);
      const onClose = (): void => waiter.reject(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'The connection was closed'));
      this.on('sessionDescriptionCreated', onDescription).on('error', onError).on('close', onClose);
      const unregister = (): void => {
        this.off('sessionDescriptionCreated', onDescription).off('error', onError).off('close', onClose);
      };
      cancel = unregister;
      return unregister;
    }, 'a session description').then(() => description as SessionDescription);
    promise.catch(() => undefined);
    return { promise, cancel };
  }

  #applyLocal(description: SessionDescription): SessionDescription {
    const error = this.setLocalDescription(description.type, description.sdp);
    if (error !== ErrorCode.OK) throw this.#lastError ?? new GodotError(error, 'Could not set the local description');
    return description;
  }

  /** The backend connection, made on first use (Godot makes one in the constructor). */
  #connection(): RtcConnection {
    if (this.#conn !== undefined) return this.#conn;
    if (this.#state === ConnectionState.CLOSED) throw new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The connection is closed (initialize() makes a new one)');
    // Handlers of a connection that was replaced or closed find themselves outdated.
    const generation = ++this.#generation;
    const live = (): boolean => this.#generation === generation;
    const handlers: ConnectionHandlers = {
      description: (type, sdp) => {
        if (live()) this.emit('sessionDescriptionCreated', type, sdp);
      },
      candidate: (mid, index, candidate) => {
        if (live()) this.emit('iceCandidateCreated', mid, index, candidate);
      },
      connectionState: (state) => {
        if (!live()) return;
        if (state === ConnectionState.CLOSED) this.#teardown(true);
        else this.#setState(state);
      },
      gatheringState: (state) => {
        if (!live() || state === this.#gathering) return;
        this.#gathering = state;
        this.#gatheringWaiters?.wake();
        this.emit('gatheringStateChanged', state);
      },
      signalingState: (state) => {
        if (!live() || state === this.#signaling) return;
        this.#signaling = state;
        this.emit('signalingStateChanged', state);
      },
      channel: (native) => {
        if (!live()) {
          native.close();
          return;
        }
        this.emit('dataChannelReceived', this.#adopt(native));
      },
      error: (message) => {
        if (live()) this.#fail(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, message));
      },
    };
    const conn = this.#backend(this.#settings, handlers);
    this.#conn = conn;
    return conn;
  }

  #adopt(native: RtcChannel): WebRTCDataChannel {
    const channel = new WebRTCDataChannel(native, this.#context, this.#channelOptions);
    this.#channels.add(channel);
    channel.once('close', () => this.#channels.delete(channel));
    return channel;
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#stateWaiters?.wake();
    this.emit('connectionStateChanged', state);
  }

  /** Closes the backend connection and its channels; with `announce`, the connection becomes `CLOSED`. */
  #teardown(announce: boolean): void {
    const conn = this.#conn;
    this.#conn = undefined;
    this.#generation++;
    conn?.close();
    for (const channel of [...this.#channels]) channel[channelControl]();
    this.#channels.clear();
    if (!announce) return;
    const wasClosed = this.#state === ConnectionState.CLOSED;
    this.#signaling = SignalingState.CLOSED;
    this.#setState(ConnectionState.CLOSED);
    this.#gatheringWaiters?.wake();
    if (!wasClosed) this.emit('close');
  }

  /** Refuses a call: records why and returns `code`. */
  #refuse(code: ErrorCode, message: string, cause?: unknown): ErrorCode {
    this.#lastError = new GodotError(code, message, cause === undefined ? undefined : { cause });
    return code;
  }

  #fail(error: GodotError): void {
    this.#lastError = error;
    this.emit('error', error);
  }
}

function stateName(state: ConnectionState): string {
  return Object.entries(ConnectionState).find(([, value]) => value === state)?.[0] ?? String(state);
}
