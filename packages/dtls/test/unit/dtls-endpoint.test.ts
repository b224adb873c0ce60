/**
 * DtlsEndpoint (DTLS as a DatagramEndpoint, for ENet) over core's seeded lossy MemoryNetwork with a
 * ManualClock: deterministic handshakes under loss, Godot's send rules, the retransmission
 * schedule in simulated time, cookie floods, and the limits on handshaking sessions.
 */
import { ErrorCode, MemoryNetwork, ManualClock, TLSOptions, type DatagramAddress } from '@pp/core';
import { makeTestChain } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import { DTLSStatus, DtlsEndpoint, type DtlsSessionEvent } from '../../src/index.js';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const chain = makeTestChain({ keyType: 'ec' });

function setup(conditions: ConstructorParameters<typeof MemoryNetwork>[0] = {}) {
  const clock = new ManualClock();
  const network = new MemoryNetwork({ clock, delayMs: 5, ...conditions });
  const serverInner = network.bind(7000);
  const server = DtlsEndpoint.server(serverInner, TLSOptions.server(chain.key, chain.cert), { clock });
  const client = DtlsEndpoint.client(network.bind(), serverInner.localAddress(), 'localhost', TLSOptions.client(chain.caCert), { clock });
  const received: Record<'client' | 'server', Array<{ text: string; from: DatagramAddress }>> = { client: [], server: [] };
  client.onDatagram = (data, from) => received.client.push({ text: new TextDecoder().decode(data), from });
  server.onDatagram = (data, from) => received.server.push({ text: new TextDecoder().decode(data), from });
  const events: Array<[string, DtlsSessionEvent]> = [];
  server.onSession = (remote, event) => events.push([`server ${remote.port}`, event]);
  client.onSession = (remote, event) => events.push([`client ${remote.port}`, event]);
  return { clock, network, server, client, received, events, serverAddress: serverInner.localAddress() };
}

