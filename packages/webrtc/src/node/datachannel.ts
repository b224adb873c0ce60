/**
 * The node-datachannel (libdatachannel) side of the connection interface: the only file that
 * touches node-datachannel.
 *
 * What this file guarantees, learnt the hard way:
 * - Every native object gets its close/state callback at once. node-datachannel keeps a
 *   thread-safe function alive per object until libdatachannel reports it closed, and only
 *   reports that through a callback someone registered: a connection without `onStateChange`,
 *   or a channel (also one the other side opened) without `onClosed`, keeps the process alive
 *   forever.
 * - No exception ever leaves a native callback: one thrown there aborts the process.
 * - Each native callback type has its own queue, so their order is not the order of events: a
 *   candidate may come before its description, a message before `open`. Candidates wait for
 *   the description; a message marks its channel open.
 * - An offerer's candidates wait until the answer is applied. Otherwise the answerer (DTLS
 *   client) may reach us over ICE before the answer has, and libdatachannel then checks its
 *   certificate against a fingerprint it does not have yet: the handshake fails and so does the
 *   connection (a quarter of the time between two Node.js peers on loopback), or at best waits a
 *   second for a retransmission. Trickle ICE allows candidates at any time; once we have the
 *   answer, we are ready for whatever arrives. They then wait a little longer, until our own
 *   checks connected ICE (at most 200 ms): an answerer that connects first sends its ClientHello
 *   before our DTLS is up, and the handshake waits a second for the retransmission.
 * - Auto-negotiation is off, as in Godot's native extension: offers are only made on request.
 * - Closing a connection closes each of its channels first: libdatachannel never reports an
 *   in-band channel that did not open as closed when its connection closes.
 * - When both sides close at once, node-datachannel now and then misses a channel's close (1 in
 *   a few thousand) and keeps the process alive: once no connection is in use and some native
 *   object was still not released after `RELEASE_GRACE_MS`, node-datachannel's `cleanup()`
 *   releases them (`releaseLeftovers`).
 */
import nodeDataChannel, { type DataChannel, type PeerConnection } from 'node-datachannel';
import type { ChannelInit } from '../channel-options.js';
import type { IceServerUrl, RtcSettings } from '../configuration.js';
import {
  ConnectionState, DEFAULT_REMOTE_MAX_MESSAGE_SIZE, GatheringState, SIGNALING_STATE_BY_NAME,
} from '../constants.js';
import type { ChannelHandlers, ConnectionHandlers, RtcBackend, RtcChannel, RtcConnection } from '../backend.js';

const CONNECTION_STATES: Record<string, ConnectionState> = {
  new: ConnectionState.NEW,
  connecting: ConnectionState.CONNECTING,
  connected: ConnectionState.CONNECTED,
  disconnected: ConnectionState.DISCONNECTED,
  failed: ConnectionState.FAILED,
  closed: ConnectionState.CLOSED,
};

const GATHERING_STATES: Record<string, GatheringState> = {
  new: GatheringState.NEW,
  'in-progress': GatheringState.GATHERING,
  complete: GatheringState.COMPLETE,
};

/** node-datachannel reports a channel without a stream id as this. */
const NO_ID = 65535;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs a native callback's body: an exception must not reach node-datachannel (it aborts). */
function guarded<A extends unknown[]>(body: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      body(...args);
    } catch (error) {
      setTimeout(() => {
        throw error;
      }, 0);
    }
  };
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^libdatachannel error (while [a-z ]+)?: ?/, '');
}

/** Runs a call into node-datachannel, rethrowing its error with libdatachannel's own words. */
function native<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new Error(messageOf(error), { cause: error });
  }
}

/** libdatachannel's ICE server entry for one URL. */
function iceServer(url: IceServerUrl): { hostname: string; port: number; username?: string; password?: string; relayType?: 'TurnUdp' | 'TurnTcp' | 'TurnTls' } {
  if (url.kind === 'stun') return { hostname: url.hostname, port: url.port };
  const relayType = url.transport === 'tls' ? 'TurnTls' : url.transport === 'tcp' ? 'TurnTcp' : 'TurnUdp';
  return { hostname: url.hostname, port: url.port, username: url.username, password: url.credential, relayType };
}

