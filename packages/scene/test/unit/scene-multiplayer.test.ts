/** SceneMultiplayer against itself over the in-memory transport: both roles, auth, relay, RPCs, replication. */
import { ErrorCode, Float, ManualClock, TransferMode, Vector2 } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, defineGame, rpc, t, type DropReport } from '../../src/index.js';
import { Avatar, arena } from '../support/arena-game.js';
import { MemoryMultiplayerHub } from '../support/memory-multiplayer.js';
import { TestNetwork } from '../support/network.js';
import { settle } from '../support/wait.js';
import { toHex } from '../support/hex.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (b: Uint8Array): string => new TextDecoder().decode(b);

function record(mp: SceneMultiplayer<any>): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const log: string[] = [];
  mp.on('peerConnected', (id) => log.push(`connected ${id}`));
  mp.on('peerDisconnected', (id) => log.push(`disconnected ${id}`));
  mp.on('connectedToServer', () => log.push('connected_to_server'));
  mp.on('serverDisconnected', () => log.push('server_disconnected'));
  mp.on('connectionFailed', () => log.push('connection_failed'));
  mp.on('peerAuthenticating', (id) => log.push(`authenticating ${id}`));
  mp.on('peerAuthenticationFailed', (id) => log.push(`auth_failed ${id}`));
  mp.on('peerPacket', (id, b) => log.push(`packet ${id} ${str(b)}`));
  mp.on('dropped', (r) => log.push(`dropped ${r.peer} ${r.reason}`));
  return log;
}

describe('SceneMultiplayer: connection and roles', () => {
  it('a client joins: ids, roles, connected_to_server, peers', async () => {
    const net = new TestNetwork({ game: arena });
    const client = net.client(5);
    const serverLog = record(net.server);
    const clientLog = record(client);
    expect(client.getUniqueId()).toBe(5);
    await net.run();
    expect(net.server.isServer()).toBe(true);
    expect(client.isServer()).toBe(false);
    expect(net.server.getPeers()).toEqual([5]);
    expect(client.getPeers()).toEqual([1]);
    expect(serverLog).toEqual(['connected 5']);
    expect(clientLog).toEqual(['connected_to_server', 'connected 1']);
  });

  it('refuses a peer that is not connecting or connected, and reports connection_failed / server_disconnected', async () => {
    const hub = new MemoryMultiplayerHub();
    const idle = hub.createClient(3); // no server: it fails on the next turn
    const mp = new SceneMultiplayer({ game: arena, multiplayerPeer: idle });
    const log = record(mp);
    await settle();
    mp.poll();
    expect(log).toEqual(['connection_failed']);
    expect(() => new SceneMultiplayer({ game: arena, multiplayerPeer: idle })).toThrow(/connecting or connected/);

    const net = new TestNetwork({ game: arena });
    const client = net.client(4);
    const clientLog = record(client);
    await net.run();
    net.server.multiplayerPeer.close();
    await net.run();
    expect(clientLog).toEqual(['connected_to_server', 'connected 1', 'disconnected 1', 'server_disconnected']);
    expect(client.getPeers()).toEqual([]);
  });
});

describe('SceneMultiplayer: leaving', () => {
  it('what a peer sent right before its connection closed is processed before it leaves', async () => {
    const net = new TestNetwork({ game: arena });
    const client = net.client(9);
    await net.run();
    const log = record(net.server);
    net.server.onRpc('Main', 'chat', (ctx, text) => log.push(`chat ${ctx.sender} ${text}`));
    client.rpc('Main', 'chat', 1, 'bye');
    net.hub.cut(9);
    expect(net.server.getPeers()).toEqual([9]); // until the next poll
    net.server.poll();
    expect(log).toEqual(['chat 9 bye', 'disconnected 9']);
    expect(net.server.getPeers()).toEqual([]);
  });
});

