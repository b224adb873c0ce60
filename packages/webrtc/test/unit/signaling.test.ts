/**
 * The signalling server and client (the protocol of Godot's demo networking/webrtc_signaling):
 * raw protocol flows, the errors the demo's servers close with, and LobbyMultiplayer peers that
 * connect through it. Everything on 127.0.0.1: the server listens there, connections bind it and
 * the server relays only 127.0.0.1 candidates (loopbackOnlyRelay).
 */
import { ConnectionStatus, ErrorCode, ManualClock } from '@pp/core';
import { nextEvent, until, useScope } from '@pp/conformance/testing';
import { WebSocketPeer } from '@pp/websocket';
import { describe, expect, it } from 'vitest';
import {
  LobbyMultiplayer, Message, SignalingClient, SignalingServer, decodeCandidate, decodeMessage, encodeCandidate,
  isLoopbackCandidate, loopbackOnlyRelay, toLoopbackCandidate, type SignalingServerOptions,
} from '../../src/index.js';

const scope = useScope();

async function server(options: SignalingServerOptions = {}): Promise<{ server: SignalingServer; url: string }> {
  const s = scope.add(new SignalingServer({ relay: loopbackOnlyRelay(), ...options }), (x) => x.close());
  await s.listen(0, '127.0.0.1');
  return { server: s, url: `ws://127.0.0.1:${s.getLocalPort()}` };
}

/** A client that records every event in order. */
function client(url: string, lobby = '', mesh = true): { c: SignalingClient; log: unknown[][] } {
  const c = scope.add(new SignalingClient({ lobby, mesh }), (x) => x.close());
  const log: unknown[][] = [];
  for (const event of ['lobbyJoined', 'connected', 'disconnected', 'peerConnected', 'peerDisconnected', 'offerReceived', 'answerReceived', 'candidateReceived', 'lobbySealed'] as const) {
    c.on(event, (...args: unknown[]) => log.push([event, ...args]));
  }
  expect(c.connectToUrl(url)).toBe(ErrorCode.OK);
  return { c, log };
}

const joined = (log: unknown[][]): boolean => log.some(([event]) => event === 'lobbyJoined');

