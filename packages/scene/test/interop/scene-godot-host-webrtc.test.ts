/**
 * The client role: the proof game (test/interop/game/) hosted by Godot 4.6 (official web build in
 * Chromium) as the server, SceneMultiplayer over WebRTCMultiplayerPeer.create_server, the host of
 * a client/server lobby of our signalling server. TypeScript bots join it with our
 * SceneMultiplayer over our WebRTCMultiplayerPeer (createClient): alice is accepted and plays,
 * mallory is refused. alice drives the host with chat() steps that it acknowledges with
 * chat("did <step>") (see game.gd's _host_chat). Over 127.0.0.1 only: our connections bind it, the
 * signalling relays only 127.0.0.1 candidates, Chromium runs with the WebRTC loopback flags.
 */
import { until } from '@pp/conformance/testing';
import { ConnectionStatus, ErrorCode, Vector2 } from '@pp/core';
import { decodeBase64Text, enableWebRtcLoopback, startGodot4Project, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import type { LobbyMultiplayer } from '@pp/webrtc';
import { beforeAll, expect, it } from 'vitest';
import { SceneMultiplayer, type DropReport, type SceneInstance } from '../../src/index.js';
import { GAME, stories, story } from '../support/arena-server-game.js';
import { Player, game } from '../support/arena-godot.generated.js';
import { gameFiles } from '../support/godot-game.js';
import { CLIENT_SYNC_AFTER_DESPAWN, SYNC_OVERTAKEN_ON_WEBRTC, errorsOf } from '../support/late-sync.js';
import { joinLobby, loopbackLobbyPeer, loopbackSignaling, webrtcDemoFiles } from '../support/webrtc-loopback.js';

/** A TypeScript client of the game: a SceneMultiplayer over a lobby peer, recording what it sees. */
class Bot {
  readonly log: string[] = [];
  readonly dropped: DropReport[] = [];
  readonly lobbyPeer: LobbyMultiplayer = loopbackLobbyPeer();
  mp!: SceneMultiplayer<typeof game>;
  player: SceneInstance | undefined;
  /** The id the signalling server gave it. */
  id = 0;

  constructor(readonly token: string) {}

  async join(url: string, lobby: string): Promise<void> {
    await joinLobby(this.lobbyPeer, url, lobby);
    this.id = this.lobbyPeer.multiplayer.getUniqueId();
    const mp = new SceneMultiplayer({ game, multiplayerPeer: this.lobbyPeer.multiplayer });
    this.mp = mp;
    const note = (line: string): void => void this.log.push(line);
    mp.on('dropped', (r) => this.dropped.push(r));
    mp.on('checksumMismatch', (m) => note(`mismatch ${m.message}`));
    mp.on('peerAuthenticating', (id) => mp.sendAuth(id, new TextEncoder().encode(this.token)));
    mp.authCallback = (id, data) => {
      const reply = new TextDecoder().decode(data);
      note(`auth ${id} ${reply}`);
      if (reply === 'welcome') mp.completeAuth(id);
    };
    mp.on('peerAuthenticationFailed', (id) => note(`auth failed ${id}`));
    mp.on('connectedToServer', () => {
      note('connected');
      mp.rpc('Main', 'hello', 1, this.token, 7, 2.5, new Vector2(1, 2));
      mp.sendBytes(new TextEncoder().encode(`bytes from ${this.token}`), 1);
    });
    mp.on('serverDisconnected', () => note('server disconnected'));
    mp.on('peerConnected', (id) => note(`peer ${id}`));
    mp.on('peerPacket', (id, bytes) => note(`raw ${id} ${new TextDecoder().decode(bytes)}`));
    mp.onRpc('Main', 'welcome', (ctx, message, peers, when) => note(`welcome ${ctx.sender} ${message} ${JSON.stringify(peers)} ${when}`));
    mp.onRpc('Main', 'chat', (ctx, text) => note(`chat ${ctx.sender} ${text}`));
    mp.onRpc('Main', 'ping', (ctx) => note(`ping ${ctx.sender}`));
    mp.onRpc('Main', 'command', (ctx, what, arg) => {
      note(`command ${ctx.sender} ${what} ${arg}`);
      // As game.gd's client: its own input, which only it may sync (InputSync's authority).
      if (what === 'input') this.player?.node('InputSync').set('direction', new Vector2(Number(arg), -Number(arg)));
    });
    mp.onRpc(Player, '.', 'hit', (ctx, damage) => note(`hit ${ctx.node.name} ${damage} ${ctx.sender}`));
    mp.on('spawned', (instance) => {
      const root = instance.root;
      note(`spawned ${instance.name} ${String(root.get('position'))} ${String(root.get('hp'))} ${String(root.get('nick'))} ${instance.node('InputSync').getMultiplayerAuthority()}`);
      if (instance.name === String(mp.getUniqueId())) this.player = instance;
    });
    mp.on('despawned', (instance) => note(`despawned ${instance.name}`));
    mp.start(10);
  }

  has(line: string): boolean {
    return this.log.includes(line);
  }

  /** Sends chat(`what`) to the host and waits for its "did `what`". */
  async step(what: string, handles: GodotHandle[]): Promise<void> {
    expect(this.mp.rpc('Main', 'chat', 1, what)).toBe(ErrorCode.OK);
    await until(() => this.has(`chat 1 did ${what}`), `the host doing "${what}"`, 10_000, stories(handles));
  }

  stop(): void {
    this.mp?.stop();
    this.lobbyPeer.stop();
  }
}

describeWithGodot4('SceneMultiplayer: TypeScript clients of a Godot 4.6 host (WebRTC)', () => {
  beforeAll(() => enableWebRtcLoopback());

  it('auth accepted and refused, RPCs both ways, send_bytes, the host\'s spawn/SYNC/DELTA/despawn, the bot\'s own SYNC', async () => {
    const { server: signaling, url } = await loopbackSignaling();
    const handles: GodotHandle[] = [];
    const alice = new Bot('alice');
    const mallory = new Bot('mallory');
    try {
      const host = await startGodot4Project({
        files: { ...gameFiles(GAME, 'game.gd', { ROLE: 'host', TRANSPORT: 'webrtc', URL: url, LOBBY: '', TOKEN: '' }), ...webrtcDemoFiles() },
        timeoutMs: 60_000,
      });
      handles.push(host);
      const lobby = decodeBase64Text(await host.waitForTag('lobby', 30_000));
      await Promise.all([alice.join(url, lobby), mallory.join(url, lobby)]);
      const { id } = alice;
      const me = String(id);

      // Admitted, welcomed, spawned with the host's spawn state; the host's DELTA after SPAWN.
      await until(() => alice.has(`welcome 1 hello alice [${id}] 1.5`) && alice.player !== undefined, 'alice welcomed and spawned', 20_000, stories(handles));
      await until(() => mallory.has('server disconnected'), 'mallory refused', 15_000, stories(handles));
      expect(alice.player?.root.get('hp')).toBe(100);
      // The host's SYNC (position) and DELTA (hp) of alice's player.
      await alice.step('move', handles);
      const root = (alice.player as SceneInstance).root;
      await until(() => String(root.get('position')) === String(new Vector2(33, 44)) && root.get('hp') === 75, 'the SYNC and DELTA', 15_000, stories(handles));
      // An RPC on the spawned node.
      await alice.step('hit', handles);
      await until(() => alice.has(`hit ${me} 12 1`), 'the hit', 15_000, stories(handles));
      // alice's own synchronizer: the host orders it, alice syncs it (path-based SYNC), the host applies it.
      await alice.step('input', handles);
      await host.waitForLine((l) => l.tag === 'input' && l.payload === `${me}|3,-3`, 10_000);
      // A call_local broadcast; send_bytes from the host.
      await alice.step('ping', handles);
      await until(() => alice.has('ping 1'), 'the ping', 15_000, stories(handles));
      await alice.step('bytes', handles);
      await until(() => alice.has('raw 1 bytes from the host'), 'the host\'s bytes', 15_000, stories(handles));
      // The host despawns alice's player.
      await alice.step('despawn', handles);
      await until(() => alice.has(`despawned ${me}`), 'the despawn', 15_000, stories(handles));
      expect(alice.mp.rpc('Main', 'chat', 1, 'bye')).toBe(ErrorCode.OK);
      const run = await host.finished;
      await until(() => alice.has('server disconnected'), 'alice seeing the host go', 15_000, stories(handles));

      // What the Godot host saw.
      expect(run.taggedText('auth_token').sort()).toEqual([`${id}|alice`, `${mallory.id}|mallory`].sort());
      expect(run.taggedText('hello')).toEqual([`${id}|alice|7|2.5|(1.0, 2.0)`]);
      expect(run.taggedText('raw')).toEqual([`${id}|bytes from alice`]);
      expect(run.taggedText('chat')).toEqual(['move', 'hit', 'input', 'ping', 'bytes', 'despawn', 'bye'].map((s) => `${id}|${s}`));
      expect(run.tagged('peer_connected')).toEqual([me]);
      expect(run.tagged('ready')).toEqual([`${me}|10,20|100|${btoa('alice')}|${me}`]);
      expect(run.tagged('ping')).toEqual(['1']);
      expect(errorsOf(run, [...CLIENT_SYNC_AFTER_DESPAWN, ...SYNC_OVERTAKEN_ON_WEBRTC])).toEqual([]);

      // What the bots saw.
      expect(alice.log.filter((l) => !l.startsWith('chat 1 did '))).toEqual([
        'auth 1 welcome', 'connected', 'peer 1',
        `spawned ${me} Vector2(10.0, 20.0) 100 alice ${me}`, `welcome 1 hello alice [${id}] 1.5`,
        `hit ${me} 12 1`, `command 1 input 3`, 'ping 1', 'raw 1 bytes from the host', `despawned ${me}`, 'server disconnected',
      ]);
      expect(alice.dropped).toEqual([]);
      expect(mallory.log).toEqual(['auth 1 go away', 'auth failed 1', 'server disconnected']);
      expect(mallory.mp.multiplayerPeer.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- alice ---\n${alice.log.join('\n')}\n--- mallory ---\n${mallory.log.join('\n')}\n--- Godot ---\n${handles.map((h) => story(h)).join('\n---\n')}`;
      throw error;
    } finally {
      alice.stop();
      mallory.stop();
      for (const h of handles) if (h.running) await h.stop();
      await signaling.close();
    }
  }, 90_000);
});
