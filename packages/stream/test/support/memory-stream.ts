/**
 * A StreamPeer in memory, for framing tests that must control exactly how bytes arrive, and
 * pairs of them (`memoryStreamPair`) whose writes arrive at the other end on the next microtask.
 */
import type { GodotError } from '@pp/core';
import { StreamPeer, type StreamPeerOptions } from '../../src/index.js';

export class MemoryStreamPeer extends StreamPeer {
  /** Everything written, one entry per write. */
  readonly written: Uint8Array[] = [];
  connected = true;
  /** The other end of a pair: what this one writes arrives there. */
  remote: MemoryStreamPeer | null = null;

  constructor(options: StreamPeerOptions = {}) {
    super(options);
    this._opened();
  }

  /** Bytes "arrive from the network". */
  feed(bytes: Uint8Array | number[]): void {
    this._receive(Uint8Array.from(bytes));
  }

  /** The remote finishes sending. */
  end(): void {
    this._receiveEnd();
  }

  /** All written bytes, concatenated. */
  output(): Uint8Array {
    const out = new Uint8Array(this.written.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.written) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  close(): void {
    if (!this.connected) return;
    this.connected = false;
    this._closed();
    const remote = this.remote;
    if (remote !== null) queueMicrotask(() => remote.end());
  }

  abort(error: GodotError): void {
    if (!this.connected) return;
    this.connected = false;
    this.emit('error', error);
    this._closed(error);
  }

  protected _isConnected(): boolean {
    return this.connected;
  }

  protected _write(data: Uint8Array): void {
    const remote = this.remote;
    if (remote === null) {
      this.written.push(data);
      return;
    }
    queueMicrotask(() => {
      if (remote.connected) remote.feed(data);
    });
  }

  protected _bufferedAmount(): number {
    return 0;
  }

  protected _endOfStream(): void {
    this.close();
  }
}

/** Two connected memory streams. */
export function memoryStreamPair(options: StreamPeerOptions = {}): [MemoryStreamPeer, MemoryStreamPeer] {
  const a = new MemoryStreamPeer(options);
  const b = new MemoryStreamPeer(options);
  a.remote = b;
  b.remote = a;
  return [a, b];
}

/** A memory stream whose written bytes are fed back as received bytes by `flush()`. */
export function loopbackStream(options: StreamPeerOptions = {}): MemoryStreamPeer & { flush(): void } {
  const stream = new MemoryStreamPeer(options) as MemoryStreamPeer & { flush(): void };
  stream.flush = () => {
    for (const chunk of stream.written.splice(0)) stream.feed(chunk);
  };
  return stream;
}
