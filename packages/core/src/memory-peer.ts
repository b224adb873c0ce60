import { ErrorCode } from './error.js';
import { PacketPeer, type PacketPeerOptions } from './packet-peer.js';

export interface MemoryPairOptions extends PacketPeerOptions {
  /**
   * Largest packet `putPacket` accepts; bigger ones return `ERR_INVALID_PARAMETER`.
   * @default 16777216
   */
  maxPacketSize?: number;
  /**
   * Most packets a side holds unread; more are dropped (and counted in `droppedPackets`).
   * @default 4096
   */
  maxQueuedPackets?: number;
  /**
   * Most bytes a side holds unread.
   * @default 67108864
   */
  maxQueuedBytes?: number;
}

/**
 * Two PacketPeers connected in memory: what one puts, the other receives on the next microtask,
 * in order, copied. For tests, examples and running game logic without a network.
 */
export class MemoryPacketPeer extends PacketPeer {
  #remote: MemoryPacketPeer | null = null;
  readonly #maxPacketSize: number;

  /** Use `createMemoryPair()`. */
  constructor(options: MemoryPairOptions = {}) {
    super(options, {
      maxPackets: options.maxQueuedPackets ?? 4096,
      maxBytes: options.maxQueuedBytes ?? 64 * 1024 * 1024,
    });
    this.#maxPacketSize = options.maxPacketSize ?? 16 * 1024 * 1024;
  }

  /** Whether the other side is still there. */
  get connected(): boolean {
    return this.#remote !== null;
  }

  protected _putPacket(packet: Uint8Array, owned: boolean): ErrorCode {
    const remote = this.#remote;
    if (remote === null) return ErrorCode.ERR_UNCONFIGURED;
    if (packet.length > this.#maxPacketSize) return ErrorCode.ERR_INVALID_PARAMETER;
    const copy = owned ? packet : packet.slice();
    queueMicrotask(() => remote.#receive(copy, this));
    return ErrorCode.OK;
  }

  #receive(packet: Uint8Array, from: MemoryPacketPeer): void {
    if (this.#remote === from) this._deliver(packet, undefined);
  }

  protected _getMaxPacketSize(): number {
    return this.#maxPacketSize;
  }

  protected _close(): void {
    const remote = this.#remote;
    if (remote === null) return;
    this.#remote = null;
    remote.#remote = null;
    queueMicrotask(() => remote._ended());
  }

  /** @internal */
  static link(a: MemoryPacketPeer, b: MemoryPacketPeer): void {
    a.#remote = b;
    b.#remote = a;
  }
}

/** Two connected in-memory peers. */
export function createMemoryPair(options: MemoryPairOptions = {}): [MemoryPacketPeer, MemoryPacketPeer] {
  const a = new MemoryPacketPeer(options);
  const b = new MemoryPacketPeer(options);
  MemoryPacketPeer.link(a, b);
  return [a, b];
}
