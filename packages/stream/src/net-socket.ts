/**
 * The only file that touches `node:net`: a TCP connection and a listening socket, with the
 * events `StreamPeerTCP` and `TCPServer` need and nothing else. Events of a connection that was
 * destroyed are ignored, and every socket always has an `error` listener, so a late error can
 * never crash the process.
 */
import { createConnection, createServer, isIP, type Server, type Socket } from 'node:net';
import { displayAddress } from '@pp/core';

const EMPTY = new Uint8Array(0);

/** A Node error with its `code` (`ECONNREFUSED`, `ENOTFOUND`, …). */
export type NetError = Error & { code?: string };

export interface ConnectionHandlers {
  onConnect(): void;
  /** Received bytes, owned by the handler. */
  onData(chunk: Uint8Array): void;
  /** The remote finished sending. */
  onEnd(): void;
  /** Everything written was handed to the OS. */
  onDrain(): void;
  onError(error: NetError): void;
  /** The socket is fully closed (after an error, or both ends finished). */
  onClose(): void;
}

/** Where a connection goes and what it binds locally. */
export interface ConnectTarget {
  host: string;
  port: number;
  localAddress?: string | undefined;
  localPort?: number | undefined;
  noDelay: boolean;
}

/** Whether `text` is an IPv4 or IPv6 address literal. */
export function isIPAddress(text: string): boolean {
  return isIP(text) !== 0;
}

export class TcpConnection {
  readonly #socket: Socket;
  #handlers: ConnectionHandlers | null = null;

  /** Starts connecting; `onConnect` or `onError` follows. */
  static connect(target: ConnectTarget, handlers: ConnectionHandlers): TcpConnection {
    const socket = createConnection({
      host: target.host,
      port: target.port,
      noDelay: target.noDelay,
      ...(target.localAddress === undefined ? {} : { localAddress: target.localAddress }),
      ...(target.localPort === undefined ? {} : { localPort: target.localPort }),
    });
    const connection = new TcpConnection(socket);
    connection.attach(handlers);
    return connection;
  }

  /** Wraps an accepted socket; events flow once {@link attach} is called. */
  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('error', (error: NetError) => this.#handlers?.onError(error));
  }

  attach(handlers: ConnectionHandlers): void {
    this.#handlers = handlers;
    const socket = this.#socket;
    socket.on('connect', this.#onConnect);
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('drain', this.#onDrain);
    socket.on('close', this.#onClose);
  }

  readonly #onConnect = (): void => this.#handlers?.onConnect();
  readonly #onData = (chunk: Buffer): void => this.#handlers?.onData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  readonly #onEnd = (): void => this.#handlers?.onEnd();
  readonly #onDrain = (): void => this.#handlers?.onDrain();
  readonly #onClose = (): void => this.#handlers?.onClose();

  /** Queues `data` for sending; it must not change afterwards. */
  write(data: Uint8Array): void {
    this.#socket.write(data);
  }

  /** Calls `callback` once everything written so far has been handed to the OS (or the socket closed). */
  whenFlushed(callback: () => void): void {
    this.#socket.write(EMPTY, () => callback());
  }

  /** Bytes written but not yet handed to the OS. */
  get bufferedAmount(): number {
    return this.#socket.writableLength;
  }

  setReading(reading: boolean): void {
    if (reading) this.#socket.resume();
    else this.#socket.pause();
  }

  setNoDelay(enabled: boolean): void {
    this.#socket.setNoDelay(enabled);
  }

  get localPort(): number {
    return this.#socket.localPort ?? 0;
  }

  get remoteAddress(): string {
    // Godot shows a dual-stack server's IPv4 clients as plain IPv4.
    return displayAddress(this.#socket.remoteAddress ?? '');
  }

  get remotePort(): number {
    return this.#socket.remotePort ?? 0;
  }

  /**
   * Gives the socket away: reading paused, the listeners of {@link attach} removed (an `error`
   * listener stays until the new holder adds its own), no more events reach the handlers.
   */
  release(): Socket {
    const socket = this.#socket;
    this.#handlers = null;
    socket.pause();
    socket.off('connect', this.#onConnect);
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('drain', this.#onDrain);
    socket.off('close', this.#onClose);
    return socket;
  }

  /** Closes at once (no more events reach the handlers). */
  destroy(): void {
    this.#handlers = null;
    this.#socket.destroy();
  }
}

export interface ListenerHandlers {
  onConnection(connection: TcpConnection): void;
  /** Listening failed after `listen` returned, or the listening socket failed later. */
  onError(error: NetError): void;
}

/** Options of {@link TcpListener.listen}. */
export interface ListenTarget {
  /** `undefined` listens on every IPv4 and IPv6 address (dual stack). */
  host: string | undefined;
  port: number;
  ipv6Only: boolean;
  backlog: number;
}

export class TcpListener {
  readonly #server: Server;
  #handlers: ListenerHandlers | null;
  #syncFailure = false;
  #error: NetError | undefined;

  /**
   * Starts listening. Without a host Node binds at once, and a failure is known when this
   * returns ({@link failedAtOnce}); with a host the address is looked up first, so the outcome
   * arrives through `onError` or {@link whenListening}.
   */
  constructor(target: ListenTarget, handlers: ListenerHandlers) {
    this.#handlers = handlers;
    this.#server = createServer({ allowHalfOpen: false });
    this.#server.on('connection', (socket: Socket) => {
      const connection = new TcpConnection(socket);
      if (this.#handlers === null) connection.destroy();
      else this.#handlers.onConnection(connection);
    });
    this.#server.on('error', (error: NetError) => {
      this.#error ??= error;
      this.#handlers?.onError(error);
    });
    // Node listens after looking the host up even if close() came in between: close it then.
    this.#server.on('listening', () => {
      if (this.#handlers === null) this.#server.close();
    });
    this.#server.listen({
      port: target.port,
      backlog: target.backlog,
      ...(target.host === undefined ? {} : { host: target.host, ipv6Only: target.ipv6Only }),
    });
    if (target.host === undefined && !this.#server.listening) this.#syncFailure = true;
  }

  /** Whether listening failed before the constructor returned (only known when no host was given). */
  get failedAtOnce(): boolean {
    return this.#syncFailure;
  }

  get listening(): boolean {
    return this.#server.listening;
  }

  /** Resolves once listening; rejects with the error that prevented it. */
  whenListening(): Promise<void> {
    if (this.#server.listening) return Promise.resolve();
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      const onListening = (): void => {
        this.#server.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        this.#server.off('listening', onListening);
        reject(error);
      };
      this.#server.once('listening', onListening);
      this.#server.once('error', onError);
    });
  }

  localPort(): number {
    const address = this.#server.address();
    return address !== null && typeof address === 'object' ? address.port : 0;
  }

  /** Stops accepting; connections already handed out stay open. */
  close(): void {
    this.#handlers = null;
    this.#server.close();
  }
}