describe('SceneMultiplayer: authentication', () => {
  it('both sides authenticate; nothing but AUTH passes before; both admit once both completed', async () => {
    const net = new TestNetwork({ game: arena });
    const client = net.client(6);
    const got: string[] = [];
    net.server.authCallback = (id, data) => {
      got.push(`server got ${id} ${str(data)}`);
      if (str(data) === 'secret') net.server.completeAuth(id);
    };
    client.authCallback = (id, data) => got.push(`client got ${id} ${str(data)}`);
    client.on('peerAuthenticating', (id) => {
      expect(client.sendAuth(id, bytes('secret'))).toBe(0);
      expect(client.completeAuth(id)).toBe(0);
      expect(client.completeAuth(id)).toBe(ErrorCode.ERR_FILE_CANT_WRITE); // already completed
      expect(client.sendAuth(id, bytes('late'))).toBe(ErrorCode.ERR_FILE_CANT_WRITE);
    });
    const serverLog = record(net.server);
    const clientLog = record(client);
    await settle();
    expect(net.server.getAuthenticatingPeers()).toEqual([6]);
    expect(client.getAuthenticatingPeers()).toEqual([1]);
    expect(client.rpc('Main', 'chat', 1, 'too early')).toBe(ErrorCode.ERR_INVALID_PARAMETER); // the server is not admitted yet
    await net.run();
    expect(got).toEqual(['server got 6 secret']);
    expect(net.server.getPeers()).toEqual([6]);
    expect(client.getPeers()).toEqual([1]);
    expect(serverLog).toEqual(['authenticating 6', 'connected 6']);
    expect(clientLog).toEqual(['authenticating 1', 'connected_to_server', 'connected 1']);
  });

  it('times out a peer that does not authenticate (auth_timeout), and a refused client sees it fail', async () => {
    const clock = new ManualClock(0);
    const net = new TestNetwork({ game: arena }, { clock, authTimeout: 2 });
    net.server.authCallback = () => undefined;
    const quiet = net.client(7, { authCallback: () => undefined });
    const refused = net.client(8, { authCallback: () => undefined });
    refused.on('peerAuthenticating', (id) => refused.sendAuth(id, bytes('wrong')));
    net.server.authCallback = (id) => net.server.disconnectPeer(id);
    const serverLog = record(net.server);
    const quietLog = record(quiet);
    const refusedLog = record(refused);
    await net.run();
    expect(net.server.getAuthenticatingPeers()).toEqual([7]);
    clock.advance(1999);
    await net.run(1);
    expect(net.server.getAuthenticatingPeers()).toEqual([7]);
    clock.advance(1);
    await net.run();
    expect(net.server.getAuthenticatingPeers()).toEqual([]);
    expect(serverLog).toEqual(['authenticating 7', 'authenticating 8', 'auth_failed 7']);
    expect(quietLog).toEqual(['authenticating 1', 'auth_failed 1', 'server_disconnected']);
    expect(refusedLog).toEqual(['authenticating 1', 'auth_failed 1', 'server_disconnected']);
    expect(() => (net.server.authTimeout = -1)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(() => (net.server.authTimeout = 5000)).toThrow(/authTimeout \(seconds\)/);
    expect(net.server.authTimeout).toBe(2);
  });
});

describe('SceneMultiplayer: relay', () => {
  it('clients learn of each other (ADD_PEER/DEL_PEER) and reach each other through the server', async () => {
    const net = new TestNetwork({ game: arena });
    const a = net.client(10);
    const b = net.client(11);
    const aLog = record(a);
    const bLog = record(b);
    const serverLog = record(net.server);
    await net.run();
    expect(a.getPeers().sort()).toEqual([1, 11]);
    expect(b.getPeers().sort()).toEqual([1, 10]);
    const chats: string[] = [];
    for (const [name, mp] of [['server', net.server], ['a', a], ['b', b]] as const) {
      mp.onRpc('Main', 'chat', (ctx, text) => chats.push(`${name} from ${ctx.sender}: ${text}`));
    }
    expect(a.rpc('Main', 'chat', 11, 'hi b')).toBe(0);
    expect(a.rpc('Main', 'chat', 0, 'hi all')).toBe(0);
    await net.run();
    expect(a.rpc('Main', 'chat', -1, 'not the server')).toBe(0);
    await net.run();
    expect(chats.sort()).toEqual(['b from 10: hi all', 'b from 10: hi b', 'b from 10: not the server', 'server from 10: hi all']);

    a.sendBytes(bytes('to all'));
    a.sendBytes(bytes('to b'), 11);
    a.sendBytes(bytes('all but b'), -11);
    a.sendBytes(bytes('all but server'), -1, TransferMode.UNRELIABLE, 2);
    await net.run();
    expect(serverLog.filter((l) => l.startsWith('packet'))).toEqual(['packet 10 to all', 'packet 10 all but b']);
    expect(bLog.filter((l) => l.startsWith('packet'))).toEqual(['packet 10 to all', 'packet 10 to b', 'packet 10 all but server']);
    // The relayed packet keeps the channel and mode it arrived with.
    const relayed = net.hub.wire.filter((w) => w.from === 1 && w.to === 11 && w.bytes[0] === 7 && w.bytes[6] === 3 && str(w.bytes.subarray(7)) === 'all but server');
    expect(relayed.map((w) => [w.channel, w.mode])).toEqual([[2, TransferMode.UNRELIABLE]]);

    net.hub.cut(10);
    await net.run();
    expect(bLog).toContain('disconnected 10');
    expect(b.getPeers()).toEqual([1]);
    expect(aLog.slice(0, 3)).toEqual(['connected_to_server', 'connected 1', 'connected 11']);
  });

  it('a server without relay tells nobody about anybody and drops RELAY', async () => {
    const net = new TestNetwork({ game: arena }, { serverRelay: false });
    const a = net.client(12);
    const b = net.client(13);
    const serverLog = record(net.server);
    await net.run();
    expect(a.getPeers()).toEqual([1]);
    a.sendBytes(bytes('x'));
    await net.run();
    expect(serverLog).toEqual(['connected 12', 'connected 13', 'dropped 12 relay-disabled']);
    void b;
  });

  it('relayFilter refuses chosen relays; a relay to a missing peer is reported, not forwarded', async () => {
    const net = new TestNetwork({ game: arena }, { relayFilter: (_from, to) => to !== 15 });
    const a = net.client(14);
    const b = net.client(15);
    const bLog = record(b);
    const reports: DropReport[] = [];
    net.server.on('dropped', (r) => reports.push(r));
    await net.run();
    a.sendBytes(bytes('blocked'), 15);
    a.sendBytes(bytes('gone'), 99);
    await net.run();
    expect(reports.map((r) => [r.peer, r.reason])).toEqual([[14, 'relay-disabled'], [14, 'relay-target-missing']]);
    expect(bLog.filter((l) => l.startsWith('packet'))).toEqual([]);
  });
});

describe('SceneMultiplayer: RPC', () => {
  it('typed arguments both ways, modes enforced on receive, call_local, channels and transfer modes', async () => {
    const net = new TestNetwork({ game: arena });
    const client = net.client(20);
    await net.run();
    const calls: unknown[] = [];
    client.onRpc('Main', 'announce', (ctx, text, n) => calls.push(['announce', ctx.sender, text, n]));
    net.server.onRpc('Main', 'ping', (ctx) => calls.push(['server ping', ctx.sender]));
    client.onRpc('Main', 'ping', (ctx) => calls.push(['client ping', ctx.sender]));
    net.server.onRpc('Main', 'blob', (ctx, b) => calls.push(['blob', ctx.sender, [...b]]));
    net.server.onRpc('Main', 'opt', (_ctx, ...args) => calls.push(['opt', ...args]));
    const serverLog = record(net.server);

    expect(net.server.rpc('Main', 'announce', 0, 'round', 3)).toBe(0);
    expect(client.rpc('Main', 'announce', 1, 'forged', 1)).toBe(0); // authority-only: the server refuses it
    expect(client.rpc('Main', 'ping', 0)).toBe(0); // call_local: runs on the client too
    expect(client.rpc('Main', 'blob', 1, Uint8Array.of(1, 2, 3))).toBe(0);
    expect(client.rpc('Main', 'opt', 1, 5)).toBe(0);
    expect(client.rpc('Main', 'opt', 1, 5, 2)).toBe(0);
    await net.run();
    // The server polls first: it handles the client's calls before the client reads the announce.
    expect(calls).toEqual([
      ['client ping', 20], ['server ping', 20], ['blob', 20, [1, 2, 3]], ['opt', 5], ['opt', 5, 2], ['announce', 1, 'round', 3],
    ]);
    expect(serverLog).toEqual(['dropped 20 rpc-not-allowed']);
    // Not confirmed yet, so every call carries the path. blob (id 1) is byte-only: meta bit 7 and
    // the raw bytes; opt (id 3) sends its float as FLOAT although 2 is integral.
    const sent = net.hub.wire.filter((w) => w.from === 20).map((w) => toHex(w.bytes));
    expect(sent).toContain('a0 09 00 00 80 01 01 02 03 4d 61 69 6e 00');
    expect(sent).toContain('20 11 00 00 80 03 02 02 05 03 00 00 00 00 00 00 40 4d 61 69 6e 00');
    expect(() => client.rpc('Main', 'chat', 1, 5 as unknown as string)).toThrow(TypeError);
    expect(() => client.rpc('Main', 'opt', 1, ...([] as unknown as [number]))).toThrow(/takes 1 … 2 arguments/);
    expect(() => client.rpc('Main', 'nope' as 'chat', 1, 'x')).toThrow(/declares no RPC "nope"/);
    expect(client.rpc('Main', 'chat', 99, 'x')).toBe(ErrorCode.ERR_INVALID_PARAMETER); // no such peer
    expect(client.rpc('Main', 'chat', 20, 'x')).toBe(ErrorCode.ERR_INVALID_PARAMETER); // yourself without call_local
  });

  it('reports a checksum mismatch by node and method names', async () => {
    const older = defineGame({ godot: '4.6', nodes: { Main: { rpc: { chat: rpc({ mode: 'any_peer', args: [t.string] }), ping: rpc({ mode: 'any_peer' }) } } } });
    const hub = new MemoryMultiplayerHub();
    const server = new SceneMultiplayer({ game: arena, multiplayerPeer: hub.createServer() });
    const client = new SceneMultiplayer({ game: older, multiplayerPeer: hub.createClient(30) });
    const mismatches: string[] = [];
    server.on('checksumMismatch', (m) => mismatches.push(`server: ${m.node} ${m.missingOnPeer.join()} | ${m.message}`));
    client.on('checksumMismatch', (m) => mismatches.push(`client: ${m.node} ${m.peerMd5 === undefined ? 'reported by peer' : 'seen'}`));
    await settle();
    client.rpc('Main', 'chat', 1, 'hello');
    server.poll();
    client.poll();
    expect(mismatches[0]).toMatch(/^server: Main {2}\| node Main: the peer's RPC methods differ from the declaration \(ours: announce, blob, chat, opt, ping;/);
    expect(mismatches[1]).toBe('client: Main reported by peer');
    // The ids differ too: "chat" is 0 for the client, "announce" for the server.
    const one = defineGame({ godot: '4.6', nodes: { Main: { rpc: { announce: rpc({ args: [t.string, t.int] }), blob: rpc({ mode: 'any_peer', args: [t.packedByteArray] }), chat: rpc({ mode: 'any_peer', args: [t.string] }), opt: rpc({ mode: 'any_peer', args: [t.int, t.float], minArgs: 1 }) } } } });
    const c2 = new SceneMultiplayer({ game: one, multiplayerPeer: hub.createClient(31) });
    await settle();
    c2.rpc('Main', 'chat', 1, 'x');
    server.poll();
    expect(mismatches.at(-1)).toMatch(/^server: Main ping \|/);
  });
});

describe('SceneMultiplayer: replication', () => {
  it('spawns to present and late peers, syncs, deltas on change, despawns; the client mirrors it', async () => {
    const net = new TestNetwork({ game: arena });
    const early = net.client(40);
    await net.run();
    const log: string[] = [];
    for (const [name, c] of [['early', early]] as const) {
      c.on('spawned', (i) => log.push(`${name} spawned ${i.path} ${String(i.root.get('position'))} hp=${String(i.root.get('hp'))}`));
      c.on('deltaSynchronized', (s) => log.push(`${name} delta ${s.path} hp=${String(s.instance?.root.get('hp'))}`));
      c.on('despawned', (i) => log.push(`${name} despawned ${i.path}`));
    }
    const avatar = net.server.spawn('Main/Spawner', Avatar, { name: '40', props: { '.': { position: new Vector2(1, 2) } } });
    await net.run(1);
    expect(log).toEqual(['early spawned Main/World/40 Vector2(1.0, 2.0) hp=100', 'early delta Main/World/40/ServerSync hp=100']);
    const mirrored = early.node('Main/World/40');
    avatar.root.set('position', new Vector2(5, 6));
    avatar.root.set('speed', 2.5);
    await net.run(1);
    expect(mirrored.get('position')).toEqual(new Vector2(5, 6));
    expect(mirrored.get('speed')).toBe(2.5);
    avatar.root.set('hp', 80);
    avatar.root.set('hp', 80);
    await net.run(2);
    expect(log.filter((l) => l.includes('delta'))).toEqual(['early delta Main/World/40/ServerSync hp=100', 'early delta Main/World/40/ServerSync hp=80']);

    const late = net.client(41);
    late.on('spawned', (i) => log.push(`late spawned ${i.path} ${String(i.root.get('position'))} hp=${String(i.root.get('hp'))}`));
    await net.run(1);
    expect(log.at(-1)).toBe('late spawned Main/World/40 Vector2(5.0, 6.0) hp=80');
    expect(() => avatar.root.set('hp', 'lots')).toThrow(TypeError);
    expect(() => net.server.spawn('Main/Spawner', Avatar, { name: '40' })).toThrow(/already has a child/);
    expect(() => early.spawn('Main/Spawner', Avatar, { name: 'x' })).toThrow(/only the spawner's authority/);

    net.server.despawn(avatar);
    await net.run(1);
    expect(log.slice(-1)).toEqual(['early despawned Main/World/40']);
    expect(late.tree.get('Main/World/40')).toBeUndefined();
    expect(mirrored.inTree).toBe(false);
  });

  it('a client owns its input synchronizer (path-based SYNC); the server applies it and refuses it from others', async () => {
    const net = new TestNetwork({ game: arena });
    const owner = net.client(50);
    const other = net.client(51);
    await net.run();
    net.server.spawn('Main/Spawner', Avatar, { name: '50' });
    await net.run(2);
    const input = owner.node('Main/World/50/InputSync');
    expect(input.authority).toBe(50);
    expect(net.server.node('Main/World/50/InputSync').authority).toBe(50);
    input.set('direction', new Vector2(0, -1));
    await net.run(3);
    expect(net.server.node('Main/World/50/InputSync').get('direction')).toEqual(new Vector2(0, -1));
    // A path-based net id went out: 0x80000000 | the owner's cache id of InputSync.
    const sync = net.hub.wire.find((w) => w.from === 50 && w.bytes[0] === 6);
    expect(sync && (sync.bytes[6] as number) & 0x80).toBe(0x80);
    // Another client claims to sync it: refused.
    const reports: DropReport[] = [];
    net.server.on('dropped', (r) => reports.push(r));
    net.server.setMultiplayerAuthority('Main/World/50/InputSync', 51);
    net.server.setMultiplayerAuthority('Main/World/50/InputSync', 50);
    other.setMultiplayerAuthority('Main/World/50/InputSync', 51);
    other.node('Main/World/50/InputSync').set('direction', new Vector2(9, 9));
    await net.run(3);
    expect(reports.some((r) => r.peer === 51 && r.reason === 'not-authority')).toBe(true);
    expect(net.server.node('Main/World/50/InputSync').get('direction')).toEqual(new Vector2(0, -1));
  });

  it('visibility: private synchronizers spawn only where visible; hiding despawns; RPCs follow visibility', async () => {
    const net = new TestNetwork({ game: arena });
    const a = net.client(60);
    const b = net.client(61);
    await net.run();
    const avatar = net.server.spawn('Main/Spawner', Avatar, { name: '60' });
    const serverSync = avatar.node('ServerSync');
    net.server.setVisibilityPublic(serverSync, false);
    net.server.updateVisibility(serverSync);
    await net.run(1);
    expect(a.tree.get('Main/World/60')).toBeUndefined();
    net.server.setVisibilityFor(serverSync, 60, true);
    await net.run(1);
    expect(a.tree.get('Main/World/60')).toBeDefined();
    expect(b.tree.get('Main/World/60')).toBeUndefined();
    const jumps: number[] = [];
    a.onRpc(Avatar, '.', 'jump', (ctx) => jumps.push(ctx.sender));
    b.onRpc(Avatar, '.', 'jump', (ctx) => jumps.push(-ctx.sender));
    net.server.rpc(avatar.root, 'jump', 0);
    await net.run(1);
    expect(jumps).toEqual([1]);
    const filter = (peer: number): boolean => peer !== 60;
    net.server.addVisibilityFilter(serverSync, filter);
    await net.run(1);
    expect(a.tree.get('Main/World/60')).toBeUndefined();
    net.server.removeVisibilityFilter(serverSync, filter);
    net.server.updateVisibility(serverSync);
    await net.run(1);
    expect(a.tree.get('Main/World/60')).toBeDefined();
  });

  it('a client spawns with a spawner it owns; when it leaves, what it spawned goes too', async () => {
    const shots = defineGame({
      godot: '4.6',
      nodes: {
        Main: {},
        'Main/ShotSpawner': { spawner: { spawnPath: '../Shots', scenes: [Avatar], sceneAuthority: 'spawner' } },
      },
    });
    const net = new TestNetwork({ game: shots });
    const shooter = net.client(80);
    const watcher = net.client(81);
    await net.run();
    for (const mp of [net.server, shooter, watcher]) mp.setMultiplayerAuthority('Main/ShotSpawner', 80);
    const seen: string[] = [];
    net.server.on('spawned', (i) => seen.push(`server spawned ${i.path} by ${i.remotePeer}`));
    net.server.on('despawned', (i) => seen.push(`server despawned ${i.path}`));
    const shot = shooter.spawn('Main/ShotSpawner', Avatar, { name: 'shot1', props: { '.': { position: new Vector2(3, 3) } } });
    await net.run(2);
    expect(net.server.node('Main/Shots/shot1').get('position')).toEqual(new Vector2(3, 3));
    // The other client gets the spawn and the state through the server's relay, keyed by the shooter's ids.
    shot.root.set('position', new Vector2(4, 4));
    await net.run(3);
    expect(net.server.node('Main/Shots/shot1').get('position')).toEqual(new Vector2(4, 4));
    expect(watcher.node('Main/Shots/shot1').get('position')).toEqual(new Vector2(4, 4));
    expect(watcher.node('Main/Shots/shot1').instance?.remotePeer).toBe(80);
    net.hub.cut(80);
    await net.run(1);
    expect(watcher.tree.get('Main/Shots/shot1')).toBeUndefined();
    expect(seen).toEqual(['server spawned Main/Shots/shot1 by 80', 'server despawned Main/Shots/shot1']);
    expect(net.server.tree.get('Main/Shots/shot1')).toBeUndefined();
  });

  it('start() polls on the clock every interval until stop()', async () => {
    const clock = new ManualClock(0);
    const net = new TestNetwork({ game: arena, clock });
    const client = net.client(90);
    await net.run();
    const calls: string[] = [];
    net.server.onRpc('Main', 'chat', (_ctx, text) => calls.push(text));
    net.server.start(10);
    client.rpc('Main', 'chat', 1, 'one');
    clock.advance(9);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['one']);
    client.rpc('Main', 'chat', 1, 'two');
    clock.advance(10);
    expect(calls).toEqual(['one', 'two']);
    net.server.stop();
    client.rpc('Main', 'chat', 1, 'three');
    clock.advance(100);
    expect(calls).toEqual(['one', 'two']);
    expect(() => net.server.start(0)).toThrow(RangeError);
  });

  it('replication_interval throttles SYNC', async () => {
    const clock = new ManualClock(1000);
    const throttled = defineGame({
      godot: '4.6',
      nodes: {
        Main: {},
        'Main/Ticker': { synchronizer: { root: '..', replicationInterval: 0.1, properties: [{ path: '.:tick', type: t.int }] } },
      },
    });
    const net = new TestNetwork({ game: throttled, clock });
    const c = net.client(70);
    await net.run();
    const syncs = (): number => net.hub.wire.filter((w) => w.from === 1 && w.bytes[0] === 6).length;
    const before = syncs();
    for (let i = 0; i < 10; i++) {
      clock.advance(20);
      await net.run(1);
    }
    expect(syncs() - before).toBe(2);
    void c;
    void Float;
  });
});
