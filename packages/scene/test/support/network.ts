/** A server and clients, each a SceneMultiplayer over the in-memory transport, polled together. */
import type { GameDecl } from '../../src/index.js';
import { SceneMultiplayer, type SceneMultiplayerOptions } from '../../src/index.js';
import { MemoryMultiplayerHub } from './memory-multiplayer.js';
import { settle } from './wait.js';

export class TestNetwork<G extends GameDecl> {
  readonly hub = new MemoryMultiplayerHub();
  readonly server: SceneMultiplayer<G>;
  readonly clients: Array<SceneMultiplayer<G>> = [];
  readonly #options: Omit<SceneMultiplayerOptions<G>, 'multiplayerPeer'>;

  constructor(options: Omit<SceneMultiplayerOptions<G>, 'multiplayerPeer'>, server: Partial<SceneMultiplayerOptions<G>> = {}) {
    this.#options = options;
    this.server = new SceneMultiplayer({ ...options, ...server, multiplayerPeer: this.hub.createServer() });
  }

  /** A client with id `id`; its transport connects on the next turn. */
  client(id: number, options: Partial<SceneMultiplayerOptions<G>> = {}): SceneMultiplayer<G> {
    const client = new SceneMultiplayer({ ...this.#options, ...options, multiplayerPeer: this.hub.createClient(id) });
    this.clients.push(client);
    return client;
  }

  /** Lets connections happen, then polls everyone `rounds` times. */
  async run(rounds = 3): Promise<void> {
    await settle();
    for (let i = 0; i < rounds; i++) {
      this.server.poll();
      for (const client of this.clients) client.poll();
      await settle();
    }
  }
}
