import type { TransferMode} from '@pp/core';
import {
  ConnectionStatus, ErrorCode, MultiplayerPeer, TARGET_PEER_SERVER, isPort, type MultiplayerPacketInfo,
  type MultiplayerPeerEvents, type PacketPeerOptions,
} from '@pp/core';
import { resolveHost } from '@pp/udp';
import { isIP } from 'node:net';
import { ENetConnection, type ENetConnectionOptions } from '../enet-connection.js';
import type { ENetPacketInfo, ENetPacketPeer } from '../enet-packet-peer.js';
import { ENET_MAX_PACKET_SIZE, PeerState } from '../godot-constants.js';
import { SYSCH_MAX, clientChannels, receivedChannel, receivedMode, sendMapping } from './channels.js';

export interface ENetMultiplayerPeerOptions extends PacketPeerOptions {
  /** Options of the `ENetConnection`s this peer creates. @default {} */
  connection?: ENetConnectionOptions;
  /**
   * Reproduce Godot's `create_server` argument shift (godotengine/godot#123963): the host's
   * channel limit becomes 255 and its *incoming bandwidth* `maxChannels + 2` bytes/s (when
   * `maxChannels > 0`), ignoring `inBandwidth`. Off by default: we pass the arguments where they
   * belong. Turn it on to behave byte for byte like a Godot 4 server.
   * @default false
   */
  godotServerArgumentShift?: boolean;
  /** Most packets waiting for `getPacket()`. @default 65536 */
  maxQueuedPackets?: number;
  /** Most bytes waiting for `getPacket()`. @default 33554432 */
  maxQueuedBytes?: number;
}

type Mode = 'none' | 'server' | 'client' | 'mesh';

/**
 * Godot 4's `ENetMultiplayerPeer` (`modules/enet/enet_multiplayer_peer.cpp`): a core `MultiplayerPeer` over
 * `ENetConnection`s. The client's unique id travels as the 32-bit data of ENet's CONNECT; packets
 * carry no header (the ENet payload is the packet); transfer modes and channels map onto ENet
 * channels and flags by the tables of `channels.ts`. Each ENet peer is a child connection whose
 * packets feed this peer's queue (core's child-peer API).
 *
 * Everything runs with the event loop (the connections service themselves); `poll()` only
 * catches peers that went away without an event.
 */
export class ENetMultiplayerPeer extends MultiplayerPeer<MultiplayerPeerEvents> {
  readonly #options: ENetMultiplayerPeerOptions;
  #mode: Mode = 'none';
  #uniqueId = 0;
  #status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  #bindIp = '*';
  /** Key 0: the server's or client's host; mesh: one host per peer id. */
  readonly #hosts = new Map<number, ENetConnection>();
  /** Connections this peer created (and destroys in `close`). */
  readonly #owned = new Set<ENetConnection>();
  readonly #peers = new Map<number, ENetPacketPeer>();
  readonly #unhook = new Map<ENetConnection, () => void>();

  constructor(options: ENetMultiplayerPeerOptions = {}) {
    super(options, { maxPackets: options.maxQueuedPackets ?? 65536, maxBytes: options.maxQueuedBytes ?? 32 * 1024 * 1024 });
    this.#options = options;
  }

  // --- Godot's API -----------------------------------------------------------------------

