/**
 * `pp proxy udp` on @pp/udp: a `UDPServer` accepts each game address as a connection (Godot's
 * rules), and each gets its own `PacketPeerUDP` to the target, so replies find their way back.
 * Datagrams are forwarded unchanged; each is one packet. (An empty datagram cannot be forwarded:
 * `put_packet` of nothing sends nothing, in Godot as here.)
 */
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { ErrorCode, errorName } from '@pp/core';
import { PacketPeerUDP, UDPServer } from '@pp/udp';
import { type Leg, type LegOptions, counter, peerName } from './leg.js';

export async function startUdpLeg(options: LegOptions): Promise<Leg> {
  const { inspector } = options;
  const next = counter();
  const targetIp = isIP(options.target.host) ? options.target.host : (await lookup(options.target.host)).address;
  const server = new UDPServer({ maxPendingConnections: 256 });
  const upstreams = new Set<PacketPeerUDP>();
  const error = server.listen(options.listen.port, options.listen.host);
  if (error !== ErrorCode.OK) throw new Error(`cannot listen on UDP ${options.listen.host}:${options.listen.port}: ${errorName(error)}`);

  server.on('connection', () => {
    while (server.isConnectionAvailable()) {
      const game = server.takeConnection();
      if (game === null) break;
      const connection = next();
      const peer = peerName(game.getPacketIp(), game.getPacketPort());
      const upstream = new PacketPeerUDP();
      const connected = upstream.connectToHost(targetIp, options.target.port);
      if (connected !== ErrorCode.OK) {
        inspector.connection('close', connection, peer, `cannot reach the target: ${errorName(connected)}`);
        game.close();
        continue;
      }
      upstreams.add(upstream);
      inspector.connection('open', connection, peer);
      const toServer = (bytes: Uint8Array): void => {
        inspector.packet({ connection, peer, direction: 'c2s', frame: 'datagram', bytes });
        upstream.putPacket(bytes);
      };
      // Datagrams that came before this listener are in the peer's queue: forward them first.
      while (game.getAvailablePacketCount() > 0) toServer(game.getPacket());
      game.on('packet', toServer);
      upstream.on('packet', (bytes) => {
        inspector.packet({ connection, peer, direction: 's2c', frame: 'datagram', bytes });
        game.putPacket(bytes);
      });
      upstream.on('error', (e) => inspector.connection('close', connection, peer, `server side: ${e.message}`));
    }
  });
  return {
    address: { host: options.listen.host, port: server.getLocalPort() },
    close: async () => {
      for (const upstream of upstreams) upstream.close();
      server.stop();
    },
  };
}
