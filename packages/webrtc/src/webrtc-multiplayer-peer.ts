import {
  ConnectionStatus, ErrorCode, GodotError, MultiplayerPeer, TARGET_PEER_SERVER, TransferMode, WaiterList,
  type MultiplayerPacketInfo, type PacketPeerOptions, type WaitOptions,
} from '@pp/core';
import type { DataChannelOptions } from './channel-options.js';
import { ChannelState, ConnectionState, MULTIPLAYER_MAX_PACKET_SIZE } from './constants.js';
import { FairInbox } from './fair-inbox.js';
import type { WebRTCDataChannel } from './webrtc-data-channel.js';
import type { WebRTCPeerConnectionBase } from './webrtc-peer-connection-base.js';

export interface WebRTCMultiplayerPeerOptions extends PacketPeerOptions {
  /**
   * Spell the lifetime key of the unreliable channels `maxPacketLifeTime`, so they really are
   * partially reliable (SCTP gives a message up after its lifetime). Godot spells it
   * `maxPacketLifetime`, which is ignored, so its unreliable channels are reliable; partial
   * reliability is the sender's business, so either side may choose it alone.
   * @default false
   */
  partialReliability?: boolean;
}

/** What `getPeer(id)` gives, with Godot's keys. */
export interface WebRTCPeerInfo {
  /** The `WebRTCPeerConnection` to that peer (Godot's `connection` key). */
  readonly connection: WebRTCPeerConnectionBase;
  /** The channels, in Godot's order (see the class description). */
  readonly channels: readonly WebRTCDataChannel[];
  /** Whether the connection is up and every channel open (`peerConnected` was emitted). */
  readonly connected: boolean;
}

/** Godot's `CH_RESERVED_MAX`: channels every connection has before the custom ones. */
const RESERVED_CHANNELS = 3;
const MAX_PEER_ID = 2 ** 31 - 1;