  /**
   * Listens on `port` for up to `maxClients` clients with `maxChannels` channels of their own
   * (plus the two reserved ones), our bandwidths in bytes/s (0 = unlimited).
   * @returns `OK`, `ERR_ALREADY_IN_USE`, `ERR_INVALID_PARAMETER` or `ERR_CANT_CREATE`.
   */
  createServer(port: number, maxClients = 32, maxChannels = 0, inBandwidth = 0, outBandwidth = 0): ErrorCode {
    if (this.#mode !== 'none') return ErrorCode.ERR_ALREADY_IN_USE;
    this.refuseNewConnections = false;
    const host = this.#newConnection();
    const extra = maxChannels > 0 ? maxChannels + SYSCH_MAX : 0;
    const shifted = this.#options.godotServerArgumentShift === true;
    const error = host.createHostBound(this.#bindIp, port, maxClients, shifted ? 0 : extra, shifted ? extra : inBandwidth, outBandwidth);
    if (error !== ErrorCode.OK) {
      this.#owned.delete(host);
      return error;
    }
    this.#mode = 'server';
    this.#uniqueId = TARGET_PEER_SERVER;
    this.#status = ConnectionStatus.CONNECTED;
    this.#hosts.set(0, host);
    this.#hook(host, 0);
    this._opened();
    return ErrorCode.OK;
  }

  /**
   * Connects to a server at `address` (an IP address or a host name, resolved first) and `port`,
   * with `channelCount` channels of our own (0: all 255), our bandwidths, and `localPort` to bind
   * (0: any). The status is `CONNECTING` until the server accepts; a refusal or timeout ends in
   * `DISCONNECTED`.
   */
  createClient(address: string, port: number, channelCount = 0, inBandwidth = 0, outBandwidth = 0, localPort = 0): ErrorCode {
    if (this.#mode !== 'none') return ErrorCode.ERR_ALREADY_IN_USE;
    if (!isPort(port) || !isPort(localPort, true)) return ErrorCode.ERR_INVALID_PARAMETER;
    this.refuseNewConnections = false;
    const host = this.#newConnection();
    const error = localPort !== 0
      ? host.createHostBound(this.#bindIp, localPort, 1, 0, inBandwidth, outBandwidth)
      : host.createHost(1, 0, inBandwidth, outBandwidth);
    if (error !== ErrorCode.OK) {
      this.#owned.delete(host);
      return error;
    }
    const id = this.generateUniqueId();
    this.#mode = 'client';
    this.#uniqueId = id;
    this.#status = ConnectionStatus.CONNECTING;
    this.#hosts.set(0, host);
    this.#hook(host, 0);
    this._opened();
    const connect = (ip: string): boolean => {
      const peer = host.connectToHost(ip, port, clientChannels(channelCount), id);
      if (peer === null) return false;
      this.#addPeer(TARGET_PEER_SERVER, peer, false);
      return true;
    };
    if (isIP(address) !== 0) {
      if (connect(address)) return ErrorCode.OK;
      this.#reset();
      return ErrorCode.ERR_CANT_CREATE;
    }
    // Godot resolves the name before it returns; here the lookup finishes later, and a name that
    // does not resolve ends the attempt (CONNECTING → DISCONNECTED).
    void resolveHost(address).then((ip) => {
      if (this.#hosts.get(0) !== host) return;
      if (ip === undefined || !connect(ip)) this.close();
    });
    return ErrorCode.OK;
  }

  /** Starts a mesh with our own `uniqueId` (> 0); peers are added with `addMeshPeer`. */
  createMesh(uniqueId: number): ErrorCode {
    if (!Number.isInteger(uniqueId) || uniqueId <= 0) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#mode !== 'none') return ErrorCode.ERR_ALREADY_IN_USE;
    this.refuseNewConnections = false;
    this.#mode = 'mesh';
    this.#uniqueId = uniqueId;
    this.#status = ConnectionStatus.CONNECTED;
    this._opened();
    return ErrorCode.OK;
  }

  /**
   * Adds peer `peerId` of a mesh: `host` must have exactly one peer, connected (connect it
   * yourself, ids agreed out of band). Its packets are attributed to `peerId`; incoming
   * connections on it are refused.
   */
  addMeshPeer(peerId: number, host: ENetConnection | null): ErrorCode {
    if (host === null) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#mode !== 'mesh') return ErrorCode.ERR_UNCONFIGURED;
    const peers = host.getPeers();
    if (peers.length !== 1 || peers[0]!.getState() !== PeerState.STATE_CONNECTED) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#hosts.set(peerId, host);
    this.#hook(host, peerId);
    this.#addPeer(peerId, peers[0]!, true);
    return ErrorCode.OK;
  }

  /** The address servers and clients bind (default `'*'`). */
  setBindIp(ip: string): void {
    if (ip !== '*' && isIP(ip) === 0) throw new RangeError(`Invalid bind address ${JSON.stringify(ip)}`);
    this.#bindIp = ip;
  }

  /** The `ENetConnection` of a server or client (null in a mesh or when inactive). */
  get host(): ENetConnection | null {
    return this.#mode === 'mesh' ? null : (this.#hosts.get(0) ?? null);
  }

  /** The ENet peer of peer `id` (a client knows only 1). */
  getPeer(id: number): ENetPacketPeer | null {
    return this.#peers.get(id) ?? null;
  }

  override isServerRelaySupported(): boolean {
    return this.#mode === 'server' || this.#mode === 'client';
  }

  getUniqueId(): number {
    return this.#mode === 'none' ? 0 : this.#uniqueId;
  }

  /**
   * `get_connection_status()`: `CONNECTION_DISCONNECTED` before `createServer` / `createClient` /
   * `createMesh` and after `close`, `CONNECTION_CONNECTING` while a client waits for the server, else
   * `CONNECTION_CONNECTED`.
   */
  getConnectionStatus(): ConnectionStatus {
    return this.#status;
  }

  /** Catches peers that went away without an event (reset or disconnected-now by you). */
  poll(): void {
    for (const [id, peer] of [...this.#peers]) if (!peer.isActive()) this.#peerGone(id, peer);
  }

  /**
   * Disconnects peer `id` gracefully (a DISCONNECT goes out now). Without `force`,
   * `peerDisconnected(id)` follows when it completes; with `force` the peer is forgotten at
   * once, without `peerDisconnected`, as in Godot (and a client closes).
   */
  disconnectPeer(id: number, force = false): void {
    const peer = this.#peers.get(id);
    if (this.#mode === 'none' || peer === undefined) return;
    peer.peerDisconnect(0);
    (this.#mode === 'mesh' ? this.#hosts.get(id) : this.#hosts.get(0))?.flush();
    if (!force) return;
    this.#forget(id, peer);
    if (this.#mode === 'mesh') this.#dropHost(id);
    if (this.#mode === 'client') this.close();
  }

  // --- internals -------------------------------------------------------------------------

  protected _getMaxPacketSize(): number {
    return ENET_MAX_PACKET_SIZE;
  }

  protected _putPacketTo(packet: Uint8Array, target: number, channel: number, mode: TransferMode, owned: boolean): ErrorCode {
    if (this.#mode === 'none' || this.#status !== ConnectionStatus.CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    if (target !== 0 && !this.#peers.has(Math.abs(target))) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#mode === 'client' && !this.#peers.has(TARGET_PEER_SERVER)) return ErrorCode.ERR_BUG;
    const { channel: enetChannel, flags } = sendMapping(mode, channel);
    const data = owned ? packet : packet.slice();
    if (this.#mode === 'server') {
      const host = this.#hosts.get(0) as ENetConnection;
      if (target === 0) {
        host.broadcast(enetChannel, data, flags);
      } else if (target < 0) {
        for (const [id, peer] of this.#peers) {
          if (id !== -target) peer.send(enetChannel, data, flags);
        }
      } else {
        this.#peers.get(target)?.send(enetChannel, data, flags);
      }
      host.flush();
    } else if (this.#mode === 'client') {
      this.#peers.get(TARGET_PEER_SERVER)?.send(enetChannel, data, flags);
      this.#hosts.get(0)?.flush();
    } else if (target <= 0) {
      for (const [id, peer] of this.#peers) {
        if (id === Math.abs(target)) continue;
        peer.send(enetChannel, data, flags);
        this.#hosts.get(id)?.flush();
      }
    } else {
      this.#peers.get(target)?.send(enetChannel, data, flags);
      this.#hosts.get(target)?.flush();
    }
    return ErrorCode.OK;
  }

  /** Godot's `close()`: `peerDisconnectNow(0)` to every connected peer, then forget everything. */
  protected _close(): void {
    if (this.#mode === 'none') return;
    for (const peer of this.#peers.values()) {
      if (peer.getState() === PeerState.STATE_CONNECTED) peer.peerDisconnectNow(0);
    }
    for (const host of this.#hosts.values()) host.flush();
    this.#reset();
  }

  #reset(): void {
    for (const peer of this.#peers.values()) this._forgetChild(peer);
    this.#peers.clear();
    for (const [host, unhook] of this.#unhook) {
      unhook();
      if (this.#owned.has(host)) host.destroy();
    }
    this.#unhook.clear();
    this.#owned.clear();
    this.#hosts.clear();
    this.#mode = 'none';
    this.#uniqueId = 0;
    this.#status = ConnectionStatus.DISCONNECTED;
    this._discardReceived();
    this.refuseNewConnections = false;
    this._ended();
  }

  #newConnection(): ENetConnection {
    const host = new ENetConnection({ clock: this._clock, ...this.#options.connection });
    this.#owned.add(host);
    return host;
  }

  /** Listens to a host's events: that also makes it service itself. */
  #hook(host: ENetConnection, key: number): void {
    const onConnect = (peer: ENetPacketPeer, data: number): void => this.#onConnect(key, peer, data);
    host.on('connect', onConnect);
    this.#unhook.set(host, () => host.off('connect', onConnect));
  }

  #onConnect(key: number, peer: ENetPacketPeer, data: number): void {
    switch (this.#mode) {
      case 'server': {
        // Refused, invalid (< 2) and duplicate ids are reset silently, as Godot does: the
        // client believes it is connected until it times out.
        const id = data | 0;
        if (this.refuseNewConnections || id < 2 || this.#peers.has(id)) {
          peer.reset();
          return;
        }
        this.#addPeer(id, peer, true);
        return;
      }
      case 'client':
        if (this.#peers.get(TARGET_PEER_SERVER) !== peer) return;
        this.#status = ConnectionStatus.CONNECTED;
        this.emit('peerConnected', TARGET_PEER_SERVER);
        return;
      case 'mesh':
        if (key !== 0 && this.#peers.get(key) !== peer) peer.reset();
        return;
      default:
        peer.reset();
    }
  }

  #addPeer(id: number, peer: ENetPacketPeer, announce: boolean): void {
    this.#peers.set(id, peer);
    const infos = new Map<number, MultiplayerPacketInfo>();
    this._attachChild<ENetPacketInfo>(peer, id, {
      describe: (info) => {
        const mode = receivedMode(info.flags);
        const key = info.channel * 4 + mode;
        let described = infos.get(key);
        if (described === undefined) infos.set(key, (described = Object.freeze({ peer: id, channel: receivedChannel(info.channel), mode })));
        return described;
      },
    });
    peer.once('disconnect', () => this.#peerGone(id, peer));
    if (announce) this.emit('peerConnected', id);
  }

  #peerGone(id: number, peer: ENetPacketPeer): void {
    if (this.#peers.get(id) !== peer) return;
    this.#forget(id, peer);
    if (this.#mode === 'client') {
      const wasConnected = this.#status === ConnectionStatus.CONNECTED;
      if (wasConnected) this.emit('peerDisconnected', TARGET_PEER_SERVER);
      this.close();
      return;
    }
    if (this.#mode === 'mesh') this.#dropHost(id);
    this.emit('peerDisconnected', id);
  }

  #forget(id: number, peer: ENetPacketPeer): void {
    this.#peers.delete(id);
    this._forgetChild(peer);
  }

  #dropHost(id: number): void {
    const host = this.#hosts.get(id);
    if (host === undefined) return;
    this.#hosts.delete(id);
    this.#unhook.get(host)?.();
    this.#unhook.delete(host);
  }

  /**
   * Passes `refuseNewConnections` on to every ENet host of this peer (`ENetConnection.refuseNewConnections`).
   */
  protected override _refuseNewConnectionsChanged(refuse: boolean): void {
    for (const host of this.#hosts.values()) host.refuseNewConnections(refuse);
  }
}
