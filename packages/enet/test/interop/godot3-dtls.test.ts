/**
 * ENet over DTLS against Godot 3.2.3, both roles, two Godot runs.
 *
 * **Debian's `godot3-server` cannot run ENet over DTLS itself**: it links the system libenet
 * (built without `GODOT_ENET`), so `NetworkedMultiplayerENet.use_dtls` is silently ignored and
 * it sends plain ENet (checked below: such a client only reaches our DTLS server as non-DTLS
 * datagrams and never connects; two Godot 3.2.3 peers with `use_dtls` "work" only because both
 * ignore it). So the Godot scripts (`godot/enet_dtls_*.gd`) put back in GDScript what Godot's
 * ENet DTLS socket does in C++ (`ENetDTLSClient` / `ENetDTLSServer` in `enet_godot.cpp`): its
 * `NetworkedMultiplayerENet` (libenet, Godot 3's `[u32 source][u32 target]` framing) talks
 * through Godot's own `PacketPeerDTLS` / `DTLSServer` (mbedTLS 2.16), one datagram per record.
 *
 * - Godot server (our RSA leaf for `localhost`, loaded with `CryptoKey` / `X509Certificate`),
 *   our `ENetConnection` client (`dtlsClientSetup('localhost', TLSOptions.client(ca))`), every
 *   payload echoed; before it, two clients of ours that must not connect (a wrong host name, an
 *   untrusted CA): Godot's ENet never sees them.
 * - Our server (`dtlsServerSetup`, an ECDSA leaf, zlib inside the records), Godot's client
 *   verifying us, sending and getting every payload back; beside it a bare `PacketPeerDTLS` that
 *   never speaks ENet, dropped by our 8 s rule (its close_notify reaches mbedTLS), one trusting
 *   another CA (fails), and a `use_dtls` client (plain ENet in this build: never connects).
 *
 * C libenet has no DTLS (Godot's DTLS socket is its own addition to ENet).
 */
import { readFileSync } from 'node:fs';
import { ErrorCode, TLSOptions, varToBytes, type DatagramAddress } from '@pp/core';
import { DTLSStatus } from '@pp/dtls';
import { freeUdpPort, makeTestChain, startGodot3, withEngineOutput, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { until } from '@pp/conformance/testing';
import { bindUdpEndpoint } from '@pp/udp';
import { afterEach, expect, it } from 'vitest';
import { CompressionMode, ENET_DTLS_TIMEOUT_MS, ENetConnection, FLAG_RELIABLE, type ENetPacketPeer } from '../../src/index.js';
import { expectBytes } from '../support/bytes.js';
import { expectGodot3Frame, godot3Cases, godot3Frame } from '../support/godot3-framing.js';

const OUR_ID = 515151;
const WAIT_MS = 20_000;
const DTLS_TYPES = new Set([20, 21, 22, 23]);
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const script = (name: string, replace: Record<string, string | number>): string => {
  let source = readFileSync(new URL(`./godot/${name}`, import.meta.url), 'utf8');
  for (const [key, value] of Object.entries(replace)) source = source.replaceAll(key, String(value));
  return source;
};

let godot: GodotHandle | undefined;
const hosts: ENetConnection[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) host.destroy();
  await godot?.stop();
  godot = undefined;
});

/** A client host on loopback with DTLS set up by `setup`. */
function host(setup: (connection: ENetConnection) => ErrorCode): ENetConnection {
  const connection = new ENetConnection();
  hosts.push(connection);
  expect(connection.createHostBound('127.0.0.1', 0, 1)).toBe(ErrorCode.OK);
  expect(setup(connection)).toBe(ErrorCode.OK);
  return connection;
}

/** Two different free UDP ports. */
async function twoPorts(): Promise<[number, number]> {
  const first = await freeUdpPort();
  for (;;) {
    const second = await freeUdpPort();
    if (second !== first) return [first, second];
  }
}

const withOutput = <T>(body: () => Promise<T>): Promise<T> => withEngineOutput(() => godot, body);

