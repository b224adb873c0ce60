/**
 * The lobby's authoritative server: Godot's SceneMultiplayer in TypeScript (@pp/scene) on a
 * WebSocketMultiplayerPeer. It authenticates players by name, spawns an avatar for each (name,
 * color and position travel with the spawn), relays chat, moves avatars on request (the position
 * goes out in every SYNC, the score in a DELTA when it changes) and keeps everyone's roster.
 * The Godot side is ../godot/ (lobby.gd, avatar.gd), unchanged.
 */
import { Color, PackedStringArray, Vector2 } from '@pp/core';
import { SceneMultiplayer, type DropReport, type SceneInstance } from '@pp/scene';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { Avatar, game } from './game.js';

/** Names: 1–16 letters, digits, `_` or `-`. */
export const NAME = /^[A-Za-z0-9_-]{1,16}$/;
/** Longest chat line relayed; longer ones are cut. */
export const MAX_TEXT = 120;
/** How far one `move` goes. */
export const STEP = 10;

const PALETTE = [new Color(0.9, 0.3, 0.3), new Color(0.3, 0.7, 0.9), new Color(0.4, 0.8, 0.3), new Color(0.9, 0.8, 0.2)];

export class LobbyServer {
  readonly transport = new WebSocketMultiplayerPeer();
  readonly mp: SceneMultiplayer<typeof game>;
  /** Admitted players by peer id. */
  readonly names = new Map<number, string>();
  readonly #avatars = new Map<number, SceneInstance<typeof Avatar>>();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void = () => undefined) {
    this.#log = log;
    this.mp = new SceneMultiplayer({ game, badPacketPolicy: 'disconnect' });
    this.mp.authCallback = (peer, data) => this.#authenticate(peer, new TextDecoder().decode(data));
    this.mp.on('peerConnected', (peer) => this.#join(peer));
    this.mp.on('peerDisconnected', (peer) => this.#leave(peer));
    this.mp.on('dropped', (report: DropReport) => log(`dropped a packet from ${report.peer} (${report.reason}): ${report.message}`));
    this.mp.onRpc('Lobby', 'say', (ctx, text) => {
      const who = this.names.get(ctx.sender);
      if (who === undefined) return;
      this.mp.rpc('Lobby', 'said', 0, who, text.slice(0, MAX_TEXT));
      log(`${who}: ${text}`);
    });
    this.mp.onRpc('Lobby', 'move', (ctx, direction) => {
      const avatar = this.#avatars.get(ctx.sender);
      const length = Math.hypot(direction.x, direction.y);
      if (!avatar || !(length <= 1)) return; // no teleporting
      const root = avatar.root;
      const at = root.get('position') as Vector2;
      root.set('position', new Vector2(at.x + direction.x * STEP, at.y + direction.y * STEP));
      root.set('score', Number(root.get('score')) + 1);
    });
  }

  /** Listens on `port` (0: any free one) and returns the port. */
  async listen(port: number, host = '*'): Promise<number> {
    this.transport.createServer(port, host);
    await this.transport.waitForConnected({ timeoutMs: 5000 });
    this.mp.multiplayerPeer = this.transport;
    this.mp.start();
    return this.transport.getLocalPort();
  }

  close(): void {
    this.mp.stop();
    this.transport.close();
  }

  #authenticate(peer: number, name: string): void {
    const taken = [...this.names.values()].includes(name);
    const answer = !NAME.test(name) ? 'invalid name' : taken ? 'name taken' : 'ok';
    this.mp.sendAuth(peer, new TextEncoder().encode(answer));
    if (answer !== 'ok') {
      this.#log(`refused ${JSON.stringify(name)}: ${answer}`);
      // Let the answer reach the client before the connection closes.
      setTimeout(() => this.mp.disconnectPeer(peer), 100);
      return;
    }
    this.names.set(peer, name);
    this.mp.completeAuth(peer);
  }

  #join(peer: number): void {
    const name = this.names.get(peer) ?? `peer${peer}`;
    const slot = this.#avatars.size;
    const avatar = this.mp.spawn('Lobby/AvatarSpawner', Avatar, {
      name: String(peer),
      props: { '.': { position: new Vector2(40 + 60 * slot, 80), player_name: name, color: PALETTE[slot % PALETTE.length] as Color } },
    });
    this.#avatars.set(peer, avatar);
    this.#log(`${name} joined (peer ${peer})`);
    this.#roster();
  }

  #leave(peer: number): void {
    const avatar = this.#avatars.get(peer);
    if (avatar) this.mp.despawn(avatar);
    this.#avatars.delete(peer);
    const name = this.names.get(peer);
    this.names.delete(peer);
    if (name !== undefined) this.#log(`${name} left`);
    this.#roster();
  }

  #roster(): void {
    if (this.mp.getPeers().length > 0) this.mp.rpc('Lobby', 'roster', 0, PackedStringArray.fromStrings(this.names.values()));
  }
}