let names = 0;

/** Longest an offerer holds its candidates after the answer (see the file header). */
const OFFERER_CANDIDATE_DELAY_MS = 200;

/** How long after the last connection closed a native object may take to report it is released. */
export const RELEASE_GRACE_MS = 1000;

/**
 * Native objects libdatachannel has not reported released yet (a connection until its `closed`
 * state, a channel until `onClosed`), and the connections still in use.
 */
const ledger = {
  inUse: 0,
  unreleased: new Set<object>(),
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
};

function holding(native: object): void {
  ledger.unreleased.add(native);
}

function released(native: object): void {
  ledger.unreleased.delete(native);
}

/** A connection was closed here: if none is left in use, leftovers are released after a grace period. */
function idle(): void {
  ledger.inUse--;
  if (ledger.inUse > 0 || ledger.timer !== undefined) return;
  ledger.timer = setTimeout(releaseLeftovers, RELEASE_GRACE_MS);
  ledger.timer.unref();
}

/**
 * With no connection in use, releases what node-datachannel still holds (see the file header);
 * the next connection starts libdatachannel again. Exported for tests.
 */
export function releaseLeftovers(): boolean {
  clearTimeout(ledger.timer);
  ledger.timer = undefined;
  if (ledger.inUse > 0 || ledger.unreleased.size === 0) return false;
  ledger.unreleased.clear();
  try {
    nodeDataChannel.cleanup();
  } catch {
    // A timeout in libdatachannel's own cleanup: nothing more can be done from here.
  }
  return true;
}

class NodeConnection implements RtcConnection {
  readonly #pc: PeerConnection;
  readonly #handlers: ConnectionHandlers;
  #closed = false;
  /** Candidates that wait for their description, or (offerer) for the answer. */
  #early: Array<[string, string]> | null = [];
  /** We made an offer and have no answer yet. */
  #awaitingAnswer = false;
  /** Our description of this round was delivered. */
  #described = false;
  #releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Channels made here: libdatachannel aborts the process when asked for an offer with none. */
  #made = 0;
  /** Channels not closed yet, closed with the connection (see `close`). */
  readonly #channels = new Set<NodeChannel>();