describeWithGodot3('ENet over DTLS ↔ Godot 3.2.3 (NetworkedMultiplayerENet through Godot\'s PacketPeerDTLS / DTLSServer)', () => {
  it('Godot server, our client: verified handshake, Godot 3 framing both ways; a wrong name and an untrusted CA never connect', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const stranger = makeTestChain({ keyType: 'rsa', dnsNames: ['localhost', 'stranger'] });
    const payloads = godot3Cases();
    const [port, enetPort] = await twoPorts();
    godot = await startGodot3({
      timeoutMs: 60_000,
      files: { 'server.key': chain.key, 'server.crt': chain.cert, 'cases.bin': varToBytes(payloads, { format: 'godot3' }) },
      script: script('enet_dtls_server.gd', { __PORT__: port, __ENET_PORT__: enetPort }),
    });
    await withOutput(async () => {
      for (const tag of ['key', 'cert', 'setup', 'enet', 'listen']) expect(await godot!.waitForTag(tag, WAIT_MS)).toBe('0');

      // Refused before anything else: a wrong host name, then a CA that did not sign the server's certificate.
      for (const [hostname, tls, failure] of [
        ['wrong.example', TLSOptions.client(chain.caCert), 'hostname-mismatch'],
        ['localhost', TLSOptions.client(stranger.caCert), 'untrusted'],
      ] as const) {
        const refused = host((c) => c.dtlsClientSetup(hostname, tls));
        const error = await refused.connectToHostAsync('localhost', port, 3, OUR_ID + 1, { timeoutMs: WAIT_MS }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT, cause: { reason: 'certificate', certificate: failure } });
        refused.destroy();
      }

      const client = host((c) => c.dtlsClientSetup('localhost', TLSOptions.client(chain.caCert)));
      const received: Array<{ data: Uint8Array; channel: number }> = [];
      client.on('receive', (_peer, data, channel) => received.push({ data, channel }));
      const peer = await client.connectToHostAsync('localhost', port, 3, OUR_ID, { timeoutMs: WAIT_MS });
      expect(client.dtls!.sessionStatus({ ip: '127.0.0.1', port })).toBe(DTLSStatus.STATUS_CONNECTED);
      for (const payload of payloads) expect(peer.send(1, godot3Frame(OUR_ID, 1, payload), FLAG_RELIABLE)).toBe(ErrorCode.OK);
      await until(() => received.length >= payloads.length, 'echoes from Godot', WAIT_MS);
      received.forEach(({ data, channel }, i) => {
        expect(channel).toBe(1);
        expectGodot3Frame(data, 1, OUR_ID, payloads[i]!);
      });
      const run = await godot!.finished;
      expect(run.tagged('peer')).toEqual([String(OUR_ID)]); // the refused clients never reached ENet
      expect(run.tagged('session_ended').length).toBeGreaterThanOrEqual(2); // their DTLS sessions failed (our alerts)
      expect(run.tagged('from')).toEqual(payloads.map(() => String(OUR_ID)));
      run.tagged('got').forEach((text, i) => expectBytes(fromBase64(text), payloads[i]!));
    });
  }, 90_000);

  it(`our server, Godot client: echo through us (zlib inside DTLS); a bare DTLS session dropped at ${ENET_DTLS_TIMEOUT_MS} ms, another CA refused, use_dtls ignored by this build`, async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const stranger = makeTestChain({ keyType: 'ec', dnsNames: ['localhost', 'stranger'] });
    const payloads = godot3Cases();
    const udp = bindUdpEndpoint('127.0.0.1', 0);
    const server = new ENetConnection();
    hosts.push(server);
    expect(server.createHostOn(udp, 8, 3)).toBe(ErrorCode.OK);
    expect(server.dtlsServerSetup(TLSOptions.server(chain.key, chain.cert))).toBe(ErrorCode.OK);
    server.compress(CompressionMode.COMPRESS_ZLIB);
    let plainIn = 0; // datagrams that are not DTLS records at all
    const raw = udp.onDatagram!;
    udp.onDatagram = (data, from) => {
      if (!DTLS_TYPES.has(data[0]!)) plainIn++;
      raw(data, from);
    };
    let compressedIn = 0;
    const deliver = server.dtls!.onDatagram!;
    server.dtls!.onDatagram = (data, from) => {
      if (data.length >= 2 && (data[0]! & 0x40) !== 0) compressedIn++; // ENet's compressed flag, after decryption
      deliver(data, from);
    };
    const connects: Array<{ peer: ENetPacketPeer; data: number; key: string }> = [];
    server.on('connect', (peer, data) => connects.push({ peer, data, key: `${peer.getRemoteAddress()}:${peer.getRemotePort()}` }));
    server.on('receive', (peer, data, channel) => {
      expect(channel).toBe(1);
      const source = new DataView(data.buffer, data.byteOffset, data.length).getUint32(0, true);
      peer.send(1, godot3Frame(1, source, data.subarray(8)), FLAG_RELIABLE);
    });
    const sessions = new Map<string, { handshaking?: number; closed?: number; failed?: string; starts?: number }>();
    const entry = (remote: DatagramAddress) => {
      const key = `${remote.ip}:${remote.port}`;
      let found = sessions.get(key);
      if (found === undefined) sessions.set(key, (found = {}));
      return found;
    };
    server.on('dtlsSession', (remote, event, error) => {
      if (event === 'handshaking') {
        entry(remote).handshaking = performance.now();
        entry(remote).starts = (entry(remote).starts ?? 0) + 1;
      }
      if (event === 'closed') entry(remote).closed = performance.now();
      if (event === 'failed') entry(remote).failed = error?.reason ?? 'unknown';
    });
    godot = await startGodot3({
      timeoutMs: 60_000,
      files: { 'ca.crt': chain.caCert, 'other_ca.crt': stranger.caCert, 'cases.bin': varToBytes(payloads, { format: 'godot3' }) },
      script: script('enet_dtls_client.gd', { __PORT__: server.getLocalPort(), __RELAY_PORT__: await freeUdpPort(), __MODE__: CompressionMode.COMPRESS_ZLIB }),
    });
    await withOutput(async () => {
      for (const tag of ['relay', 'connect', 'bare', 'stranger', 'plain']) expect(await godot!.waitForTag(tag, WAIT_MS)).toBe('0');
      await godot!.waitForTag('bare_connected', WAIT_MS);
      const run = await godot!.finished;
      const godotId = Number(run.tagged('id')[0]);
      expect(connects.map((c) => c.data)).toEqual([godotId]); // only the client that speaks DTLS
      expect(run.tagged('from')).toEqual(payloads.map(() => '1'));
      run.tagged('echo').forEach((text, i) => expectBytes(fromBase64(text), payloads[i]!));
      expect(compressedIn).toBeGreaterThan(0);
      expect(Number(run.tagged('lost_while_handshaking')[0])).toBeGreaterThan(0); // the first CONNECT, resent by ENet

      // The bare DTLS session: dropped by our 8 s rule with a close_notify mbedTLS understood.
      const [status, aliveMs] = run.tagged('bare_ended')[0]!.split(' ').map(Number) as [number, number];
      expect(status).toBe(DTLSStatus.STATUS_DISCONNECTED);
      expect(aliveMs).toBeGreaterThan(ENET_DTLS_TIMEOUT_MS - 1500);
      expect(aliveMs).toBeLessThan(ENET_DTLS_TIMEOUT_MS + 1500);
      // On our side: the sessions that never became ENet peers (the bare one, the stranger's)
      // ended, by an alert or by the 8 s rule — never earlier.
      expect(sessions.get(connects[0]!.key)).toMatchObject({ starts: 1 }); // the ENet client's session was never replaced
      const others = [...sessions].filter(([key]) => key !== connects[0]!.key).map(([, s]) => s);
      expect(others.length).toBeGreaterThanOrEqual(2);
      for (const s of others) {
        if (s.failed !== undefined) continue;
        expect(s.closed! - s.handshaking!).toBeGreaterThanOrEqual(ENET_DTLS_TIMEOUT_MS - 100);
        expect(s.closed! - s.handshaking!).toBeLessThan(ENET_DTLS_TIMEOUT_MS + 1500);
      }
      // mbedTLS refused our certificate (another CA).
      expect(run.tagged('stranger_status')).toEqual([String(DTLSStatus.STATUS_ERROR)]);
      // use_dtls in this build: plain ENet reached us, never a session or a peer.
      expect(plainIn).toBeGreaterThan(0);
      expect(run.tagged('plain_status')).toEqual(['1']); // CONNECTION_CONNECTING
    });
  }, 90_000);
});
