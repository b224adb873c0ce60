/**
 * ENet over DTLS (`dtlsServerSetup` / `dtlsClientSetup`) on core's
 * MemoryNetwork with a ManualClock: Godot's preconditions and error codes, the handshake then the
 * ENet connect, one ENet datagram per DTLS record, the 8 s rule for sessions that never become
 * ENet peers, the session dropped with its ENet peer, refusal, certificates and host names that
 * must not connect, loss, ClientHello floods and tampered records.
 */
import {
  ErrorCode, ManualClock, MemoryNetwork, TLSOptions, type DatagramAddress, type LinkConditions, type MemoryEndpoint,
} from '@pp/core';
import { useScope } from '@pp/conformance/testing';
import { DTLSStatus, DtlsEndpoint, type DtlsError } from '@pp/dtls';
import { makeTestChain } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import {
  ENET_DTLS_TIMEOUT_MS, ENetConnection, ENetMultiplayerPeer, EventType, FLAG_RELIABLE, HostStatistic, PeerState, type ENetPacketPeer,
} from '../../src/index.js';
import { expectBytes, pattern } from '../support/bytes.js';

const scope = useScope();
const chain = makeTestChain({ keyType: 'ec' });
const otherChain = makeTestChain({ keyType: 'ec', dnsNames: ['localhost', 'other'] });
const SERVER: DatagramAddress = { ip: '127.0.0.1', port: 7000 };
const serverOptions = (): TLSOptions => TLSOptions.server(chain.key, chain.cert);

/** DTLS content types: what every datagram on the wire must start with once DTLS is set up. */
const HANDSHAKE = 22;
const APPLICATION_DATA = 23;
const DTLS_TYPES = new Set([20, 21, HANDSHAKE, APPLICATION_DATA]);

/** Records every datagram `endpoint` sends. */
function tap(endpoint: MemoryEndpoint): Uint8Array[] {
  const sent: Uint8Array[] = [];
  const send = endpoint.send.bind(endpoint);
  endpoint.send = (data, to, owned) => {
    sent.push(data.slice());
    return send(data, to, owned);
  };
  return sent;
}

function world(conditions: LinkConditions & { seed?: number } = {}) {
  const clock = new ManualClock(1000);
  const network = new MemoryNetwork({ clock, delayMs: 2, ...conditions });
  const serverSocket = network.bind(SERVER.port);
  const server = scope.add(new ENetConnection({ clock, seed: 1 }), (c) => c.destroy());
  expect(server.createHostOn(serverSocket, 4)).toBe(ErrorCode.OK);
  let seed = 1;
  const client = (tls: TLSOptions = TLSOptions.client(chain.caCert), hostname = 'localhost', socket = network.bind()) => {
    const connection = scope.add(new ENetConnection({ clock, seed: ++seed }), (c) => c.destroy());
    expect(connection.createHostOn(socket, 1)).toBe(ErrorCode.OK);
    expect(connection.dtlsClientSetup(hostname, tls)).toBe(ErrorCode.OK);
    connection.autoService = true; // event style even when nothing listens
    return { connection, socket };
  };
  /** Moves time on in steps, letting promises settle between them. */
  const settle = async (ms: number, step = 10) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await Promise.resolve();
    }
  };
  return { clock, network, server, serverSocket, client, settle };
}

/** A server host over DTLS and its events. */
function dtlsServer(w: ReturnType<typeof world>) {
  expect(w.server.dtlsServerSetup(serverOptions())).toBe(ErrorCode.OK);
  const connects: ENetPacketPeer[] = [];
  const disconnects: ENetPacketPeer[] = [];
  const received: Uint8Array[] = [];
  w.server.on('connect', (peer) => connects.push(peer));
  w.server.on('disconnect', (peer) => disconnects.push(peer));
  w.server.on('receive', (peer, packet, channel, flags) => {
    received.push(packet);
    peer.send(channel, packet, flags); // echo
  });
  return { connects, disconnects, received };
}

/** Connects `client` (under whatever the network does), sends `payloads` reliably and checks the server got each, in order. */
async function connectAndDeliver(w: ReturnType<typeof world>, client: ENetConnection, received: Uint8Array[], payloads: Uint8Array[], ms: number): Promise<void> {
  const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port, 1, 0, { timeoutMs: 60_000 });
  await w.settle(ms, 50);
  const peer = await connecting;
  for (const payload of payloads) peer.send(0, payload, FLAG_RELIABLE);
  await w.settle(ms, 50);
  expect(received).toHaveLength(payloads.length);
  received.forEach((packet, i) => expectBytes(packet, payloads[i]!));
}