describe('signalling protocol', () => {
  it('encodes and reads messages and candidates as the demo', () => {
    expect(decodeMessage('{"type":4,"id":1,"data":"v=0"}')).toEqual({ type: Message.OFFER, id: 1, data: 'v=0' });
    expect(decodeMessage('{"type":4.0,"id":7.0,"data":""}')).toEqual({ type: 4, id: 7, data: '' });
    for (const bad of ['nope', '[]', '{"type":1,"id":1}', '{"type":"1","id":1,"data":""}', '{"type":9,"id":1,"data":""}', '{"type":1,"id":-1,"data":""}']) {
      expect(decodeMessage(bad)).toBeNull();
    }
    expect(encodeCandidate('0', 0, 'candidate:1 1 udp 1 127.0.0.1 9 typ host')).toBe('\n0\n0\ncandidate:1 1 udp 1 127.0.0.1 9 typ host');
    expect(decodeCandidate('\n0\n3\ncandidate:x')).toEqual({ mid: '0', index: 3, sdp: 'candidate:x' });
    expect(decodeCandidate('\n0\nx\ncandidate:x')).toBeNull();
    expect(toLoopbackCandidate('candidate:1 1 udp 2113937151 192.0.2.2 47506 typ host generation 0')).toBe('candidate:1 1 udp 2113937151 127.0.0.1 47506 typ host generation 0');
    expect(toLoopbackCandidate('candidate:1 1 udp 2113937151 fd00::2 47506 typ host')).toBeUndefined();
  });

  it('mesh lobby: ids (host is 1), PEER_CONNECT both ways, JOIN with the lobby name, relay with the sender\'s id', async () => {
    const { url, server: s } = await server();
    const host = client(url);
    await until(() => joined(host.log), 'the host joining');
    const lobby = host.c.lobby;
    expect(lobby).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(host.log).toEqual([['connected', 1, true], ['lobbyJoined', lobby]]);
    const other = client(url, lobby);
    await until(() => joined(other.log), 'the second peer joining');
    const [[, id]] = other.log as [[string, number]];
    expect(id).toBeGreaterThanOrEqual(2);
    expect(other.log).toEqual([['connected', id, true], ['peerConnected', 1], ['lobbyJoined', lobby]]);
    await until(() => host.log.length === 3, 'the host hearing of it');
    expect(host.log[2]).toEqual(['peerConnected', id]);
    expect(s.lobbies.get(lobby)).toEqual({ name: lobby, mesh: true, sealed: false, peers: [1, id] });

    other.c.sendOffer(1, 'v=0 offer');
    host.c.sendAnswer(id, 'v=0 answer');
    other.c.sendCandidate(1, '0', 0, 'candidate:1 1 UDP 2114977791 127.0.0.1 5000 typ host');
    // Not on 127.0.0.1: the test relay drops it.
    other.c.sendCandidate(1, '0', 0, 'candidate:2 1 UDP 2114977791 192.0.2.2 5000 typ host');
    other.c.sendCandidate(1, '0', 0, 'candidate:3 1 UDP 2114977791 127.0.0.1 5001 typ host');
    await until(() => host.log.length === 6 && other.log.length === 4, 'the relayed messages');
    expect(host.log.slice(3)).toEqual([
      ['offerReceived', id, 'v=0 offer'],
      ['candidateReceived', id, '0', 0, 'candidate:1 1 UDP 2114977791 127.0.0.1 5000 typ host'],
      ['candidateReceived', id, '0', 0, 'candidate:3 1 UDP 2114977791 127.0.0.1 5001 typ host'],
    ]);
    expect(other.log[3]).toEqual(['answerReceived', 1, 'v=0 answer']);
  });

  it('client/server lobby: peers only see the host; leaving is announced; the host leaving closes the lobby', async () => {
    const { url, server: s } = await server();
    const host = client(url, '', false);
    await until(() => joined(host.log), 'the host joining');
    expect(host.log[0]).toEqual(['connected', 1, false]);
    const a = client(url, host.c.lobby, false);
    const b = client(url, host.c.lobby, false);
    await until(() => joined(a.log) && joined(b.log), 'both joining');
    expect(a.log.filter(([e]) => e === 'peerConnected')).toEqual([['peerConnected', 1]]);
    expect(b.log.filter(([e]) => e === 'peerConnected')).toEqual([['peerConnected', 1]]);
    const aId = a.log[0]?.[1] as number;
    const bId = b.log[0]?.[1] as number;
    await until(() => host.log.filter(([e]) => e === 'peerConnected').length === 2, 'the host seeing both');
    a.c.close();
    await until(() => host.log.some(([e, x]) => e === 'peerDisconnected' && x === aId), 'the host hearing a left');
    expect(b.log.some(([e]) => e === 'peerDisconnected')).toBe(false);
    const closed = nextEvent<number>(b.c, 'disconnected', 5000);
    host.c.close();
    expect(await closed).toBe(4000);
    expect(b.c.reason).toBe('Room host has disconnected');
    await until(() => s.lobbies.size === 0, 'the lobby to go');
    expect(bId).not.toBe(aId);
  });

  it('seal: only the host, everyone is told, nobody else may join, connections close after sealCloseTimeoutMs', async () => {
    const clock = new ManualClock();
    const { url } = await server({ clock, sealCloseTimeoutMs: 10_000 });
    const host = client(url);
    await until(() => joined(host.log), 'the host joining');
    const guest = client(url, host.c.lobby);
    await until(() => joined(guest.log), 'the guest joining');
    host.c.sealLobby();
    await until(() => host.log.some(([e]) => e === 'lobbySealed') && guest.log.some(([e]) => e === 'lobbySealed'), 'both told');
    const late = client(url, host.c.lobby);
    expect(await nextEvent(late.c, 'disconnected')).toBe(4000);
    expect(late.c.reason).toBe('Lobby is sealed');
    clock.advance(9_999);
    expect(guest.c.isOpen).toBe(true);
    const gone = nextEvent(guest.c, 'disconnected');
    clock.advance(1);
    expect(await gone).toBe(1000);
    expect(guest.c.reason).toBe('Seal complete');
  });

  it('closes misbehaving connections with 4000 and the demo\'s reasons', async () => {
    const clock = new ManualClock();
    const { url } = await server({ clock, maxLobbies: 1 });
    const raw = async (send: (ws: WebSocketPeer) => void): Promise<[number, string]> => {
      const ws = scope.add(await WebSocketPeer.connect(url, { timeoutMs: 5000 }), (w) => w.close(-1));
      const closed = nextEvent(ws, 'close');
      send(ws);
      await closed;
      return [ws.getCloseCode(), ws.getCloseReason()];
    };
    expect(await raw((ws) => ws.putPacket(Uint8Array.of(1)))).toEqual([4000, 'Invalid transfer mode, must be text']);
    expect(await raw((ws) => ws.sendText('{oops'))).toEqual([4000, 'Invalid message format']);
    expect(await raw((ws) => ws.sendText('{"type":4,"id":1,"data":""}'))).toEqual([4000, 'Invalid message when not in a lobby']);
    expect(await raw((ws) => ws.sendText('{"type":0,"id":0,"data":"nope"}'))).toEqual([4000, 'Lobby does not exists']);
    expect(await raw((ws) => ws.sendText('{"type":2,"id":0,"data":""}'))).toEqual([4000, 'Invalid message when not in a lobby']);
    // Never joining: closed after the join timeout (1 s).
    expect(await raw(() => clock.advance(1000))).toEqual([4000, 'Have not joined lobby yet']);
    const host = client(url);
    await until(() => joined(host.log), 'the host joining');
    expect(await raw((ws) => ws.sendText('{"type":0,"id":0,"data":""}'))).toEqual([4000, 'Too many lobbies open, disconnecting']);
    expect(await raw((ws) => {
      ws.sendText(`{"type":0,"id":0,"data":"${host.c.lobby}"}`);
      ws.sendText('{"type":4,"id":424242,"data":""}');
    })).toEqual([4000, 'Invalid destination']);
    expect(await raw((ws) => {
      ws.sendText(`{"type":0,"id":0,"data":"${host.c.lobby}"}`);
      ws.sendText('{"type":7,"id":0,"data":""}');
    })).toEqual([4000, 'Only host can seal the lobby']);
    expect(await raw((ws) => {
      ws.sendText(`{"type":0,"id":0,"data":"${host.c.lobby}"}`);
      ws.sendText(`{"type":0,"id":0,"data":"${host.c.lobby}"}`);
    })).toEqual([4000, 'Already in a lobby']);
    expect(host.c.isOpen).toBe(true);
  });

  it('maxPeers: one more connection is closed with 4000', async () => {
    const { url } = await server({ maxPeers: 1 });
    client(url);
    const extra = client(url);
    expect(await nextEvent(extra.c, 'disconnected')).toBe(4000);
    expect(extra.c.reason).toBe('Too many peers connected');
  });
});

