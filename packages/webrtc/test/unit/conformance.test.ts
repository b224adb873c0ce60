/**
 * The core PacketPeer conformance suite on a WebRTCDataChannel between two Node.js connections
 * over loopback (bound to 127.0.0.1, only 127.0.0.1 candidates forwarded: support/loopback.ts).
 */
import { packetPeerSuite } from '@pp/conformance';
import { openChannelPair } from '../support/loopback.js';

const connect = (options = {}) => async () => {
  const pair = await openChannelPair(options);
  return { a: pair.ca, b: pair.cb, close: () => pair.close() };
};

// Godot's defaults: a 64 KiB receive buffer, so 65530 bytes is the largest message received.
packetPeerSuite({
  name: 'WebRTCDataChannel, reliable ordered, Godot\'s buffer',
  connect: connect(),
  capabilities: { reliable: true, ordered: true, maxPacketSize: 65530, refusesOversized: false, closePropagates: true },
  timeoutMs: 10_000,
});

// With a bigger receive buffer the sender's limit shows: the other side's a=max-message-size.
packetPeerSuite({
  name: 'WebRTCDataChannel, 512 KiB receive buffer, 256 KiB messages',
  connect: connect({ maxChannelInBufferKb: 512 }),
  capabilities: { reliable: true, ordered: true, maxPacketSize: 262144, refusesOversized: true, closePropagates: true },
  timeoutMs: 10_000,
});

packetPeerSuite({
  name: 'WebRTCDataChannel, format godot3',
  connect: connect({ format: 'godot3' }),
  capabilities: { reliable: true, ordered: true, maxPacketSize: 65530, refusesOversized: false, closePropagates: true, format: 'godot3' },
  timeoutMs: 10_000,
});
