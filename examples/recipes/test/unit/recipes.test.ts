/**
 * The recipes of docs/recipes.md run here, and the page shows these very files: a recipe that
 * stops working, or a page that drifts from its file, fails this test.
 */
import { readFileSync } from 'node:fs';
import { Dictionary } from '@pp/core';
import { PacketPeerStream, StreamPeerTCP, TCPServer } from '@pp/stream';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptAuthenticated, closeOnAbort, startRelay } from '../../src/index.js';

const WAIT = { timeoutMs: 5000 };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function client(port: number): Promise<WebSocketMultiplayerPeer> {
  const peer = new WebSocketMultiplayerPeer();
  cleanups.push(() => peer.close());
  peer.createClient(`ws://127.0.0.1:${port}`);
  await peer.waitForConnected(WAIT);
  return peer;
}

describe('docs/recipes.md', () => {
  it('shows each recipe file as it is, and its GDScript side', () => {
    const page = readFileSync(new URL('../../../../docs/recipes.md', import.meta.url), 'utf8');
    const blocks = [...page.matchAll(/```(?:ts|gdscript)\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const file of ['src/broadcast-relay.ts', 'src/auth-handshake.ts', 'src/clean-shutdown.ts', 'godot/relay_client.gd', 'godot/auth_client.gd']) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(blocks, `docs/recipes.md shows ${file} as it is`).toContain(text);
    }
  });

  it('broadcast and relay: a packet reaches every other client as [from, value], not its sender', async () => {
    const relay = await startRelay(0, '127.0.0.1');
    cleanups.push(() => relay.close());
    const [a, b, c] = [await client(relay.getLocalPort()), await client(relay.getLocalPort()), await client(relay.getLocalPort())];
    a.putVar('hello');
    for (const other of [b, c]) {
      await other.waitForPacket(WAIT);
      expect(other.getVar()).toEqual([a.getUniqueId(), 'hello']);
    }
    b.putVar(7);
    await a.waitForPacket(WAIT);
    expect(a.getVar()).toEqual([b.getUniqueId(), 7]);
    expect(a.getAvailablePacketCount()).toBe(0); // a never hears itself
  });

  it('auth handshake: the right token is welcomed, a wrong one refused and disconnected', async () => {
    const server = new TCPServer();
    cleanups.push(() => server.stop());
    await server.listenAsync(0, '127.0.0.1');
    const connect = async (token: string): Promise<PacketPeerStream> => {
      const tcp = new StreamPeerTCP();
      cleanups.push(() => tcp.close());
      await tcp.connectToHostAsync('127.0.0.1', server.getLocalPort(), WAIT);
      const peer = new PacketPeerStream({ streamPeer: tcp });
      peer.putVar(new Dictionary([['token', token]]));
      return peer;
    };
    const good = await connect('secret-token');
    const accepted = await acceptAuthenticated(server, 'secret-token');
    expect(accepted).toBeInstanceOf(PacketPeerStream);
    await good.waitForPacket(WAIT);
    expect((good.getVar() as Dictionary).get('ok')).toBe(true);
    const bad = await connect('guess');
    expect(await acceptAuthenticated(server, 'secret-token')).toBeNull();
    await bad.waitForPacket(WAIT);
    expect((bad.getVar() as Dictionary).get('ok')).toBe(false);
  });

  it('auth handshake: a client that says nothing is refused after timeoutMs', async () => {
    const server = new TCPServer();
    cleanups.push(() => server.stop());
    await server.listenAsync(0, '127.0.0.1');
    const tcp = new StreamPeerTCP();
    cleanups.push(() => tcp.close());
    await tcp.connectToHostAsync('127.0.0.1', server.getLocalPort(), WAIT);
    expect(await acceptAuthenticated(server, 'secret-token', 50)).toBeNull();
  });

  it('clean shutdown: on abort every client is disconnected (peer_disconnected) and the server closes', async () => {
    const relay = await startRelay(0, '127.0.0.1');
    cleanups.push(() => relay.close());
    const controller = new AbortController();
    const closed = closeOnAbort(relay, controller.signal);
    const clients = [await client(relay.getLocalPort()), await client(relay.getLocalPort())];
    const gone = clients.map((peer) => new Promise<void>((resolve) => peer.once('peerDisconnected', () => resolve())));
    controller.abort();
    await closed;
    await Promise.all(gone);
    for (const peer of clients) expect(peer.getConnectionStatus()).toBe(0); // CONNECTION_DISCONNECTED
    expect(relay.getConnectionStatus()).toBe(0);
  });
});
