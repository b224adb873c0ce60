/**
 * A connection over the browser's native `WebSocket`: the only file that touches it.
 * Browsers cannot pause reading, send Pings, set headers or TCP options, limit a message's size,
 * and only send close codes 1000 and 3000–4999; see the README's browser notes.
 */
import type { TimerHandle } from '@pp/core';
import { WebSocketConnection, type ConnectionLink } from '../connection.js';
import type { ConnectRequest } from '../platform-socket.js';

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

export class NativeSocket<Owner = unknown> extends WebSocketConnection<Owner> {
  readonly accepted = false;
  readonly canPing = false;
  readonly canPause = false;
  #ws!: NativeWebSocket;
  /** Messages sent since `bufferedAmount` was last 0: an upper bound of those still queued. */
  #sent = 0;
  /** Largest message passed on (the browser's WebSocket has no limit to set). */
  #maxMessageSize = 0;
  #drainTimer: TimerHandle | undefined;
  #failure: string | undefined;
  #opened = false;
  #closed = false;

  constructor(link: ConnectionLink<Owner>) {
    super(link);
  }

  /** Connects (throws when this environment has no `WebSocket`, or it refuses the URL or protocols). */
  connect(request: ConnectRequest): void {
    const NativeWebSocket = (globalThis as { WebSocket?: NativeWebSocketConstructor }).WebSocket;
    if (NativeWebSocket === undefined) throw new Error('This environment has no WebSocket');
    const ws = new NativeWebSocket(request.url.href, [...request.protocols]);
    this.#ws = ws;
    this.#maxMessageSize = request.maxMessageSize;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      this.#opened = true;
      this.open({ protocol: ws.protocol, remoteAddress: '', remotePort: 0 });
    };
    ws.onmessage = ({ data }) => {
      const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data as ArrayBuffer);
      if (bytes.length > this.#maxMessageSize) this.oversized();
      else this.message(bytes, typeof data === 'string');
    };
    ws.onerror = () => {
      this.#failure ??= this.#opened ? 'The WebSocket connection failed' : 'Could not connect';
    };
    ws.onclose = ({ code, reason }) => this.finish(code === 1006 ? -1 : code, reason);
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
    this.#drainTimer ??= this._clock.schedule(DRAIN_CHECK_MS, this.#checkDrain);
  }

  readonly #checkDrain = (): void => {
    if (this.#ws.bufferedAmount > 0) {
      this.#drainTimer = this._clock.schedule(DRAIN_CHECK_MS, this.#checkDrain);
      return;
    }
    this.#drainTimer = undefined;
    this.#sent = 0;
    this.drain();
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
    this.finish(-1, '');
  }

  pause(): void {}

  resume(): void {}

  setNoDelay(): boolean {
    return false;
  }

  private stopDrainTimer(): void {
    this._clock.cancel(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  private finish(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.stopDrainTimer();
    this.#ws.onopen = this.#ws.onmessage = this.#ws.onerror = this.#ws.onclose = null;
    const failure = this.#failure ?? (this.#opened ? undefined : 'The connection closed during the handshake');
    queueMicrotask(() => this.closed(code, reason, failure === undefined ? undefined : { message: failure }));
  }
}

