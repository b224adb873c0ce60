/**
 * A TypeScript player (a bot, a load test): SceneMultiplayer in the client role, with the same
 * declaration as the server, so it sees what a Godot client sees — the roster, chat, avatars
 * spawned with their name and color, positions by SYNC and scores by DELTA.
 */
import type { Vector2, WaitOptions } from '@pp/core';
import { SceneMultiplayer, type SceneInstance } from '@pp/scene';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { game } from './game.js';

export class LobbyBot {
  readonly mp = new SceneMultiplayer({ game });
  readonly transport = new WebSocketMultiplayerPeer();
  /** What the bot saw, as lines like the Godot client prints. */
  readonly lines: string[] = [];
  #refusal: string | undefined;

  constructor(readonly name: string) {
    this.mp.authCallback = (peer, data) => {
      const answer = new TextDecoder().decode(data);
      if (answer === 'ok') this.mp.completeAuth(peer);
      else this.#refusal = answer;
    };
    this.mp.on('peerAuthenticating', (peer) => this.mp.sendAuth(peer, new TextEncoder().encode(name)));
    this.mp.onRpc('Lobby', 'said', (_ctx, who, text) => this.lines.push(`${who}: ${text}`));
    this.mp.onRpc('Lobby', 'roster', (_ctx, names) => this.lines.push(`in the lobby: ${[...names].join(', ')}`));
    this.mp.on('spawned', (avatar) => this.lines.push(`${String(avatar.root.get('player_name'))} appears at ${String(avatar.root.get('position'))}`));
    this.mp.on('deltaSynchronized', (sync) => {
      const root = sync.instance?.root;
      if (root) this.lines.push(`${String(root.get('player_name'))} score ${String(root.get('score'))}`);
    });
  }

  /** Connects and authenticates; rejects with the server's answer when refused. */
  async join(url: string, options: WaitOptions = { timeoutMs: 5000 }): Promise<void> {
    this.transport.createClient(url);
    this.mp.multiplayerPeer = this.transport;
    this.mp.start();
    const connected = new Promise<void>((resolve, reject) => {
      this.mp.once('connectedToServer', resolve);
      this.mp.once('serverDisconnected', () => reject(new Error(`refused: ${this.#refusal ?? 'disconnected'}`)));
    });
    const timeout = options.timeoutMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([connected, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('join timed out')), timeout)))]).finally(() => clearTimeout(timer));
  }

  say(text: string): void {
    this.mp.rpc('Lobby', 'say', 1, text);
  }

  move(direction: Vector2): void {
    this.mp.rpc('Lobby', 'move', 1, direction);
  }

  /** The avatar of `peer` as this bot mirrors it. */
  avatarOf(peer: number): SceneInstance | undefined {
    return this.mp.tree.get(`Lobby/Avatars/${peer}`)?.instance ?? undefined;
  }

  /** Resolves once a line matching `match` was seen. */
  async waitFor(match: RegExp | string, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find((line) => (typeof match === 'string' ? line === match : match.test(line)));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${this.name} never saw ${String(match)}; saw:\n${this.lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  leave(): void {
    this.mp.stop();
    this.transport.close();
  }
}
