/** Godot's DTLS server loop, as the class reference writes it, on our UDPServer and DTLSServer. */
import { TLSOptions } from '@pp/core';
import { UDPServer } from '@pp/udp';
import { DTLSServer, DTLSStatus, type DTLSServerOptions, type PacketPeerDTLS } from '../../src/index.js';

export interface ServerLoop {
  readonly port: number;
  readonly udp: UDPServer;
  readonly dtls: DTLSServer;
  /** Sessions whose cookie verified (handshaking or connected). */
  readonly peers: PacketPeerDTLS[];
  /** Resolves with the next peer that reaches STATUS_CONNECTED. */
  nextConnected(timeoutMs?: number): Promise<PacketPeerDTLS>;
  stop(): void;
}

export function startServerLoop(key: string, cert: string, options: DTLSServerOptions = {}): ServerLoop {
  const udp = new UDPServer();
  if (udp.listen(0, '127.0.0.1') !== 0) throw new Error('listen failed');
  const dtls = new DTLSServer(options);
  if (dtls.setup(TLSOptions.server(key, cert)) !== 0) throw new Error(`setup failed: ${dtls.lastError?.message}`);
  const peers: PacketPeerDTLS[] = [];
  const waiting: Array<(peer: PacketPeerDTLS) => void> = [];
  const take = (): void => {
    while (udp.isConnectionAvailable()) {
      const peer = dtls.takeConnection(udp.takeConnection()!);
      if (peer.getStatus() !== DTLSStatus.STATUS_HANDSHAKING) continue; // cookie exchange: the retry comes next
      peers.push(peer);
      peer.on('connected', () => waiting.shift()?.(peer));
    }
  };
  udp.on('connection', take);
  return {
    port: udp.getLocalPort(), udp, dtls, peers,
    nextConnected(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no DTLS connection in time')), timeoutMs);
        waiting.push((peer) => {
          clearTimeout(timer);
          resolve(peer);
        });
      });
    },
    stop() {
      for (const peer of peers) peer.close();
      udp.stop();
    },
  };
}
