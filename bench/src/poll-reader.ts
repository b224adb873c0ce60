/**
 * The poll style of reading a packet peer, as a game loop ported from GDScript does it: wait
 * until packets are there, then take them with `getAvailablePacketCount()` and `getPacket()`.
 * Calls `done()` for each packet; ends when the peer closes.
 */
interface PollablePeer {
  waitForPacket(): Promise<void>;
  getAvailablePacketCount(): number;
  getPacket(): Uint8Array;
}

export function pollPackets(peer: PollablePeer, done: () => void): Promise<void> {
  return (async () => {
    for (;;) {
      await peer.waitForPacket();
      while (peer.getAvailablePacketCount() > 0) {
        peer.getPacket();
        done();
      }
    }
  })().catch(() => undefined); // waitForPacket rejects once the peer closes
}