  constructor(settings: RtcSettings, handlers: ConnectionHandlers) {
    this.#handlers = handlers;
    this.#pc = new nodeDataChannel.PeerConnection(`pp-${++names}`, {
      iceServers: settings.iceServerUrls.map(iceServer),
      ...(settings.bindAddress === undefined ? {} : { bindAddress: settings.bindAddress }),
      ...(settings.portRangeBegin === undefined ? {} : { portRangeBegin: settings.portRangeBegin }),
      ...(settings.portRangeEnd === undefined ? {} : { portRangeEnd: settings.portRangeEnd }),
      ...(settings.mtu === undefined ? {} : { mtu: settings.mtu }),
      enableIceTcp: settings.enableIceTcp,
      enableIceUdpMux: settings.enableIceUdpMux,
      maxMessageSize: settings.maxMessageSize,
      disableAutoNegotiation: true,
    });
    const pc = this.#pc;
    ledger.inUse++;
    holding(pc);
    // Registered first and always: without it the connection is never released.
    pc.onStateChange(guarded((state) => {
      if (state === 'closed') released(pc);
      const mapped = CONNECTION_STATES[state];
      if (!this.#closed && mapped !== undefined) handlers.connectionState(mapped);
    }));
    pc.onGatheringStateChange(guarded((state) => {
      const mapped = GATHERING_STATES[state];
      if (!this.#closed && mapped !== undefined) handlers.gatheringState(mapped);
    }));
    pc.onIceStateChange(guarded((state) => {
      if (state === 'connected' || state === 'completed') this.#release();
    }));
    pc.onSignalingStateChange(guarded((state) => {
      const mapped = SIGNALING_STATE_BY_NAME[state];
      if (!this.#closed && mapped !== undefined) handlers.signalingState(mapped);
    }));
    pc.onLocalDescription(guarded((sdp, type) => {
      if (this.#closed || (type !== 'offer' && type !== 'answer')) return;
      handlers.description(type, sdp);
      this.#described = true;
      if (type === 'answer') this.#flushCandidates();
    }));
    pc.onLocalCandidate(guarded((candidate, mid) => {
      if (this.#closed) return;
      if (this.#early !== null) this.#early.push([candidate, mid]);
      else this.#candidate(candidate, mid);
    }));
    pc.onDataChannel(guarded((dc) => {
      // Wrapped even when closed or unwanted: the wrapper registers the channel's onClosed.
      const channel = this.#track(new NodeChannel(dc, null));
      if (this.#closed) channel.close();
      else handlers.channel(channel);
    }));
  }

  /** The offerer's held candidates go out (see the file header). */
  #release(): void {
    clearTimeout(this.#releaseTimer);
    this.#releaseTimer = undefined;
    if (!this.#closed && !this.#awaitingAnswer && this.#early !== null && this.#described) this.#flushCandidates();
  }

  #flushCandidates(): void {
    const early = this.#early;
    this.#early = null;
    for (const [candidate, mid] of early ?? []) if (!this.#closed) this.#candidate(candidate, mid);
  }

  #candidate(candidate: string, mid: string): void {
    // Godot's extension reports the candidate attribute without "a=", and always index 0.
    this.#handlers.candidate(mid, 0, candidate.startsWith('a=') ? candidate.slice(2) : candidate);
  }

  createOffer(): void {
    if (this.#made === 0) throw new Error('There is no data channel to negotiate: create one first');
    this.#early ??= [];
    this.#awaitingAnswer = true;
    this.#described = false;
    native(() => this.#pc.setLocalDescription('offer'));
  }

  setLocalDescription(): void {
    // libdatachannel applied the description it made already (Godot's extension ignores this too).
  }

  setRemoteDescription(type: string, sdp: string): void {
    native(() => this.#pc.setRemoteDescription(sdp, type as 'offer' | 'answer' | 'pranswer'));
    if (type === 'offer') {
      this.#early ??= [];
      native(() => this.#pc.setLocalDescription('answer'));
    } else if (this.#awaitingAnswer) {
      this.#awaitingAnswer = false;
      // Then they wait until our own checks connected ICE (the answerer learns our address from
      // them), at most OFFERER_CANDIDATE_DELAY_MS, for networks where the answerer must check first.
      this.#releaseTimer = setTimeout(() => this.#release(), OFFERER_CANDIDATE_DELAY_MS);
      this.#releaseTimer.unref();
    }
  }

  addIceCandidate(mid: string, _index: number, candidate: string): void {
    native(() => this.#pc.addRemoteCandidate(candidate, mid));
  }

  createDataChannel(label: string, init: ChannelInit): RtcChannel {
    const dc = native(() => this.#pc.createDataChannel(label, {
      protocol: init.protocol,
      negotiated: init.negotiated,
      ...(init.id === undefined ? {} : { id: init.id }),
      unordered: !init.ordered,
      ...(init.maxPacketLifeTime === undefined ? {} : { maxPacketLifeTime: init.maxPacketLifeTime }),
      ...(init.maxRetransmits === undefined ? {} : { maxRetransmits: init.maxRetransmits }),
    }));
    this.#made++;
    return this.#track(new NodeChannel(dc, init));
  }

  #track(channel: NodeChannel): NodeChannel {
    this.#channels.add(channel);
    channel.onceClosed(() => this.#channels.delete(channel));
    return channel;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#releaseTimer);
    // libdatachannel does not report an in-band channel that never opened as closed when its
    // connection closes, and node-datachannel then keeps the process alive: close each one.
    for (const channel of [...this.#channels]) channel.close();
    try {
      this.#pc.close();
    } catch {
      // Already gone on the native side.
    }
    idle();
  }
}

type ChannelEvent = (handlers: ChannelHandlers) => void;

class NodeChannel implements RtcChannel {
  readonly label: string;
  readonly protocol: string;
  readonly negotiated: boolean;
  readonly ordered: boolean | null;
  readonly maxPacketLifeTime: number | null;
  readonly maxRetransmits: number | null;
  readonly isOpen: boolean;
  readonly #dc: DataChannel;
  #id: number | null;
  #handlers: ChannelHandlers | undefined;
  /** Events from before `attach`. */
  #pending: ChannelEvent[] = [];
  #opened: boolean;
  #closed = false;
  #onceClosed: (() => void) | undefined;

  constructor(dc: DataChannel, init: ChannelInit | null) {
    this.#dc = dc;
    holding(dc);
    // Registered first and always: without it the channel is never released.
    dc.onClosed(guarded(() => {
      released(dc);
      if (this.#closed) return;
      this.#closed = true;
      this.#onceClosed?.();
      this.#emit((handlers) => handlers.closed());
    }));
    this.label = dc.getLabel();
    this.protocol = dc.getProtocol();
    const id = dc.getId();
    this.#id = id === NO_ID ? null : id;
    this.isOpen = this.#opened = dc.isOpen();
    // node-datachannel cannot read a channel's reliability: known only for channels made here.
    this.negotiated = init?.negotiated ?? false;
    this.ordered = init === null ? null : init.ordered;
    this.maxPacketLifeTime = init === null ? null : init.maxPacketLifeTime ?? null;
    this.maxRetransmits = init === null ? null : init.maxRetransmits ?? null;
    dc.onOpen(guarded(() => this.#open()));
    dc.onError(guarded((message) => {
      if (!this.#closed) this.#emit((handlers) => handlers.error(message));
    }));
    dc.onBufferedAmountLow(guarded(() => {
      if (!this.#closed) this.#emit((handlers) => handlers.bufferedAmountLow());
    }));
    dc.onMessage(guarded((message) => {
      if (this.#closed) return;
      this.#open();
      const isText = typeof message === 'string';
      const bytes = isText ? encoder.encode(message) : message instanceof ArrayBuffer
        ? new Uint8Array(message)
        : new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
      // The hot path: no closure once attached.
      if (this.#handlers !== undefined) this.#handlers.message(bytes, isText);
      else this.#emit((handlers) => handlers.message(bytes, isText));
    }));
  }

  get id(): number | null {
    return this.#id;
  }

  /** For the connection: `callback` runs when libdatachannel reports the channel closed. */
  onceClosed(callback: () => void): void {
    this.#onceClosed = callback;
  }

  attach(handlers: ChannelHandlers): void {
    this.#handlers = handlers;
    const pending = this.#pending;
    this.#pending = [];
    for (const event of pending) event(handlers);
  }

  #emit(event: ChannelEvent): void {
    if (this.#handlers === undefined) this.#pending.push(event);
    else event(this.#handlers);
  }

  /** Open, once: from `onOpen`, or from the first message if that came first. */
  #open(): void {
    if (this.#opened || this.#closed) return;
    this.#opened = true;
    try {
      const id = this.#dc.getId();
      if (id !== NO_ID) this.#id = id;
    } catch {
      // Closed meanwhile.
    }
    this.#emit((handlers) => handlers.open());
  }

  bufferedAmount(): number {
    if (this.#closed) return 0;
    try {
      return this.#dc.bufferedAmount();
    } catch {
      return 0;
    }
  }

  maxMessageSize(): number {
    try {
      return this.#dc.maxMessageSize();
    } catch {
      return DEFAULT_REMOTE_MAX_MESSAGE_SIZE;
    }
  }

  setBufferedAmountLowThreshold(bytes: number): void {
    try {
      this.#dc.setBufferedAmountLowThreshold(bytes);
    } catch {
      // Closed.
    }
  }

  send(data: Uint8Array, isText: boolean): boolean {
    // node-datachannel returns true when the message went out at once, false when it was queued.
    return native(() => (isText ? this.#dc.sendMessage(decoder.decode(data)) : this.#dc.sendMessageBinary(data)));
  }

  close(): void {
    try {
      this.#dc.close();
    } catch {
      // Already gone on the native side.
    }
  }
}

/** Opens connections with node-datachannel. */
export const nodeBackend: RtcBackend = (settings, handlers) => new NodeConnection(settings, handlers);

/**
 * Starts libdatachannel's threads and global state now instead of at the first connection
 * (node-datachannel's `preload()`), so that connection is not slower than the next ones.
 */
export function preload(): void {
  nodeDataChannel.preload();
}
