/**
 * The browser's native `WebSocket` behind the socket interface: the only file that touches it.
 * Browsers cannot pause reading, send Pings, set headers or TCP options, limit a message's size,
 * and only send close codes 1000 and 3000–4999; see the README's browser notes.
 */
import type { Clock, TimerHandle } from '@pp/core';
import type { Connector, PlatformSocket, SocketHandlers } from '../platform-socket.js';

/** The part of the DOM `WebSocket` this file uses (the package does not compile against the DOM). */
interface NativeWebSocket {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly readyState: number;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
}

type NativeWebSocketConstructor = new (url: string, protocols?: string[]) => NativeWebSocket;

const CLOSING = 2;
/** How often a browser socket's `bufferedAmount` is checked while it has data to write. */
const DRAIN_CHECK_MS = 5;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

class NativeSocket implements PlatformSocket {
  readonly canPing = false;
  readonly canPause = false;
  readonly #ws: NativeWebSocket;
  readonly #handlers: SocketHandlers;
  readonly #clock: Clock;
  /** Messages sent since `bufferedAmount` was last 0: an upper bound of those still queued. */
  #sent = 0;
  #drainTimer: TimerHandle | undefined;
  #failure: string | undefined;
  #opened = false;
  #closed = false;

  constructor(ws: NativeWebSocket, handlers: SocketHandlers, clock: Clock) {
    this.#ws = ws;
    this.#handlers = handlers;
    this.#clock = clock;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.#opened = true;
      handlers.open({ protocol: ws.protocol, remoteAddress: '', remotePort: 0 });
    };
    ws.onmessage = ({ data }) => {
      const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data as ArrayBuffer);
      handlers.message(bytes, typeof data === 'string');
    };
    ws.onerror = () => {
      this.#failure ??= this.#opened ? 'The WebSocket connection failed' : 'Could not connect';
    };
    ws.onclose = ({ code, reason }) => this.#finish(code === 1006 ? -1 : code, reason);
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  get queuedMessages(): number {
    if (this.#ws.bufferedAmount === 0) this.#sent = 0;
    return this.#sent;
  }

  get remoteClosing(): boolean {
    return this.#ws.readyState === CLOSING;
  }

  // The browser copies the bytes when send() is called, so `owned` changes nothing here.
  send(data: Uint8Array, isText: boolean): void {
    if (this.#ws.bufferedAmount === 0) this.#sent = 0;
    this.#sent++;
    this.#ws.send(isText ? decoder.decode(data) : data);
    this.#drainTimer ??= this.#clock.schedule(DRAIN_CHECK_MS, this.#checkDrain);
  }

  readonly #checkDrain = (): void => {
    if (this.#ws.bufferedAmount > 0) {
      this.#drainTimer = this.#clock.schedule(DRAIN_CHECK_MS, this.#checkDrain);
      return;
    }
    this.#drainTimer = undefined;
    this.#sent = 0;
    this.#handlers.drain();
  };

  ping(): void {}

  close(code: number, reason: string): void {
    try {
      this.#ws.close(code, reason);
    } catch {
      this.#ws.close(1000, reason); // scripts may only send 1000 and 3000–4999
    }
  }

  terminate(): void {
    this.#ws.close();
    this.#finish(-1, '');
  }

  pause(): void {}

  resume(): void {}

  setNoDelay(): boolean {
    return false;
  }

  #stopDrainTimer(): void {
    this.#clock.cancel(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  #finish(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopDrainTimer();
    this.#ws.onopen = this.#ws.onmessage = this.#ws.onerror = this.#ws.onclose = null;
    const failure = this.#failure ?? (this.#opened ? undefined : 'The connection closed during the handshake');
    queueMicrotask(() => this.#handlers.closed(code, reason, failure === undefined ? undefined : { message: failure }));
  }
}

/** Opens a client connection with the browser's `WebSocket`. */
export const connectNative: Connector = (request, handlers) => {
  const NativeWebSocket = (globalThis as { WebSocket?: NativeWebSocketConstructor }).WebSocket;
  if (NativeWebSocket === undefined) throw new Error('This environment has no WebSocket');
  const ws = new NativeWebSocket(request.url.href, [...request.protocols]);
  return new NativeSocket(ws, handlers, request.clock);
};
