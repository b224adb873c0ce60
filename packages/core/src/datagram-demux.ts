import { ErrorCode } from './error.js';
import { addressKey, type DatagramAddress, type DatagramEndpoint, type DatagramLink } from './datagram.js';

/**
 * A datagram from an address that has no link yet. Return true to accept the sender: `link` is
 * kept, and later datagrams go to its `onDatagram`; `data` (this first datagram) is yours either
 * way. Return false to refuse it: the link is discarded.
 */
export type NewSenderHandler = (link: DatagramLink, data: Uint8Array) => boolean;

/**
 * Godot's per-address demultiplexing of one datagram socket (what `UDPServer` does, and what a
 * DTLS server or an ENet host needs): each remote address gets a {@link DatagramLink}; a datagram
 * from an address without one is offered to `onNewSender`, which may accept the sender (keeping
 * the link it is given) or refuse it (the datagram is dropped).
 */
export class DatagramDemux {
  /** The endpoint all links share. */
  readonly endpoint: DatagramEndpoint;
  readonly #links = new Map<string, Link>();
  readonly #onNewSender: NewSenderHandler;
  #closed = false;

  /** Takes over `endpoint.onDatagram`. `onNewSender` decides on unknown senders (default: refuse). */
  constructor(endpoint: DatagramEndpoint, onNewSender: NewSenderHandler = () => false) {
    this.endpoint = endpoint;
    this.#onNewSender = onNewSender;
    endpoint.onDatagram = (data, from) => this.#route(data, from);
  }

  /** Links currently open. */
  get size(): number {
    return this.#links.size;
  }

  /** The link of `address`, if it has one. */
  get(address: DatagramAddress): DatagramLink | undefined {
    return this.#links.get(addressKey(address));
  }

  /** Every open link. */
  links(): IterableIterator<DatagramLink> {
    return this.#links.values();
  }

  /**
   * The link to `remote`, made now if needed (a client's "connect": only `remote` is heard from
   * when `onNewSender` refuses everyone else).
   */
  connect(remote: DatagramAddress): DatagramLink {
    const key = addressKey(remote);
    const known = this.#links.get(key);
    if (known !== undefined) return known;
    const link = new Link(this, key, Object.freeze({ ip: remote.ip, port: remote.port }));
    this.#links.set(key, link);
    return link;
  }

  /** Closes every link (their `onClose` runs) and then the endpoint. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.endpoint.onDatagram = null;
    const links = [...this.#links.values()];
    this.#links.clear();
    for (const link of links) link.close();
    this.endpoint.close();
  }

  /** @internal A link closed itself. */
  forget(link: Link): void {
    if (this.#links.get(link.key) === link) this.#links.delete(link.key);
  }

  #route(data: Uint8Array, from: DatagramAddress): void {
    const key = addressKey(from);
    const known = this.#links.get(key);
    if (known !== undefined) {
      known.onDatagram?.(data);
      return;
    }
    if (this.#closed) return;
    const link = new Link(this, key, from);
    this.#links.set(key, link);
    if (!this.#onNewSender(link, data) && this.#links.get(key) === link) {
      this.#links.delete(key);
      link.discard();
    }
  }
}

class Link implements DatagramLink {
  onDatagram: ((data: Uint8Array) => void) | null = null;
  onClose: (() => void) | null = null;
  readonly endpoint: DatagramEndpoint;
  #closed = false;

  constructor(
    readonly demux: DatagramDemux,
    readonly key: string,
    readonly remote: DatagramAddress,
  ) {
    this.endpoint = demux.endpoint;
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(data: Uint8Array, owned = false): ErrorCode {
    if (this.#closed) return ErrorCode.ERR_UNCONFIGURED;
    return this.endpoint.send(data, this.remote, owned);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.demux.forget(this);
    const onClose = this.onClose;
    this.onClose = null;
    this.onDatagram = null;
    onClose?.();
  }

  /** A refused sender's link: closed without callbacks. */
  discard(): void {
    this.#closed = true;
    this.onClose = null;
    this.onDatagram = null;
  }
}
