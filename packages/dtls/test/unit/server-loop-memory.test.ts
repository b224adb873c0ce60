/**
 * Godot's DTLSServer loop (UDPServer → takeConnection → drop peers that are not handshaking) on
 * core's lossy MemoryNetwork with a ManualClock: the cookie exchange and its "first attempt
 * fails" pattern survive loss deterministically, and a session's packets flow both ways.
 */
import { ManualClock, MemoryNetwork, TLSOptions } from '@pp/core';
import { makeTestChain } from '@pp/interop';
import { UDPServer } from '@pp/udp';
import { describe, expect, it } from 'vitest';
import { DTLSServer, DTLSStatus, DtlsEndpoint, type PacketPeerDTLS } from '../../src/index.js';

const chain = makeTestChain({ keyType: 'rsa' });

describe('DTLSServer with UDPServer on a lossy in-memory network', () => {
  for (const seed of [11, 12, 13, 14, 15]) {
    it(`seed ${seed}: 25% loss and reordering`, () => {
      const clock = new ManualClock();
      const network = new MemoryNetwork({ clock, seed, loss: 0.25, reorder: 0.2, delayMs: 3, jitterMs: 5 });
      const udp = new UDPServer({ clock });
      expect(udp.listenOn(network.bind(7000))).toBe(0);
      const dtls = new DTLSServer({ clock });
      expect(dtls.setup(TLSOptions.server(chain.key, chain.cert))).toBe(0);
      const sessions: PacketPeerDTLS[] = [];
      udp.on('connection', () => {
        while (udp.isConnectionAvailable()) {
          const peer = dtls.takeConnection(udp.takeConnection()!);
          if (peer.getStatus() === DTLSStatus.STATUS_HANDSHAKING) sessions.push(peer);
        }
      });

      const serverAddress = { ip: '127.0.0.1', port: 7000 };
      const client = DtlsEndpoint.client(network.bind(), serverAddress, 'localhost', TLSOptions.client(chain.caCert), { clock });
      const echoed: string[] = [];
      client.onDatagram = (data) => echoed.push(new TextDecoder().decode(data));
      client.send(new Uint8Array([0]), serverAddress);
      for (let i = 0; i < 300 && client.sessionStatus(serverAddress) !== DTLSStatus.STATUS_CONNECTED; i++) clock.advance(500);
      expect(client.sessionStatus(serverAddress)).toBe(DTLSStatus.STATUS_CONNECTED);
      clock.advance(100);
      const connected = sessions.filter((peer) => peer.getStatus() === DTLSStatus.STATUS_CONNECTED);
      expect(connected).toHaveLength(1);
      expect(dtls.stats.helloVerifyRequests).toBeGreaterThanOrEqual(1);

      const peer = connected[0]!;
      peer.on('packet', (data) => peer.putPacket(data));
      for (let i = 0; i < 30 && echoed.length === 0; i++) {
        client.send(new TextEncoder().encode(`ping ${i}`), serverAddress);
        clock.advance(50);
      }
      expect(echoed.length).toBeGreaterThan(0);
      expect(echoed[0]).toMatch(/^ping \d+$/);
      client.close();
      udp.stop();
    });
  }
});
