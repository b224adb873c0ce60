/**
 * The sans-IO ENet engine alone: two `Host`s in this process hand their datagrams to each other
 * directly (no socket, no event loop), a client keeping 64 reliable packets in flight and a
 * server echoing them, as in the socket benchmark. What it costs per echo is what our ENet adds
 * on top of the socket layer, both ends counted.
 */
import { protocol } from '@pp/enet';

const WINDOW = 64;
const CLIENT = { ip: '127.0.0.1', port: 2 };
const SERVER = { ip: '127.0.0.1', port: 1 };

/** Hands every datagram `from` has to `to`, the way the driver drains a host (no object per datagram). */
function move(from: protocol.Host, to: protocol.Host, address: protocol.PeerAddress, now: number): void {
  from.drainTransmits((data) => to.receive(data, address, now));
}

/** Echoes per second through both engines for `count` echoes of `size` bytes. */
export function engineEchoRate(size: number, count: number): number {
  const server = new protocol.Host({ peerCount: 64, channelLimit: 2, seed: 1 });
  const client = new protocol.Host({ peerCount: 1, seed: 2 });
  let now = 1;
  const peer = client.connect(SERVER, 2, 0, now);
  if (peer === null) throw new Error('no peer slot');
  for (let i = 0; i < 10; i++, now++) {
    client.service(now);
    move(client, server, CLIENT, now);
    server.service(now);
    move(server, client, SERVER, now);
    while (server.pollEvent() !== null || client.pollEvent() !== null) { /* the CONNECT events */ }
  }
  const payload = new Uint8Array(size);
  for (let i = 0; i < WINDOW; i++) peer.send(0, new protocol.Packet(payload, protocol.PacketFlag.RELIABLE));
  let done = 0;
  const e = new protocol.MutableHostEvent();
  const start = performance.now();
  while (done < count) {
    client.service(now);
    move(client, server, CLIENT, now);
    // Events as the driver takes them: into one reused record.
    while (server.pollEventInto(e)) {
      // The received view itself (ENetPacketPeer would copy it first, from a slab).
      if (e.type === protocol.EventType.RECEIVE && e.packet !== null) e.peer.send(e.channelID, new protocol.Packet(e.packet.data, e.packet.flags));
    }
    server.service(now);
    move(server, client, SERVER, now);
    while (client.pollEventInto(e)) {
      if (e.type !== protocol.EventType.RECEIVE) continue;
      done++;
      peer.send(0, new protocol.Packet(payload, protocol.PacketFlag.RELIABLE));
    }
    // A millisecond per 1024 echoes keeps the RTT figures and timers of a fast link.
    if ((done & 1023) === 0) now++;
  }
  return (count * 1000) / (performance.now() - start);
}