describe('dtlsServerSetup / dtlsClientSetup: Godot 4\'s preconditions and codes', () => {
  it('ERR_UNCONFIGURED without a host, ERR_INVALID_PARAMETER for missing or wrong options, FAILED once set up', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const none = new ENetConnection({ clock });
    expect(none.dtlsServerSetup(serverOptions())).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(none.dtlsClientSetup('localhost', TLSOptions.client())).toBe(ErrorCode.ERR_UNCONFIGURED);

    const server = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
    server.createHostOn(network.bind(7000));
    expect(server.dtlsServerSetup(null as unknown as TLSOptions)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.dtlsServerSetup(TLSOptions.client())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.dtlsServerSetup(TLSOptions.server(otherChain.key, chain.cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER); // key ≠ certificate
    expect(server.dtlsServerSetup(serverOptions(), { bindTimeoutMs: -1 })).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.dtls).toBeNull();
    expect(server.dtlsServerSetup(serverOptions())).toBe(ErrorCode.OK);
    expect(server.dtls).toBeInstanceOf(DtlsEndpoint);
    expect(server.dtlsServerSetup(serverOptions())).toBe(ErrorCode.FAILED);
    expect(server.dtlsClientSetup('localhost', TLSOptions.client())).toBe(ErrorCode.FAILED);

    const client = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
    client.createHostOn(network.bind());
    expect(client.dtlsClientSetup('localhost', null)).toBe(ErrorCode.ERR_INVALID_PARAMETER); // Godot 4 refuses null too
    expect(client.dtlsClientSetup('localhost', serverOptions())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(client.dtlsClientSetup('localhost')).toBe(ErrorCode.OK); // default: TLSOptions.client() (platform CAs)
    expect(client.dtlsClientSetup('localhost')).toBe(ErrorCode.FAILED);

    // A host made on a DTLS endpoint already cannot be upgraded again (Godot: can_upgrade).
    const wrapped = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
    wrapped.createHostOn(DtlsEndpoint.server(network.bind(), serverOptions(), { clock }));
    expect(wrapped.dtlsServerSetup(serverOptions())).toBe(ErrorCode.FAILED);

    client.destroy();
    expect(client.dtlsClientSetup('localhost')).toBe(ErrorCode.ERR_UNCONFIGURED);
  });
});

describe('ENet over DTLS on a memory network (ManualClock)', () => {
  it('handshakes, then connects ENet; every datagram is one DTLS record both ways; echo of reliable packets', async () => {
    const w = world();
    const serverSent = tap(w.serverSocket);
    const { connects, received } = dtlsServer(w);
    const { connection: client, socket } = w.client();
    const clientSent = tap(socket);
    const sessions: string[] = [];
    client.on('dtlsSession', (remote, event) => sessions.push(`${remote.port} ${event}`));
    const echoes: Uint8Array[] = [];
    client.on('receive', (_peer, packet) => echoes.push(packet));
    const start = w.clock.now();
    let connectedAt = 0;
    client.on('connect', () => (connectedAt = w.clock.now()));
    const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port, 2, 77);
    await w.settle(3000);
    const peer = await connecting;
    // The first CONNECT was lost while DTLS handshook (Godot: 0 bytes sent); ENet's
    // retransmission (500 ms) carried it over the finished session.
    expect(connectedAt - start).toBeGreaterThanOrEqual(500);
    expect(connectedAt - start).toBeLessThan(1000);
    expect(sessions).toEqual(['7000 handshaking', '7000 connected']);
    expect(connects).toHaveLength(1);
    expect(connects[0]!.getRemotePort()).toBe(socket.localAddress().port);
    expect(w.server.dtls!.sessionStatus(socket.localAddress())).toBe(DTLSStatus.STATUS_CONNECTED);

    const payloads = [pattern(1, 1), pattern(1000, 2), pattern(5000, 3), pattern(40_000, 4)];
    client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS);
    const recordsBefore = clientSent.filter((d) => d[0] === APPLICATION_DATA).length;
    for (const payload of payloads) expect(peer.send(1, payload, FLAG_RELIABLE)).toBe(ErrorCode.OK);
    await w.settle(2000);
    expect(received).toHaveLength(payloads.length);
    received.forEach((packet, i) => expectBytes(packet, payloads[i]!));
    expect(echoes).toHaveLength(payloads.length);
    echoes.forEach((packet, i) => expectBytes(packet, payloads[i]!));
    // One ENet datagram = one application-data record, and nothing leaves in the clear.
    const enetDatagrams = client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS);
    expect(clientSent.filter((d) => d[0] === APPLICATION_DATA).length - recordsBefore).toBe(enetDatagrams);
    for (const datagram of [...clientSent, ...serverSent]) expect(DTLS_TYPES.has(datagram[0]!)).toBe(true);
    expect(clientSent[0]![0]).toBe(HANDSHAKE); // the ClientHello went first
  });

  it('works in Godot\'s poll style too (service() each frame)', () => {
    const w = world();
    expect(w.server.dtlsServerSetup(serverOptions())).toBe(ErrorCode.OK);
    const { connection: client } = w.client();
    client.autoService = false;
    const peer = client.connectToHost('127.0.0.1', SERVER.port, 1, 5)!;
    const events: Array<[string, EventType, number]> = [];
    for (let t = 0; t < 3000; t += 10) {
      for (const [name, c] of [['server', w.server], ['client', client]] as const) {
        for (let e = c.service(); e[0] !== EventType.EVENT_NONE; e = c.service()) {
          events.push([name, e[0], e[2]]);
          if (name === 'server' && e[0] === EventType.EVENT_RECEIVE) e[1]!.putPacket(e[1]!.getPacket());
        }
      }
      if (peer.getState() === PeerState.STATE_CONNECTED && !events.some(([, type]) => type === EventType.EVENT_RECEIVE)) peer.putPacket(pattern(9, 9));
      w.clock.advance(10);
    }
    expect(events.filter(([, type]) => type === EventType.EVENT_CONNECT).sort()).toEqual([['client', EventType.EVENT_CONNECT, 0], ['server', EventType.EVENT_CONNECT, 5]]);
    expect(events.some(([name, type]) => name === 'client' && type === EventType.EVENT_RECEIVE)).toBe(true);
  });

  it(`drops a DTLS session that never becomes an ENet peer after ${ENET_DTLS_TIMEOUT_MS} ms; a connected peer stays`, async () => {
    const w = world();
    const { connects } = dtlsServer(w);
    // A DTLS client that handshakes and then sends no ENet CONNECT (one stray record that is not ENet).
    const silentSocket = w.network.bind();
    const silent = DtlsEndpoint.client(silentSocket, SERVER, 'localhost', TLSOptions.client(chain.caCert), { clock: w.clock });
    const silentEvents: string[] = [];
    silent.onSession = (_remote, event) => silentEvents.push(event);
    silent.send(Uint8Array.of(1), SERVER);
    const start = w.clock.now();
    await w.settle(200);
    expect(silent.sessionStatus(SERVER)).toBe(DTLSStatus.STATUS_CONNECTED);
    silent.send(Uint8Array.of(0xff, 0xff, 0xff), SERVER); // not ENet: the host drops it
    const { connection: client, socket } = w.client();
    const clientSessions: string[] = [];
    client.on('dtlsSession', (_remote, event) => clientSessions.push(event));
    const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    const peer = await connecting;
    expect(w.server.dtls!.sessionCount).toBe(2);

    // The silent session's deadline counts from its verified ClientHello (a few ms after `start`).
    await w.settle(start + ENET_DTLS_TIMEOUT_MS - w.clock.now() - 10, 1);
    expect(w.server.dtls!.sessionStatus(silentSocket.localAddress())).toBe(DTLSStatus.STATUS_CONNECTED);
    await w.settle(40, 1);
    expect(w.server.dtls!.sessionStatus(silentSocket.localAddress())).toBe(DTLSStatus.STATUS_DISCONNECTED);
    expect(silentEvents).toEqual(['handshaking', 'connected', 'closed']); // close_notify reached it
    expect(w.server.dtls!.sessionCount).toBe(1);

    // The ENet peer's session is bound: still up long after 8 s, packets flow.
    await w.settle(20_000, 100);
    expect(peer.getState()).toBe(PeerState.STATE_CONNECTED);
    expect(connects).toHaveLength(1);
    expect(w.server.dtls!.sessionStatus(socket.localAddress())).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(clientSessions).toEqual(['handshaking', 'connected']); // one session all along
  });

  it('the bind timeout is an option (bindTimeoutMs)', async () => {
    const w = world();
    expect(w.server.dtlsServerSetup(serverOptions(), { bindTimeoutMs: 500 })).toBe(ErrorCode.OK);
    const silent = DtlsEndpoint.client(w.network.bind(), SERVER, 'localhost', TLSOptions.client(chain.caCert), { clock: w.clock });
    silent.send(Uint8Array.of(1), SERVER);
    await w.settle(300);
    expect(w.server.dtls!.sessionCount).toBe(1);
    await w.settle(300);
    expect(w.server.dtls!.sessionCount).toBe(0);
  });

  it('ending the ENet peer drops its DTLS session (close_notify); the client can connect again over a new one', async () => {
    const w = world();
    const { connects, disconnects } = dtlsServer(w);
    const { connection: client, socket } = w.client();
    const sessions: string[] = [];
    client.on('dtlsSession', (_remote, event) => sessions.push(event));
    const first = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    const peer = await first;
    const gone = peer.peerDisconnectAsync(3);
    await w.settle(500);
    await gone;
    expect(disconnects).toHaveLength(1);
    expect(w.server.dtls!.sessionStatus(socket.localAddress())).toBe(DTLSStatus.STATUS_DISCONNECTED);
    expect(sessions).toEqual(['handshaking', 'connected', 'closed']);

    const second = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(3000);
    const again = await second;
    expect(again.getState()).toBe(PeerState.STATE_CONNECTED);
    expect(sessions).toEqual(['handshaking', 'connected', 'closed', 'handshaking', 'connected']);

    // The server resets the peer: the session goes with it, and the client's ENet peer times out.
    connects[1]!.reset();
    expect(w.server.dtls!.sessionCount).toBe(0);
    await w.settle(50);
    expect(sessions[5]).toBe('closed');
    await w.settle(40_000, 100);
    expect(again.isActive()).toBe(false);
  });

  it('refuseNewConnections: no new DTLS session (no HelloVerifyRequest either); open sessions go on; remembered before setup', async () => {
    const w = world();
    w.server.refuseNewConnections(true); // before setup: remembered (Godot forgets it)
    const { connects, received } = dtlsServer(w);
    expect(w.server.dtls!.refuseNewConnections).toBe(true);
    const { connection: refused, socket: refusedSocket } = w.client();
    const refusedSent = tap(refusedSocket);
    refused.connectToHost('127.0.0.1', SERVER.port);
    refused.autoService = true;
    await w.settle(3000);
    expect(w.server.dtls!.sessionCount).toBe(0);
    expect(connects).toHaveLength(0);
    expect(refusedSent.length).toBeGreaterThan(1); // hellos went out, nothing came back
    expect(refused.dtls!.sessionStatus(SERVER)).toBe(DTLSStatus.STATUS_HANDSHAKING);
    refused.destroy();

    w.server.refuseNewConnections(false);
    const { connection: client } = w.client();
    const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    const peer = await connecting;
    w.server.refuseNewConnections(true);
    peer.send(0, pattern(100, 1), FLAG_RELIABLE);
    await w.settle(200);
    expect(received).toHaveLength(1);
    const { connection: late } = w.client();
    late.connectToHost('127.0.0.1', SERVER.port);
    late.autoService = true;
    await w.settle(3000);
    expect(connects).toHaveLength(1);
    expect(w.server.dtls!.sessionCount).toBe(1);
  });

  for (const [label, tls, hostname, failure] of [
    ['an untrusted CA', TLSOptions.client(otherChain.caCert), 'localhost', 'untrusted'],
    ['a wrong host name', TLSOptions.client(chain.caCert), 'wrong.example', 'hostname-mismatch'],
    ['a wrong common-name override', TLSOptions.client(chain.caCert, 'other.example'), 'localhost', 'hostname-mismatch'],
    ['the platform CAs (default options)', TLSOptions.client(), 'localhost', 'untrusted'],
  ] as const) {
    it(`never connects with ${label}: connectToHostAsync rejects with the DtlsError; the server gets no ENet peer`, async () => {
      const w = world();
      const { connects } = dtlsServer(w);
      const { connection: client } = w.client(tls, hostname);
      const result = client.connectToHostAsync('127.0.0.1', SERVER.port).catch((error: unknown) => error);
      await w.settle(1000);
      const error = (await result) as { code: ErrorCode; cause: DtlsError };
      expect(error.code).toBe(ErrorCode.ERR_CANT_CONNECT);
      expect(error.cause.reason).toBe('certificate');
      expect(error.cause.certificate).toBe(failure);
      await w.settle(3000);
      expect(connects).toHaveLength(0);
      expect(w.server.host!.peers.every((p) => p.state === PeerState.STATE_DISCONNECTED)).toBe(true);
    });
  }

  it('poll style with a refused certificate: each ENet retry starts a new handshake (as in Godot) until ENet times out', () => {
    const w = world();
    expect(w.server.dtlsServerSetup(serverOptions())).toBe(ErrorCode.OK);
    const { connection: client } = w.client(TLSOptions.client(chain.caCert), 'wrong.example');
    client.autoService = false;
    const failures: string[] = [];
    client.on('dtlsSession', (_remote, event, error) => {
      if (event === 'failed') failures.push(error!.certificate ?? error!.reason);
    });
    const peer = client.connectToHost('127.0.0.1', SERVER.port)!;
    const types: EventType[] = [];
    for (let t = 0; t < 60_000 && peer.isActive(); t += 50) {
      for (const c of [w.server, client]) for (let e = c.service(); e[0] !== EventType.EVENT_NONE; e = c.service()) types.push(e[0]);
      w.clock.advance(50);
    }
    expect(peer.isActive()).toBe(false);
    expect(types).not.toContain(EventType.EVENT_CONNECT);
    expect(types).toContain(EventType.EVENT_DISCONNECT);
    expect(failures.length).toBeGreaterThan(2);
    expect(new Set(failures)).toEqual(new Set(['hostname-mismatch']));
  });

  it('clientUnsafe() connects without checking anything (development only)', async () => {
    const w = world();
    dtlsServer(w);
    const { connection: client } = w.client(TLSOptions.clientUnsafe(), 'anything.example');
    const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    expect((await connecting).getState()).toBe(PeerState.STATE_CONNECTED);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 15% loss, 5% duplication, 10% reordering both ways — connects, every reliable packet arrives in order`, async () => {
      const w = world({ seed, loss: 0.15, duplicate: 0.05, reorder: 0.1, jitterMs: 5 });
      const { received } = dtlsServer(w);
      const { connection: client } = w.client();
      await connectAndDeliver(w, client, received, Array.from({ length: 20 }, (_, i) => pattern(100 + i * 300, i)), 40_000);
      expect(w.network.stats.lost).toBeGreaterThan(0);
    });
  }

  it('a ClientHello flood from 2000 addresses creates no DTLS session and no ENet state; a real client still connects', async () => {
    const w = world();
    const { connects } = dtlsServer(w);
    const probe = w.network.bind();
    const probeSent = tap(probe);
    DtlsEndpoint.client(probe, SERVER, 'localhost', TLSOptions.client(chain.caCert), { clock: w.clock }).send(Uint8Array.of(1), SERVER);
    const hello = probeSent[0]!;
    probe.close();
    for (let port = 20_000; port < 22_000; port++) w.network.bind(port).send(hello, SERVER);
    await w.settle(50);
    expect(w.server.dtls!.sessionCount).toBe(0);
    expect(w.server.host!.peers.every((p) => p.state === PeerState.STATE_DISCONNECTED)).toBe(true);
    expect(w.server.host!.totalReceivedPackets).toBe(0); // nothing reached ENet
    const { connection: client } = w.client();
    const connecting = client.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    await connecting;
    expect(connects).toHaveLength(1);
  });

  it('DTLS sessions are capped by the host\'s peer count; plain ENet datagrams never reach ENet', async () => {
    const w = world();
    dtlsServer(w); // 4 peers
    const clients = Array.from({ length: 6 }, () => DtlsEndpoint.client(w.network.bind(), SERVER, 'localhost', TLSOptions.client(chain.caCert), { clock: w.clock }));
    for (const client of clients) client.send(Uint8Array.of(1), SERVER);
    await w.settle(500);
    expect(w.server.dtls!.sessionCount).toBe(4);
    expect(clients.filter((c) => c.sessionStatus(SERVER) === DTLSStatus.STATUS_CONNECTED)).toHaveLength(4);

    // A plain (unencrypted) ENet client: its CONNECTs are not DTLS, so the host never sees them.
    const plain = scope.add(new ENetConnection({ clock: w.clock }), (c) => c.destroy());
    plain.createHostOn(w.network.bind(), 1);
    plain.connectToHost('127.0.0.1', SERVER.port);
    plain.autoService = true;
    await w.settle(2000);
    expect(w.server.host!.totalReceivedPackets).toBe(0);
    expect(w.server.dtls!.sessionCount).toBe(4);
  });

  it('tampered records are dropped by DTLS; ENet resends and every packet arrives intact', async () => {
    const w = world();
    const { received } = dtlsServer(w);
    let records = 0;
    let tampered = 0;
    const deliver = w.serverSocket.onDatagram!;
    w.serverSocket.onDatagram = (data, from) => {
      if (data[0] === APPLICATION_DATA && records++ % 3 === 0) {
        const copy = data.slice();
        copy[copy.length - 1]! ^= 0x01; // breaks the AEAD tag
        tampered++;
        deliver(copy, from);
        return;
      }
      deliver(data, from);
    };
    const { connection: client, socket } = w.client();
    await connectAndDeliver(w, client, received, Array.from({ length: 10 }, (_, i) => pattern(500 + i * 200, i)), 20_000);
    expect(w.server.dtls!.sessionStatus(socket.localAddress())).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(tampered).toBeGreaterThan(3);
  });

  it('a client restarting on the same port gets a new session; the old ENet peer timing out does not drop it', async () => {
    const w = world();
    const { disconnects } = dtlsServer(w);
    const { socket: oldSocket, connection: old } = w.client();
    const connecting = old.connectToHostAsync('127.0.0.1', SERVER.port);
    await w.settle(2000);
    await connecting;
    const port = oldSocket.localAddress().port;
    oldSocket.close(); // the process died: no DISCONNECT, no close_notify
    const { connection: restarted } = w.client(TLSOptions.client(chain.caCert), 'localhost', w.network.bind(port));
    const sessions: string[] = [];
    w.server.on('dtlsSession', (remote, event) => sessions.push(`${remote.port} ${event}`));
    let peer: ENetPacketPeer | undefined;
    void restarted.connectToHostAsync('127.0.0.1', SERVER.port).then((connected) => (peer = connected));
    await w.settle(3000);
    expect(peer).toBeDefined();
    expect(sessions).toEqual([`${port} closed`, `${port} handshaking`, `${port} connected`]);
    await w.settle(40_000, 100); // the old ENet peer times out on the server
    expect(disconnects).toHaveLength(1);
    expect(sessions).toEqual([`${port} closed`, `${port} handshaking`, `${port} connected`]); // and the new session stays
    expect(peer!.getState()).toBe(PeerState.STATE_CONNECTED);
    expect(w.server.dtls!.sessionStatus({ ip: '127.0.0.1', port })).toBe(DTLSStatus.STATUS_CONNECTED);
  });
});

describe('ENetMultiplayerPeer over DTLS (Godot 4: host.dtls_server_setup / host.dtls_client_setup)', () => {
  it('a server and a client set up through .host, packets both ways; refusal reaches the DTLS layer', async () => {
    const clock = new ManualClock(1000);
    const network = new MemoryNetwork({ clock, delayMs: 2 });
    const connection = { clock, bindEndpoint: (_ip: string, port: number) => network.bind(port) };
    const server = scope.add(new ENetMultiplayerPeer({ connection }), (p) => p.close());
    expect(server.createServer(7000, 4)).toBe(ErrorCode.OK);
    expect(server.host!.dtlsServerSetup(serverOptions())).toBe(ErrorCode.OK);
    const client = scope.add(new ENetMultiplayerPeer({ connection }), (p) => p.close());
    expect(client.createClient('127.0.0.1', 7000)).toBe(ErrorCode.OK);
    expect(client.host!.dtlsClientSetup('localhost', TLSOptions.client(chain.caCert))).toBe(ErrorCode.OK); // after create_client, as in Godot 4
    const joined: number[] = [];
    server.on('peerConnected', (id) => joined.push(id));
    for (let t = 0; t < 3000 && joined.length === 0; t += 10) {
      clock.advance(10);
      await Promise.resolve();
    }
    expect(joined).toEqual([client.getUniqueId()]);
    client.putPacket(pattern(50, 5));
    server.setTargetPeer(client.getUniqueId());
    server.putPacket(pattern(60, 6));
    for (let t = 0; t < 500; t += 10) clock.advance(10);
    expectBytes(server.getPacket(), pattern(50, 5));
    expectBytes(client.getPacket(), pattern(60, 6));

    server.refuseNewConnections = true;
    expect(server.host!.dtls!.refuseNewConnections).toBe(true);
  });
});