describe('DtlsEndpoint over a lossy in-memory network (ManualClock)', () => {
  it('the first send starts the handshake; sends before it completes are dropped as OK (Godot)', () => {
    const { clock, server, client, received, events, serverAddress } = setup();
    expect(client.send(text('too early'), serverAddress)).toBe(ErrorCode.OK);
    expect(client.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_HANDSHAKING);
    clock.advance(200);
    expect(client.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(server.sessionCount).toBe(1);
    expect(received.server).toEqual([]);
    expect(client.send(text('hello'), serverAddress)).toBe(ErrorCode.OK);
    clock.advance(20);
    expect(received.server.map((entry) => entry.text)).toEqual(['hello']);
    const clientAddress = received.server[0]!.from;
    expect(server.send(text('world'), clientAddress)).toBe(ErrorCode.OK);
    expect(server.send(text('nobody'), { ip: '127.0.0.1', port: 1 })).toBe(ErrorCode.OK); // unknown address: dropped
    clock.advance(20);
    expect(received.client).toEqual([{ text: 'world', from: serverAddress }]);
    expect(events.map(([, event]) => event)).toEqual(['handshaking', 'handshaking', 'connected', 'connected']);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: 20% loss, 10% duplication, 20% reordering — the handshake completes, data flows`, () => {
      const { clock, client, server, received, serverAddress, network } = setup({ seed, loss: 0.2, duplicate: 0.1, reorder: 0.2, jitterMs: 10 });
      client.send(text('start'), serverAddress);
      for (let i = 0; i < 200 && client.sessionStatus(serverAddress) !== DTLSStatus.STATUS_CONNECTED; i++) clock.advance(500);
      expect(client.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_CONNECTED);
      for (let i = 0; i < 40 && received.server.length === 0; i++) {
        client.send(text(`m${i}`), serverAddress);
        clock.advance(50);
      }
      expect(received.server.length).toBeGreaterThan(0);
      expect(new Set(received.server.map((entry) => entry.text)).size).toBe(received.server.length); // no replays
      expect(server.sessionCount).toBe(1);
      const { lost, duplicated, reordered } = network.stats;
      expect(lost + duplicated + reordered).toBeGreaterThan(0); // the link did misbehave
    });
  }

  it('with no server, the client retries on 1 s doubling to 60 s and fails after 123 s; the next send starts over', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const silent = network.bind(7000);
    let hellos = 0;
    const times: number[] = [];
    silent.onDatagram = () => {
      hellos++;
      times.push(clock.now());
    };
    const client = DtlsEndpoint.client(network.bind(), silent.localAddress(), 'localhost', TLSOptions.client(chain.caCert), { clock });
    const failures: string[] = [];
    client.onSession = (_remote, event, error) => {
      if (event === 'failed') failures.push(error!.reason);
    };
    client.send(text('x'), silent.localAddress());
    clock.advance(122_999);
    expect(failures).toEqual([]);
    clock.advance(1);
    expect(failures).toEqual(['handshake-timeout']);
    expect(times).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    expect(client.sessionCount).toBe(0);
    client.send(text('again'), silent.localAddress());
    clock.advance(1);
    expect(hellos).toBe(8);
  });

  it('a ClientHello flood from 2000 addresses leaves no session; refuseNewConnections and maxHandshakingSessions hold', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const serverInner = network.bind(7000);
    const server = DtlsEndpoint.server(serverInner, TLSOptions.server(chain.key, chain.cert), { clock, maxHandshakingSessions: 2 });
    const hello = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec')).client.pollTransmit()!;
    for (let port = 20_000; port < 22_000; port++) network.bind(port).send(hello, serverInner.localAddress());
    clock.advance(10);
    expect(server.sessionCount).toBe(0);

    // Real clients: two may handshake at once, the third waits for its retransmission.
    const clients = [0, 1, 2].map(() => DtlsEndpoint.client(network.bind(), serverInner.localAddress(), 'localhost', TLSOptions.client(chain.caCert), { clock }));
    server.refuseNewConnections = true;
    for (const client of clients) client.send(text('x'), serverInner.localAddress());
    clock.advance(500);
    expect(server.sessionCount).toBe(0);
    server.refuseNewConnections = false;
    clock.advance(5000);
    const connected = clients.filter((client) => client.sessionStatus(serverInner.localAddress()) === DTLSStatus.STATUS_CONNECTED);
    expect(connected.length).toBe(3);
    expect(server.sessionCount).toBe(3);
  });

  it('dropSession sends close_notify; the client ends its session and the next send reconnects', () => {
    const { clock, client, server, received, serverAddress } = setup();
    client.send(text('x'), serverAddress);
    clock.advance(200);
    client.send(text('hi'), serverAddress);
    clock.advance(20);
    const clientAddress = received.server[0]!.from;
    server.dropSession(clientAddress);
    clock.advance(20);
    expect(server.sessionCount).toBe(0);
    expect(client.sessionCount).toBe(0);
    client.send(text('x'), serverAddress);
    clock.advance(200);
    expect(client.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_CONNECTED);
  });

  it('refuses records over maxDatagramSize and server options for a client', () => {
    const { client, serverAddress, network } = setup();
    expect(client.maxDatagramSize).toBe(16_384);
    expect(client.send(new Uint8Array(16_385), serverAddress)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(() => DtlsEndpoint.client(network.bind(), serverAddress, 'x', TLSOptions.server(chain.key, chain.cert))).toThrow(/client TLSOptions/);
    client.close();
    expect(client.send(text('x'), serverAddress)).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('a client that restarts on the same address gets a new session (RFC 6347 §4.2.8); a forged hello does not end the old one', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock, delayMs: 2 });
    const serverInner = network.bind(7000);
    const serverAddress = serverInner.localAddress();
    const server = DtlsEndpoint.server(serverInner, TLSOptions.server(chain.key, chain.cert), { clock });
    const events: DtlsSessionEvent[] = [];
    server.onSession = (_remote, event) => events.push(event);
    const firstInner = network.bind(40_000);
    const first = DtlsEndpoint.client(firstInner, serverAddress, 'localhost', TLSOptions.client(chain.caCert), { clock });
    first.send(text('x'), serverAddress);
    clock.advance(100);
    expect(server.sessionStatus({ ip: '127.0.0.1', port: 40_000 })).toBe(DTLSStatus.STATUS_CONNECTED);

    // A cookie-less ClientHello "from" that address: answered, the session stays.
    const hello = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec')).client.pollTransmit()!;
    firstInner.close(); // the client process died without a close_notify
    const spoof = network.bind(40_000);
    spoof.send(hello, serverAddress);
    clock.advance(10);
    expect(server.sessionStatus({ ip: '127.0.0.1', port: 40_000 })).toBe(DTLSStatus.STATUS_CONNECTED);
    spoof.close();

    const second = DtlsEndpoint.client(network.bind(40_000), serverAddress, 'localhost', TLSOptions.client(chain.caCert), { clock });
    const got: string[] = [];
    server.onDatagram = (data) => got.push(new TextDecoder().decode(data));
    second.send(text('x'), serverAddress);
    clock.advance(100);
    expect(second.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(server.sessionCount).toBe(1);
    second.send(text('after restart'), serverAddress);
    clock.advance(10);
    expect(got).toEqual(['after restart']);
    expect(events).toEqual(['handshaking', 'connected', 'closed', 'handshaking', 'connected']);
  });

  it('a client without a fixed server talks to the first send\'s destination (ENet over DTLS); others are neither sent to nor heard', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock, delayMs: 2 });
    const servers = [7000, 7001].map((port) => {
      const inner = network.bind(port);
      const server = DtlsEndpoint.server(inner, TLSOptions.server(chain.key, chain.cert), { clock });
      const got: string[] = [];
      server.onDatagram = (data, from) => {
        got.push(new TextDecoder().decode(data));
        server.send(text('reply'), from);
      };
      return { address: inner.localAddress(), server, got };
    });
    const [a, b] = servers as [typeof servers[0], typeof servers[0]];
    const clientInner = network.bind();
    const client = DtlsEndpoint.client(clientInner, null, 'localhost', TLSOptions.client(chain.caCert), { clock });
    const heard: Array<{ text: string; port: number }> = [];
    client.onDatagram = (data, from) => heard.push({ text: new TextDecoder().decode(data), port: from.port });
    expect(client.send(text('start'), b.address)).toBe(ErrorCode.OK);
    expect(client.send(text('elsewhere'), a.address)).toBe(ErrorCode.OK); // a session lives: dropped
    clock.advance(100);
    expect(client.sessionStatus(b.address)).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(client.sessionStatus(a.address)).toBe(DTLSStatus.STATUS_DISCONNECTED);
    expect(a.server.sessionCount).toBe(0);
    client.send(text('to b'), b.address);
    client.send(text('to a'), a.address);
    network.bind(9999).send(text('stray'), clientInner.localAddress());
    clock.advance(20);
    expect(b.got).toEqual(['to b']);
    expect(a.got).toEqual([]);
    expect(heard).toEqual([{ text: 'reply', port: b.address.port }]);

    // Once that session ends, the next send picks its destination again.
    b.server.dropSession(clientInner.localAddress());
    clock.advance(20);
    expect(client.sessionCount).toBe(0);
    client.send(text('start'), a.address);
    clock.advance(100);
    expect(client.sessionStatus(a.address)).toBe(DTLSStatus.STATUS_CONNECTED);
  });

  it('maxSessions caps the sessions (handshaking or connected); the limits are checked', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock, delayMs: 2 });
    const serverInner = network.bind(7000);
    const server = DtlsEndpoint.server(serverInner, TLSOptions.server(chain.key, chain.cert), { clock, maxSessions: 2 });
    const clients = [0, 1, 2].map(() => DtlsEndpoint.client(network.bind(), serverInner.localAddress(), 'localhost', TLSOptions.client(chain.caCert), { clock }));
    for (const client of clients) client.send(text('x'), serverInner.localAddress());
    clock.advance(5000);
    expect(server.sessionCount).toBe(2);
    expect(clients.filter((c) => c.sessionStatus(serverInner.localAddress()) === DTLSStatus.STATUS_CONNECTED)).toHaveLength(2);
    // One leaves: the third gets in on its next retransmission.
    const connected = clients.find((c) => c.sessionStatus(serverInner.localAddress()) === DTLSStatus.STATUS_CONNECTED)!;
    connected.close();
    clock.advance(20_000);
    expect(server.sessionCount).toBe(2);
    expect(clients.filter((c) => !c.closed && c.sessionStatus(serverInner.localAddress()) === DTLSStatus.STATUS_CONNECTED)).toHaveLength(2);
    for (const options of [{ maxSessions: 0 }, { maxHandshakingSessions: 0 }, { maxSessions: 1.5 }]) {
      expect(() => DtlsEndpoint.server(network.bind(), TLSOptions.server(chain.key, chain.cert), options)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    }
  });
});
