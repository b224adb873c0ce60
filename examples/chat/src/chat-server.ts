/**
 * A chat room on a WebSocketMultiplayerPeer server: clients join with a name, every line is
 * broadcast, and everyone hears who joins and leaves. Godot clients use
 * `godot/chat_client.gd`; Node clients `ChatClient`.
 */
import { Dictionary, bytesToVar, type MultiplayerPacketInfo, type VariantLike } from '@pp/core';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { MAX_NAME, MAX_TEXT, readClientMessage } from './protocol.js';

export class ChatServer {
  readonly peer = new WebSocketMultiplayerPeer();
  /** Names of the clients that joined, by peer id. */
  readonly names = new Map<number, string>();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void = () => undefined) {
    this.#log = log;
    this.peer.on('packet', (packet, info) => this.#receive(packet, info));
    this.peer.on('peerDisconnected', (id) => this.#leave(id));
  }

  /** Starts listening; resolves with the port (`port` 0 picks a free one). */
  async listen(port = 9080, bindAddress = '*'): Promise<number> {
    this.peer.createServer(port, bindAddress);
    await this.peer.waitForConnected({ timeoutMs: 5000 });
    this.#log(`chat server listening on port ${this.peer.getLocalPort()}`);
    return this.peer.getLocalPort();
  }

  close(): void {
    this.peer.close();
  }

  #receive(packet: Uint8Array, { peer: id }: MultiplayerPacketInfo): void {
    let message;
    try {
      message = readClientMessage(bytesToVar(packet));
    } catch {
      message = undefined; // not a Variant: ignored like any other bad message
    }
    if (message === undefined) return;
    if (message.type === 'join' && !this.names.has(id)) {
      const name = message.name.trim().slice(0, MAX_NAME) || `player-${id}`;
      this.names.set(id, name);
      this.#send(id, { type: 'welcome', id, users: new Dictionary([...this.names]) });
      this.#send(-id, { type: 'joined', id, name });
      this.#log(`${name} joined`);
    } else if (message.type === 'say' && this.names.has(id)) {
      const name = this.names.get(id) as string;
      const text = message.text.slice(0, MAX_TEXT);
      this.#send(0, { type: 'said', id, name, text });
      this.#log(`${name}: ${text}`);
    }
  }

  #leave(id: number): void {
    const name = this.names.get(id);
    if (name === undefined) return;
    this.names.delete(id);
    this.#send(0, { type: 'left', id, name });
    this.#log(`${name} left`);
  }

  /** Sends to `target` as Godot's set_target_peer understands it (0 all, -id all but id). */
  #send(target: number, message: Record<string, VariantLike>): void {
    this.peer.setTargetPeer(target);
    this.peer.putVar(message);
  }
}
