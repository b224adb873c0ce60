/**
 * SceneMultiplayer between TypeScript peers over real transports, every socket on 127.0.0.1:
 * ENetMultiplayerPeer (@pp/enet, UDP) and WebSocketMultiplayerPeer (@pp/websocket, TCP). One
 * server and two clients play the arena game: auth, typed RPCs both ways (channel 0 and an
 * unreliable-ordered channel 1), relay between the clients, spawn/SYNC/DELTA, a client-owned
 * SYNC, despawn and a departure. (WebRTC is proven against Godot itself, test/interop.)
 */
import { ConnectionStatus, ErrorCode, Vector2, type MultiplayerPeer } from '@pp/core';
import { until, useScope } from '@pp/conformance/testing';
import { ENetMultiplayerPeer } from '@pp/enet';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, type DropReport } from '../../src/index.js';
import { Avatar, arena } from '../support/arena-game.js';

interface Transport {
  readonly name: string;
  /** A listening server (id 1) and a way to make clients of it. */
  listen(): Promise<{ server: MultiplayerPeer; client(): MultiplayerPeer }>;
}

const TRANSPORTS: Transport[] = [
  {
    name: 'ENetMultiplayerPeer',
    listen: () => {
      const server = new ENetMultiplayerPeer();
      server.setBindIp('127.0.0.1');
      expect(server.createServer(0, 8)).toBe(ErrorCode.OK);
      // ENet drops unreliable packets (the unreliable-ordered `jump` RPC) when a late RTT sample on
      // a loaded machine lowers its throttle. A deceleration of 0, here and (THROTTLE_CONFIGURE)
      // at each client, keeps it full, so the test judges delivery through SceneMultiplayer only.
      server.on('peerConnected', (id) => server.getPeer(id)?.throttleConfigure(5000, 2, 0));
      const port = server.host!.getLocalPort();
      return Promise.resolve({
        server,
        client: () => {
          const client = new ENetMultiplayerPeer();
          expect(client.createClient('127.0.0.1', port)).toBe(ErrorCode.OK);
          return client;
        },
      });
    },
  },
  {
    name: 'WebSocketMultiplayerPeer',
    listen: async () => {
      const server = new WebSocketMultiplayerPeer();
      expect(server.createServer(0, '127.0.0.1')).toBe(ErrorCode.OK);
      await server.waitForConnected({ timeoutMs: 5000 });
      return {
        server,
        client: () => {
          const client = new WebSocketMultiplayerPeer();
          expect(client.createClient(`ws://127.0.0.1:${server.getLocalPort()}`)).toBe(ErrorCode.OK);
          return client;
        },
      };
    },
  },
];

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const str = (b: Uint8Array): string => new TextDecoder().decode(b);
const scope = useScope();

