/**
 * A hand-made WebSocket client over a raw TCP socket, for sending what well-behaved clients
 * never send: fragmented messages, invalid UTF-8, floods, partial handshakes, garbage.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { withTimeout } from './scope.js';

export interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

export interface HandshakeResponse {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Record<string, string>;
  readonly raw: string;
}

export const Opcode = { CONTINUATION: 0, TEXT: 1, BINARY: 2, CLOSE: 8, PING: 9, PONG: 10 } as const;

/** One frame, masked as a client must. */
export function encodeFrame(opcode: number, payload: Uint8Array, { fin = true, mask = true, rsv1 = false } = {}): Buffer {
  const length = payload.length;
  const extra = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + extra + (mask ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  header[1] = (mask ? 0x80 : 0) | (extra === 0 ? length : extra === 2 ? 126 : 127);
  if (extra === 2) header.writeUInt16BE(length, 2);
  if (extra === 8) header.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (mask) {
    const key = randomBytes(4);
    key.copy(header, 2 + extra);
    for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (key[i & 3] as number);
  }
  return Buffer.concat([header, body]);
}

export class RawClient {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  #frames: Frame[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #headRead = false;
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
      this.#wake?.();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.#ended = true;
      this.#wake?.();
      resolve();
    }));
  }

  /** Opens a TCP connection without sending anything. */
  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await withTimeout(new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    }), 5000, 'a TCP connection');
    return new RawClient(socket);
  }

  /** Opens a connection and performs the opening handshake with `extraHeaders`. */
  static async handshake(port: number, extraHeaders: string[] = [], path = '/'): Promise<{ client: RawClient; response: HandshakeResponse }> {
    const client = await RawClient.open(port);
    const key = randomBytes(16).toString('base64');
    client.write([
      `GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13', ...extraHeaders, '', '',
    ].join('\r\n'));
    const response = await client.readResponse();
    return { client, response };
  }

  write(data: string | Uint8Array): void {
    this.socket.write(data);
  }

  send(opcode: number, payload: Uint8Array | string, options?: { fin?: boolean; mask?: boolean; rsv1?: boolean }): void {
    this.write(encodeFrame(opcode, typeof payload === 'string' ? Buffer.from(payload) : payload, options));
  }

  /** Reads the HTTP response head (until the blank line). */
  async readResponse(ms = 5000): Promise<HandshakeResponse> {
    for (;;) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end !== -1) {
        const raw = this.#buffer.subarray(0, end).toString('latin1');
        this.#buffer = this.#buffer.subarray(end + 4);
        this.#headRead = true;
        const [status, ...lines] = raw.split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const at = line.indexOf(':');
          headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
        }
        this.#parse();
        return { status: Number(status?.split(' ')[1]), headers, raw };
      }
      if (this.#ended) throw new Error('the connection closed before an HTTP response');
      await this.#waitForData(ms, 'an HTTP response');
    }
  }

  /** The next frame the server sent. */
  async readFrame(ms = 5000): Promise<Frame> {
    for (;;) {
      const frame = this.#frames.shift();
      if (frame !== undefined) return frame;
      if (this.#ended) throw new Error('the connection closed before a frame');
      await this.#waitForData(ms, 'a frame');
    }
  }

  /** The server's Close frame: its code and reason. */
  async readClose(ms = 5000): Promise<{ code: number; reason: string }> {
    for (;;) {
      const frame = await this.readFrame(ms);
      if (frame.opcode !== Opcode.CLOSE) continue;
      return { code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005, reason: frame.payload.subarray(2).toString() };
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  #parse(): void {
    // Frames only start after the HTTP response head has been consumed.
    if (!this.#headRead) return;
    for (;;) {
      const b = this.#buffer;
      if (b.length < 2) return;
      let length = (b[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) return;
      this.#frames.push({ fin: ((b[0] as number) & 0x80) !== 0, opcode: (b[0] as number) & 0x0f, payload: b.subarray(offset, offset + length) });
      this.#buffer = b.subarray(offset + length);
    }
  }

  #waitForData(ms: number, what: string): Promise<void> {
    return withTimeout(new Promise<void>((resolve) => (this.#wake = resolve)), ms, what);
  }
}
