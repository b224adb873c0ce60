/**
 * An in-memory server/client MultiplayerPeer network (like WebSocket or ENet in server mode:
 * clients only reach the server; relaying is SceneMultiplayer's job). Packets land in the
 * receiver's queue at once; connection events follow on a microtask, as a socket's would.
 * A candidate for @pp/core's kit: any package above the transports needs one for its tests.
 */
import { ConnectionStatus, ErrorCode, MultiplayerPeer, TransferMode, generateUniqueId } from '@pp/core';
import { toHex } from './hex.js';

export class MemoryMultiplayerHub {
  readonly peers = new Map<number, MemoryMultiplayerPeer>();
  /** Every packet sent, for assertions on the bytes. */
  readonly wire: Array<{ from: number; to: number; bytes: Uint8Array; channel: number; mode: TransferMode }> = [];

  createServer(): MemoryMultiplayerPeer {
    const server = new MemoryMultiplayerPeer(this, 1);
    this.peers.set(1, server);
    server.status = ConnectionStatus.CONNECTED;
    return server;
  }

  /** A client that connects on the next microtask (`CONNECTING` until then). */
  createClient(id = generateUniqueId()): MemoryMultiplayerPeer {
    const client = new MemoryMultiplayerPeer(this, id);
    client.status = ConnectionStatus.CONNECTING;
    queueMicrotask(() => {
      const server = this.peers.get(1);
      if (!server || server.status !== ConnectionStatus.CONNECTED || server.refuseNewConnections) {
        client.status = ConnectionStatus.DISCONNECTED;
        client.emitEvent('close');
        return;
      }
      this.peers.set(id, client);
      client.status = ConnectionStatus.CONNECTED;
      client.emitEvent('peerConnected', 1);
      server.emitEvent('peerConnected', id);
    });
    return client;
  }

  /** Drops the link between the server and `id`; both sides see it go. */
  cut(id: number): void {
    const client = this.peers.get(id);
    const server = this.peers.get(1);
    if (!client || id === 1) return;
    this.peers.delete(id);
    client.status = ConnectionStatus.DISCONNECTED;
    client.emitEvent('peerDisconnected', 1);
    client.emitEvent('close');
    server?.emitEvent('peerDisconnected', id);
  }
}

export class MemoryMultiplayerPeer extends MultiplayerPeer {
  status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  readonly #hub: MemoryMultiplayerHub;
  readonly #id: number;

  constructor(hub: MemoryMultiplayerHub, id: number) {
    super({}, { maxPackets: 100_000, maxBytes: 64 * 1024 * 1024 });
    this.#hub = hub;
    this.#id = id;
  }

  emitEvent(event: 'peerConnected' | 'peerDisconnected', id: number): void;
  emitEvent(event: 'close'): void;
  emitEvent(event: 'peerConnected' | 'peerDisconnected' | 'close', id?: number): void {
    if (event === 'close') this.emit('close');
    else this.emit(event, id as number);
  }

  /** Puts a packet in this peer's queue as if `from` sent it. */
  inject(from: number, bytes: Uint8Array, channel = 0, mode: TransferMode = TransferMode.RELIABLE): void {
    this._deliver(bytes.slice(), { peer: from, channel, mode });
  }

  poll(): void {}

  getConnectionStatus(): ConnectionStatus {
    return this.status;
  }

  getUniqueId(): number {
    return this.status === ConnectionStatus.DISCONNECTED ? 0 : this.#id;
  }

  override isServerRelaySupported(): boolean {
    return true;
  }

  disconnectPeer(id: number): void {
    if (this.#id === 1) queueMicrotask(() => this.#hub.cut(id));
    else queueMicrotask(() => this.#hub.cut(this.#id));
  }

  protected _putPacketTo(packet: Uint8Array, target: number, channel: number, mode: TransferMode): ErrorCode {
    if (this.status !== ConnectionStatus.CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const targets = this.#id !== 1 ? [1] : target > 0 ? [target] : [...this.#hub.peers.keys()].filter((id) => id !== 1 && id !== -target);
    for (const to of targets) {
      const peer = this.#hub.peers.get(to);
      if (!peer) {
        if (target > 0) return ErrorCode.ERR_INVALID_PARAMETER;
        continue;
      }
      const bytes = packet.slice();
      this.#hub.wire.push({ from: this.#id, to, bytes, channel, mode });
      peer.inject(this.#id, bytes, channel, mode);
    }
    return ErrorCode.OK;
  }

  protected _getMaxPacketSize(): number {
    return 1 << 24;
  }

  protected _close(): void {
    if (this.status === ConnectionStatus.DISCONNECTED) return;
    if (this.#id === 1) {
      for (const id of [...this.#hub.peers.keys()]) if (id !== 1) this.#hub.cut(id);
      this.#hub.peers.delete(1);
    } else {
      this.#hub.cut(this.#id);
    }
    this.status = ConnectionStatus.DISCONNECTED;
  }
}

/** Takes every packet waiting on `peer`, as hex. */
export function drainHex(peer: MultiplayerPeer): string[] {
  const out: string[] = [];
  while (peer.getAvailablePacketCount() > 0) out.push(toHex(peer.getPacket()));
  return out;
}