describe.each(TRANSPORTS)('SceneMultiplayer over $name (TypeScript peers, 127.0.0.1)', (transport) => {
  it('auth, typed RPCs both ways on two channels, relay, spawn/SYNC/DELTA, a client-owned SYNC, despawn, departure', async () => {
    const { server: serverPeer, client: newClient } = await transport.listen();
    const log: string[] = [];
    const dropped: DropReport[] = [];
    const node = (role: string, options: { peer: MultiplayerPeer; token?: string }): SceneMultiplayer<typeof arena> => {
      const mp = scope.add(new SceneMultiplayer({ game: arena, multiplayerPeer: options.peer }), (m) => {
        m.stop();
        m.multiplayerPeer.close();
      });
      mp.on('dropped', (r) => dropped.push(r));
      mp.on('peerConnected', (id) => log.push(`${role} +${id}`));
      mp.on('peerDisconnected', (id) => log.push(`${role} -${id}`));
      mp.on('peerPacket', (id, bytes) => log.push(`${role} bytes ${id} ${str(bytes)}`));
      mp.onRpc('Main', 'chat', (ctx, message) => log.push(`${role} chat ${ctx.sender} ${message}`));
      mp.onRpc('Main', 'announce', (ctx, message, n) => log.push(`${role} announce ${ctx.sender} ${message} ${n}`));
      mp.onRpc('Main', 'blob', (ctx, blob) => log.push(`${role} blob ${ctx.sender} ${blob.length}`));
      mp.onRpc(Avatar, '.', 'jump', (ctx) => log.push(`${role} jump ${ctx.node.name} ${ctx.sender}`));
      mp.on('spawned', (i) => log.push(`${role} spawned ${i.name} ${String(i.root.get('position'))}`));
      mp.on('despawned', (i) => log.push(`${role} despawned ${i.name}`));
      const token = options.token;
      if (token !== undefined) {
        mp.on('peerAuthenticating', (id) => mp.sendAuth(id, text(token)));
        mp.authCallback = (id) => mp.completeAuth(id);
      }
      mp.start(5);
      return mp;
    };
    const server = node('server', { peer: serverPeer });
    server.authCallback = (id, data) => {
      if (str(data) === 'mallory') {
        server.disconnectPeer(id);
        return;
      }
      server.sendAuth(id, text('ok'));
      server.completeAuth(id);
    };
    const alice = node('alice', { peer: newClient(), token: 'alice' });
    const bob = node('bob', { peer: newClient(), token: 'bob' });
    const mallory = node('mallory', { peer: newClient(), token: 'mallory' });
    let refused = false;
    mallory.on('peerAuthenticationFailed', () => (refused = true));
    await until(() => alice.getPeers().length === 2 && bob.getPeers().length === 2, 'alice and bob admitted, seeing each other', 10_000);
    await until(() => refused, 'mallory refused', 10_000);
    const [a, b] = [alice.getUniqueId(), bob.getUniqueId()];
    expect(server.getPeers().sort()).toEqual([a, b].sort());

    // Spawns with the server's state, then SYNC and DELTA.
    const avatars = [a, b].map((id, i) => server.spawn('Main/Spawner', Avatar, { name: String(id), props: { '.': { position: new Vector2(i, 1) } } }));
    await until(() => log.filter((l) => l.includes(' spawned ')).length === 4, 'the spawns', 10_000);
    const [avatarA, avatarB] = avatars as [NonNullable<(typeof avatars)[0]>, NonNullable<(typeof avatars)[0]>];
    avatarA.root.set('position', new Vector2(7, 8));
    avatarA.root.set('hp', 55);
    await until(() => [alice, bob].every((c) => {
      const mirrored = c.node(`Main/World/${a}`);
      return String(mirrored.get('position')) === String(new Vector2(7, 8)) && mirrored.get('hp') === 55;
    }), 'the SYNC and DELTA', 10_000);

    // RPCs: server to all; client to client (relayed); on channel 1, unreliable ordered, call_local.
    expect(server.rpc('Main', 'announce', 0, 'round', 2)).toBe(ErrorCode.OK);
    expect(alice.rpc('Main', 'chat', b, 'hi bob')).toBe(ErrorCode.OK);
    expect(bob.rpc('Main', 'blob', 1, new Uint8Array(300))).toBe(ErrorCode.OK);
    expect(alice.rpc(alice.node(`Main/World/${a}`), 'jump', 0)).toBe(ErrorCode.OK);
    expect(alice.sendBytes(text('psst'), b)).toBe(ErrorCode.OK);
    // alice's own input (InputSync's authority is the avatar's name): path-based SYNC to the server, relayed to bob.
    alice.node(`Main/World/${a}/InputSync`).set('direction', new Vector2(0, -1));
    const expected = [
      `alice announce 1 round 2`, `bob announce 1 round 2`, `bob chat ${a} hi bob`, `server blob ${b} 300`,
      `alice jump ${a} ${a}`, `server jump ${a} ${a}`, `bob jump ${a} ${a}`, `bob bytes ${a} psst`,
    ];
    await until(() => expected.every((l) => log.includes(l)), 'the RPCs and bytes', 10_000,
      () => `missing: ${expected.filter((l) => !log.includes(l)).join('; ')}`);
    await until(() => [server, bob].every((m) => String(m.node(`Main/World/${a}/InputSync`).get('direction')) === String(new Vector2(0, -1))), 'alice\'s input', 10_000);

    // Despawn; alice leaves (bob hears DEL_PEER, her avatar is the server's to despawn).
    server.despawn(avatarB);
    await until(() => log.includes(`alice despawned ${b}`) && log.includes(`bob despawned ${b}`), 'the despawn', 10_000);
    alice.multiplayerPeer.close();
    await until(() => log.includes(`server -${a}`) && log.includes(`bob -${a}`), 'alice leaving', 10_000);
    server.despawn(avatarA);
    await until(() => log.includes(`bob despawned ${a}`), 'the last despawn', 10_000);

    expect(log.filter((l) => l.startsWith('server +') || l.startsWith('bob +') || l.startsWith('alice +')).sort())
      .toEqual([`server +${a}`, `server +${b}`, 'alice +1', `alice +${b}`, 'bob +1', `bob +${a}`].sort());
    expect(log.filter((l) => l.startsWith('mallory'))).toEqual([]);
    expect(mallory.multiplayerPeer.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    expect(dropped).toEqual([]);
  });
});