describe('LobbyMultiplayer over the signalling server', () => {
  const lobbyPeer = (): LobbyMultiplayer => scope.add(new LobbyMultiplayer({
    configuration: { bindAddress: '127.0.0.1' },
    candidateFilter: isLoopbackCandidate,
  }), (p) => p.stop());

  it.each([['client/server', false], ['mesh', true]] as const)('%s: three Node peers connect and talk', async (_name, mesh) => {
    const { url } = await server();
    const host = lobbyPeer();
    host.start(url, '', mesh);
    await nextEvent(host, 'lobbyJoined', 5000);
    const guests = [lobbyPeer(), lobbyPeer()];
    for (const guest of guests) guest.start(url, host.signaling.lobby, mesh);
    const all = [host, ...guests];
    const ready = (p: LobbyMultiplayer): boolean => {
      const peers = [...p.multiplayer.getPeers().values()];
      return p.multiplayer.getConnectionStatus() === ConnectionStatus.CONNECTED && peers.length === (mesh || p === host ? 2 : 1) && peers.every((x) => x.connected);
    };
    await until(() => all.every(ready), 'every peer connecting', 15_000);
    expect(host.multiplayer.getUniqueId()).toBe(1);
    expect(host.multiplayer.isServerRelaySupported()).toBe(!mesh);
    for (const guest of guests) {
      guest.multiplayer.setTargetPeer(1);
      guest.multiplayer.putVar(['hello', guest.multiplayer.getUniqueId()]);
    }
    await until(() => host.multiplayer.getAvailablePacketCount() === 2, 'both greetings');
    const ids = new Set<number>();
    for (let i = 0; i < 2; i++) {
      const from = host.multiplayer.getPacketPeer();
      expect(host.multiplayer.getVar()).toEqual(['hello', from]);
      ids.add(from);
    }
    expect(ids).toEqual(new Set(guests.map((g) => g.multiplayer.getUniqueId())));
  });
});