const Mode = {
  NONE: 0,
  SERVER: 1,
  CLIENT: 2,
  MESH: 3,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

interface Peer {
  readonly id: number;
  readonly connection: WebRTCPeerConnectionBase;
  readonly channels: WebRTCDataChannel[];
  connected: boolean;
  readonly release: () => void;
}

function isTransferMode(value: unknown): value is TransferMode {
  return value === TransferMode.UNRELIABLE || value === TransferMode.UNRELIABLE_ORDERED || value === TransferMode.RELIABLE;
}

/**
 * Godot's `WebRTCMultiplayerPeer`: a `MultiplayerPeer` over one `WebRTCPeerConnection` per
 * remote peer (Node.js or browser connections alike). There is no handshake and no packet
 * header: peer ids come from your signalling, and each connection carries negotiated channels
 * laid out exactly as Godot lays them out, so a Godot peer on the other side sees the same ids:
 *
 * | index | id | label | options | transfer mode |
 * |---|---|---|---|---|
 * | 0 | 1 | `reliable` | negotiated, ordered | RELIABLE |
 * | 1 | 2 | `ordered` | negotiated, ordered, `maxPacketLifetime` | UNRELIABLE_ORDERED |
 * | 2 | 3 | `unreliable` | negotiated, unordered, `maxPacketLifetime` | UNRELIABLE |
 * | 3 + i | 4 + i | `"4"`, `"5"`… | negotiated, ordered (unordered for UNRELIABLE), `maxPacketLifetime: 1` unless RELIABLE | `channelsConfig[i]` |
 *
 * Godot spells the lifetime key `maxPacketLifetime`, which no WebRTC implementation reads, so
 * its "unreliable" channels are in fact reliable (channel 3 reliable but unordered). This class
 * sends the same dictionaries; `partialReliability: true` spells the key right instead.
 *
 * A peer counts as connected once its connection is `CONNECTED` and every channel is open; it is
 * removed when the connection or any channel goes away. Packets are read round-robin across
 * peers, each peer's channels in index order, as in Godot: they wait in their channel's buffer
 * (Godot's per-channel ring, so a flooding peer cannot crowd out the others) and only the next
 * one is staged in this peer's queue, where `getPacketPeer()`/`getPacketChannel()` see it.
 * Everything advances with the event loop; `poll()` is kept for ported code.
 */
export class WebRTCMultiplayerPeer extends MultiplayerPeer {
  readonly #lifetimeKey: 'maxPacketLifeTime' | 'maxPacketLifetime';
  #mode: Mode = Mode.NONE;
  #status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  #uniqueId = 0;
  /** Transfer mode of each channel index. */
  #modes: TransferMode[] = [];
  /** Godot's dictionaries of the custom channels. */
  #custom: Array<Record<string, unknown>> = [];
  readonly #peers = new Map<number, Peer>();
  readonly #inbox = new FairInbox();
  #waiters: WaiterList | undefined;

  constructor(options: WebRTCMultiplayerPeerOptions = {}) {
    // The queue only ever holds the next packet (see the class description).
    super(options, { maxPackets: Infinity, maxBytes: Infinity });
    this.#lifetimeKey = options.partialReliability === true ? 'maxPacketLifeTime' : 'maxPacketLifetime';
  }

  // --- Godot's WebRTCMultiplayerPeer API ------------------------------------------------

  /** Godot's `create_server(channels_config)`: this peer is 1 and may add any peer but 1. */
  createServer(channelsConfig: readonly TransferMode[] = []): ErrorCode {
    return this.#initialize(TARGET_PEER_SERVER, Mode.SERVER, channelsConfig);
  }

  /** Godot's `create_client(peer_id, channels_config)`: `peerId` is 2 … 2^31 − 1; only peer 1 may be added. */
  createClient(peerId: number, channelsConfig: readonly TransferMode[] = []): ErrorCode {
    if (peerId === TARGET_PEER_SERVER) return ErrorCode.ERR_INVALID_PARAMETER;
    return this.#initialize(peerId, Mode.CLIENT, channelsConfig);
  }

  /** Godot's `create_mesh(peer_id, channels_config)`: `peerId` is 1 … 2^31 − 1; any peer may be added. */
  createMesh(peerId: number, channelsConfig: readonly TransferMode[] = []): ErrorCode {
    return this.#initialize(peerId, Mode.MESH, channelsConfig);
  }

  /**
   * Godot's `add_peer(peer, peer_id, unreliable_lifetime = 1)`: creates the channels on `peer`
   * (which must be `NEW`; the other side adds its connection to us the same way), then signal
   * as usual. `ERR_UNAUTHORIZED` while refusing new connections.
   */
  addPeer(peer: WebRTCPeerConnectionBase, peerId: number, unreliableLifetime = 1): ErrorCode {
    if (this.#mode === Mode.NONE) return ErrorCode.ERR_UNCONFIGURED;
    if (this.#mode === Mode.CLIENT && peerId !== TARGET_PEER_SERVER) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#mode === Mode.SERVER && peerId === TARGET_PEER_SERVER) return ErrorCode.ERR_INVALID_PARAMETER;
    if (!Number.isInteger(peerId) || peerId < 1 || peerId > MAX_PEER_ID) return ErrorCode.ERR_INVALID_PARAMETER;
    if (!Number.isInteger(unreliableLifetime) || unreliableLifetime < 0) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.refuseNewConnections) return ErrorCode.ERR_UNAUTHORIZED;
    if (typeof peer?.getConnectionState !== 'function' || peer.getConnectionState() !== ConnectionState.NEW) {
      return ErrorCode.ERR_INVALID_PARAMETER;
    }
    const lifetime = this.#lifetimeKey;
    const layout: Array<[string, Record<string, unknown>]> = [
      ['reliable', { negotiated: true, ordered: true, id: 1 }],
      ['ordered', { negotiated: true, ordered: true, id: 2, [lifetime]: unreliableLifetime }],
      ['unreliable', { negotiated: true, ordered: false, id: 3, [lifetime]: unreliableLifetime }],
      ...this.#custom.map((config): [string, Record<string, unknown>] => [String(config['id']), config]),
    ];
    const channels: WebRTCDataChannel[] = [];
    for (const [label, config] of layout) {
      const channel = peer.createDataChannel(label, config as DataChannelOptions);
      if (channel === null) {
        for (const made of channels) made.close();
        return ErrorCode.FAILED;
      }
      channels.push(channel);
    }
    this.#forget(this.#peers.get(peerId), true);
    this.#adopt(peerId, peer, channels);
    return ErrorCode.OK;
  }

  /** Godot's `remove_peer(peer_id)`: forgets the peer (`peerDisconnected` if it was connected) and closes its connection. */
  removePeer(peerId: number): void {
    const peer = this.#peers.get(peerId);
    if (peer !== undefined) this.#remove(peer);
  }

  /** Godot's `has_peer(peer_id)`. */
  hasPeer(peerId: number): boolean {
    return this.#peers.has(peerId);
  }

  /** Godot's `get_peer(peer_id)`: `connection`, `channels`, `connected`; `null` for an unknown peer. */
  getPeer(peerId: number): WebRTCPeerInfo | null {
    const peer = this.#peers.get(peerId);
    return peer === undefined ? null : { connection: peer.connection, channels: [...peer.channels], connected: peer.connected };
  }

  /** Godot's `get_peers()`: every peer, by id. */
  getPeers(): Map<number, WebRTCPeerInfo> {
    const out = new Map<number, WebRTCPeerInfo>();
    for (const id of this.#peers.keys()) out.set(id, this.getPeer(id) as WebRTCPeerInfo);
    return out;
  }

  // --- MultiplayerPeer ------------------------------------------------------------------

  /** Kept for ported code: peers and packets advance with the event loop. */
  poll(): void {}

  /**
   * `get_connection_status()`: `CONNECTION_DISCONNECTED` before `createServer` / `createClient` /
   * `createMesh` and after `close`; a client is `CONNECTION_CONNECTING` until the server's connection and all
   * its channels are open; a server or mesh is `CONNECTION_CONNECTED` at once.
   */
  getConnectionStatus(): ConnectionStatus {
    return this.#status;
  }

  /** This peer's id (0 while disconnected). */
  getUniqueId(): number {
    return this.#status === ConnectionStatus.DISCONNECTED ? 0 : this.#uniqueId;
  }

  override isServer(): boolean {
    return this.#status !== ConnectionStatus.DISCONNECTED && this.#uniqueId === TARGET_PEER_SERVER;
  }

  /** True for server and client mode (SceneMultiplayer relays through the server), false for a mesh. */
  override isServerRelaySupported(): boolean {
    return this.#mode === Mode.SERVER || this.#mode === Mode.CLIENT;
  }

  /**
   * Closes peer `id`'s connection; it is then removed with `peerDisconnected`. With `force` it
   * is forgotten at once, without `peerDisconnected` (a client forgetting the server is
   * disconnected).
   */
  disconnectPeer(id: number, force = false): void {
    const peer = this.#peers.get(id);
    if (peer === undefined) return;
    if (!force) {
      peer.connection.close();
      return;
    }
    this.#forget(peer, true);
    if (this.#mode === Mode.CLIENT && id === TARGET_PEER_SERVER) this.#lostServer();
  }

  // --- TypeScript conveniences ----------------------------------------------------------

  /**
   * Resolves once the peer is `CONNECTED` (server and mesh: at once; client: when peer 1 is
   * connected). Rejects if it is disconnected first, or at once when it was not started.
   */
  waitForConnected(options: WaitOptions = {}): Promise<void> {
    if (this.#status === ConnectionStatus.CONNECTED) return Promise.resolve();
    if (this.#status === ConnectionStatus.DISCONNECTED) {
      return Promise.reject(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'Neither a server, a client nor a mesh was started'));
    }
    return (this.#waiters ??= new WaiterList('the server to connect')).wait(options);
  }

  /** Packets waiting to be read: the staged one and those of connected peers' channels (as Godot counts). */
  override getAvailablePacketCount(): number {
    return super.getAvailablePacketCount() + this.#inbox.readyCount;
  }

  /** Received packets dropped because their channel's buffer was full. */
  override get droppedPackets(): number {
    return super.droppedPackets + this.#inbox.dropped;
  }

  // --- PacketPeer and MultiplayerPeer hooks ---------------------------------------------

  protected _putPacketTo(packet: Uint8Array, target: number, channel: number, mode: TransferMode): ErrorCode {
    if (this.#status === ConnectionStatus.DISCONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const index = channel === 0 ? [2, 1, 0][mode] as number : channel + RESERVED_CHANNELS - 1;
    if (target > 0) {
      const peer = this.#peers.get(target);
      if (peer === undefined) {
        this._setLastError(new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid target peer: ${target}`));
        return ErrorCode.ERR_INVALID_PARAMETER;
      }
      const to = peer.channels[index];
      if (to === undefined) {
        this._setLastError(new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Unable to send packet on channel ${index}, max channels: ${peer.channels.length}`));
        return ErrorCode.ERR_INVALID_PARAMETER;
      }
      return to.putPacket(packet);
    }
    // Broadcast, as Godot: every peer added (connected or not) but -target; failures are not reported.
    for (const [id, peer] of this.#peers) {
      if (target !== 0 && id === -target) continue;
      peer.channels[index]?.putPacket(packet);
    }
    return ErrorCode.OK;
  }

  /** Godot's nominal 1200; a channel carries more (see `WebRTCDataChannel.getMaxMessageSize()`). */
  protected _getMaxPacketSize(): number {
    return MULTIPLAYER_MAX_PACKET_SIZE;
  }

  /** Godot's `close()`: every connection is dropped (closed here) without `peerDisconnected`. */
  protected _close(): void {
    for (const peer of [...this.#peers.values()]) this.#forget(peer, true);
    this.#mode = Mode.NONE;
    this.#status = ConnectionStatus.DISCONNECTED;
    this.#uniqueId = 0;
    this.#modes = [];
    this.#custom = [];
    this.#waiters?.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'The multiplayer peer was closed'));
  }

  /** The staged packet was read: the next one, in Godot's order, takes its place. */
  protected override _packetTaken(data: Uint8Array, info: MultiplayerPacketInfo): void {
    super._packetTaken(data, info);
    this.#stage();
  }

  // --- internals ------------------------------------------------------------------------

  #initialize(peerId: number, mode: Mode, channelsConfig: readonly TransferMode[]): ErrorCode {
    if (!Number.isInteger(peerId) || peerId < 1 || peerId > MAX_PEER_ID) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#mode !== Mode.NONE) return ErrorCode.ERR_ALREADY_IN_USE;
    if (!Array.isArray(channelsConfig) || !channelsConfig.every(isTransferMode)) {
      this._setLastError(new GodotError(ErrorCode.ERR_INVALID_PARAMETER, "The 'channels_config' array must contain only enum values from 'MultiplayerPeer.TransferMode'"));
      return ErrorCode.ERR_INVALID_PARAMETER;
    }
    this.#modes = [TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE, ...channelsConfig];
    this.#custom = channelsConfig.map((transfer, i) => {
      const config: Record<string, unknown> = { id: RESERVED_CHANNELS + i + 1, negotiated: true, ordered: true };
      if (transfer !== TransferMode.RELIABLE) config[this.#lifetimeKey] = 1;
      if (transfer === TransferMode.UNRELIABLE) config['ordered'] = false;
      return config;
    });
    this.#uniqueId = peerId;
    this.#mode = mode;
    this.#status = mode === Mode.CLIENT ? ConnectionStatus.CONNECTING : ConnectionStatus.CONNECTED;
    this._discardReceived();
    this._opened();
    return ErrorCode.OK;
  }

  #adopt(id: number, connection: WebRTCPeerConnectionBase, channels: WebRTCDataChannel[]): void {
    const infos = channels.map((_, index): MultiplayerPacketInfo => Object.freeze({
      peer: id,
      channel: index < RESERVED_CHANNELS ? 0 : index - RESERVED_CHANNELS + 1,
      mode: this.#modes[index] as TransferMode,
    }));
    const update = (): void => this.#update(id);
    const unwatch: Array<() => void> = [];
    channels.forEach((channel, index) => {
      // Godot's per-channel buffer, kept here so that packets can be read round-robin.
      this._attachChild(channel, id, {
        intercept: (data) => {
          if (this.#inbox.push(id, index, data, infos[index] as MultiplayerPacketInfo)) this.#stage();
          return true;
        },
      });
      // A channel's own failures (a message too big for its buffer, say) are this peer's too.
      const failed = (error: GodotError): void => this._emitError(error);
      channel.on('open', update).on('close', update).on('error', failed);
      unwatch.push(() => channel.off('open', update).off('close', update).off('error', failed));
    });
    connection.on('connectionStateChanged', update);
    unwatch.push(() => connection.off('connectionStateChanged', update));
    const peer: Peer = {
      id, connection, channels, connected: false,
      release: () => {
        for (const undo of unwatch) undo();
        for (const channel of channels) this._detachChild(channel);
      },
    };
    this.#peers.set(id, peer);
    this.#inbox.add(id, channels.length, Math.max(...channels.map((c) => c.receiveBufferSize)));
    this.#update(id);
  }

  /** Godot's `poll()` for one peer: is it connected now, or gone? */
  #update(id: number): void {
    const peer = this.#peers.get(id);
    if (peer === undefined) return;
    const state = peer.connection.getConnectionState();
    if (state === ConnectionState.NEW || state === ConnectionState.CONNECTING) return;
    if (state !== ConnectionState.CONNECTED) {
      this.#remove(peer);
      return;
    }
    let ready = 0;
    for (const channel of peer.channels) {
      const channelState = channel.getReadyState();
      if (channelState === ChannelState.OPEN) ready++;
      else if (channelState !== ChannelState.CONNECTING) {
        this.#remove(peer);
        return;
      }
    }
    if (ready !== peer.channels.length || peer.connected) return;
    peer.connected = true;
    this.#inbox.setReady(id, true);
    if (this.#mode === Mode.CLIENT) {
      this.#status = ConnectionStatus.CONNECTED;
      this.#waiters?.wake();
    }
    this.emit('peerConnected', id);
    this.#stage();
  }

  /** Godot's `remove_peer`: forgets the peer, announcing it if it was connected. */
  #remove(peer: Peer): void {
    const wasConnected = peer.connected;
    this.#forget(peer, true);
    if (!wasConnected) return;
    this.emit('peerDisconnected', peer.id);
    if (this.#mode === Mode.CLIENT && peer.id === TARGET_PEER_SERVER) this.#lostServer();
  }

  /** Forgets a peer without a word; with `close`, closes its connection. */
  #forget(peer: Peer | undefined, close: boolean): void {
    if (peer === undefined || this.#peers.get(peer.id) !== peer) return;
    this.#peers.delete(peer.id);
    peer.connected = false;
    peer.release();
    this.#inbox.remove(peer.id);
    if (close) peer.connection.close();
  }

  /** A client without its server is disconnected. */
  #lostServer(): void {
    this.#status = ConnectionStatus.DISCONNECTED;
    this.#waiters?.fail(new GodotError(ErrorCode.ERR_CANT_CONNECT, 'The connection to the server was lost'));
    this._ended();
  }

  /**
   * Stages the next packet (round-robin) while nothing is staged: into the queue, or straight to
   * a `packet` listener or a waiting iterator, which take it at once (then the next one follows).
   */
  #stage(): void {
    while (this._receivedCount === 0) {
      const next = this.#inbox.shift();
      if (next === undefined) return;
      this._deliver(next.data, next.info);
    }
  }
}
