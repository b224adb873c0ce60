/**
 * Flow control of received messages, Godot's back-pressure: each message goes to its consumer
 * (the peer's queue, or a multiplayer peer) while the consumer has room. When it has none, the
 * message waits here and the socket stops reading until the consumer has taken packets and
 * calls `flush()`, so only what one read from the OS already brought in (at most 64 KiB) ever
 * waits here. Where the socket cannot stop reading (browsers), the consumer must take or drop
 * each message, as Godot's web build does.
 */
import { PacketQueue } from '@pp/core';
import type { WsSocket } from './socket.js';

export interface InboundConsumer {
  /** Takes a message; false when there is no room (with `force` it must take or drop it). */
  take(data: Uint8Array, isText: boolean, force: boolean): boolean;
  /** Whether reading may resume once nothing waits here. */
  hasRoom(): boolean;
}

export class Inbound {
  readonly #consumer: InboundConsumer;
  #waiting: PacketQueue<boolean> | undefined;
  #socket: WsSocket | undefined;
  #paused = false;
  #flushing = false;

  constructor(consumer: InboundConsumer) {
    this.#consumer = consumer;
  }

  /** Whether messages wait here or reading is stopped. */
  get blocked(): boolean {
    return this.#paused || this.#waiting !== undefined;
  }

  /** A new connection: nothing waits, reading is on. */
  reset(): void {
    this.#waiting = undefined;
    this.#socket = undefined;
    this.#paused = false;
  }

  receive(data: Uint8Array, isText: boolean, socket: WsSocket): void {
    if (this.#waiting === undefined && this.#consumer.take(data, isText, false)) return;
    if (!socket.canPause) {
      this.#consumer.take(data, isText, true);
      return;
    }
    (this.#waiting ??= new PacketQueue<boolean>({ maxPackets: Infinity, maxBytes: Infinity })).push(data, isText);
    if (!this.#paused) {
      this.#paused = true;
      this.#socket = socket;
      socket.pause();
    }
  }

  /** Hands waiting messages on while the consumer takes them, then reads again. */
  flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      const waiting = this.#waiting;
      if (waiting !== undefined) {
        for (let item = waiting.peek(); item !== undefined; item = waiting.peek()) {
          if (!this.#consumer.take(item.data, item.info, false)) return;
          waiting.shift();
        }
        this.#waiting = undefined;
      }
      if (this.#paused && this.#consumer.hasRoom()) {
        this.#paused = false;
        this.#socket?.resume();
        this.#socket = undefined;
      }
    } finally {
      this.#flushing = false;
    }
  }
}
