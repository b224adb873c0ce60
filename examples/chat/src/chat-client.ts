/** A Node client for the chat (a bot, a test, a terminal UI): the same protocol as the Godot script. */
import { bytesToVar, type WaitOptions } from '@pp/core';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { readServerMessage, type ServerMessage } from './protocol.js';

export class ChatClient {
  readonly peer = new WebSocketMultiplayerPeer();
  /** Every message from the server, in order. */
  readonly received: ServerMessage[] = [];
  #wake: (() => void) | undefined;

  constructor() {
    this.peer.on('packet', (packet) => {
      let message: ServerMessage | undefined;
      try {
        message = readServerMessage(bytesToVar(packet));
      } catch {
        return; // not a Variant
      }
      if (message === undefined) return;
      this.received.push(message);
      this.#wake?.();
    });
  }

  /** Connects to `url` and joins as `name`. */
  async join(url: string, name: string, options: WaitOptions = { timeoutMs: 5000 }): Promise<void> {
    this.peer.createClient(url);
    await this.peer.waitForConnected(options);
    this.peer.putVar({ type: 'join', name });
  }

  say(text: string): void {
    this.peer.putVar({ type: 'say', text });
  }

  /** Resolves with the first message (from the start) that `match` accepts. */
  async waitFor(match: (message: ServerMessage) => boolean, timeoutMs = 5000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching chat message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  leave(): void {
    this.peer.close();
  }
}
