/** A StreamPeer in memory, for framing tests that must control exactly how bytes arrive. */
import type { GodotError } from '@pp/core';
import { StreamPeer, type StreamPeerOptions } from '../../src/index.js';

export class MemoryStreamPeer extends StreamPeer {
  /** Everything written, one entry per write. */
  readonly written: Uint8Array[] = [];
  connected = true;

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
    this.written.push(data);
  }

  protected _bufferedAmount(): number {
    return 0;
  }

  protected _endOfStream(): void {
    this.close();
  }
}
