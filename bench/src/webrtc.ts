/**
 * `@pp/webrtc` against raw node-datachannel, in one process over loopback (every connection
 * binds 127.0.0.1; only 127.0.0.1 candidates are exchanged):
 *
 * - throughput: messages/s and MB/s over a reliable, ordered, negotiated channel, a fixed
 *   amount in flight, for `WebRTCDataChannel` (putPacket → `packet` events) and for a bare
 *   node-datachannel `DataChannel` (sendMessageBinary → onMessage);
 * - connection set-up: from the offer to both ends of a channel open, with the same in-process
 *   signalling for both (each description and candidate handed over as it is made).
 */
import nodeDataChannel, { type DataChannel, type PeerConnection } from 'node-datachannel';
import { WebRTCPeerConnection, isLoopbackCandidate, preload, type WebRTCDataChannel } from '@pp/webrtc';
import { printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';

/** Messages in flight: about 1 MiB. */
const windowFor = (size: number): number => Math.max(16, Math.floor((1024 * 1024) / size));
const LOOPBACK = { bindAddress: '127.0.0.1' } as const;

/** Two of our connections, signalled in-process, with one negotiated reliable channel open. */
async function ppPair(size: number): Promise<{ a: WebRTCPeerConnection; b: WebRTCPeerConnection; ca: WebRTCDataChannel; cb: WebRTCDataChannel }> {
  const a = new WebRTCPeerConnection({ maxChannelInBufferKb: Math.max(64, Math.ceil(size / 512)) });
  const b = new WebRTCPeerConnection({ maxChannelInBufferKb: Math.max(64, Math.ceil(size / 512)) });
  a.initialize(LOOPBACK);
  b.initialize(LOOPBACK);
  for (const [from, to] of [[a, b], [b, a]] as const) {
    from.on('sessionDescriptionCreated', (type, sdp) => {
      from.setLocalDescription(type, sdp);
      to.setRemoteDescription(type, sdp);
    });
    from.on('iceCandidateCreated', (media, index, name) => {
      if (isLoopbackCandidate(name)) to.addIceCandidate(media, index, name);
    });
  }
  const ca = a.createDataChannel('bench', { negotiated: true, id: 1 }) as WebRTCDataChannel;
  const cb = b.createDataChannel('bench', { negotiated: true, id: 1 }) as WebRTCDataChannel;
  a.createOffer();
  await Promise.all([ca.waitForOpen({ timeoutMs: 10_000 }), cb.waitForOpen({ timeoutMs: 10_000 })]);
  return { a, b, ca, cb };
}

/** A node-datachannel callback whose exception is reported, not an abort of the process. */
function safely<A extends unknown[]>(body: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      body(...args);
    } catch (error) {
      console.error('raw node-datachannel:', error instanceof Error ? error.message : error);
    }
  };
}

type RawPair = { a: PeerConnection; b: PeerConnection; ca: DataChannel; cb: DataChannel };

function closeRaw({ a, b, ca, cb }: RawPair): void {
  ca.close();
  cb.close();
  a.close();
  b.close();
}

/**
 * Two bare node-datachannel connections, signalled the same way, with one negotiated channel
 * open; `undefined` when the pair failed (see `tryRawPair`).
 */
async function rawPair(): Promise<RawPair> {
  for (;;) {
    const pair = await tryRawPair();
    if (pair !== undefined) return pair;
  }
}

/**
 * One attempt. Signalled this fast, two libdatachannel peers race: the answerer may connect and
 * send its DTLS ClientHello before the offerer has the answer, which then either waits a second
 * for a retransmission or fails the handshake (the certificate checked against a fingerprint the
 * offerer does not have yet).
 */
async function tryRawPair(): Promise<RawPair | undefined> {
  const config = { iceServers: [], ...LOOPBACK, disableAutoNegotiation: true };
  const a = new nodeDataChannel.PeerConnection('a', config);
  const b = new nodeDataChannel.PeerConnection('b', config);
  // The least a correct bare user must do: node-datachannel may report a candidate before its
  // description (and an exception in its callbacks aborts the process), so candidates wait for it.
  const described = new Set<PeerConnection>();
  const waiting = new Map<PeerConnection, Array<[string, string]>>([[a, []], [b, []]]);
  for (const [from, to] of [[a, b], [b, a]] as const) {
    from.onStateChange(() => undefined);
    from.onLocalDescription(safely((sdp, type) => {
      to.setRemoteDescription(sdp, type);
      if (type === 'offer') to.setLocalDescription('answer');
      described.add(to);
      for (const [candidate, mid] of waiting.get(to) ?? []) to.addRemoteCandidate(candidate, mid);
    }));
    from.onLocalCandidate(safely((candidate, mid) => {
      if (!/ 127\.0\.0\.1 /.test(candidate)) return;
      if (described.has(to)) to.addRemoteCandidate(candidate, mid);
      else waiting.get(to)?.push([candidate, mid]);
    }));
  }
  const ca = a.createDataChannel('bench', { negotiated: true, id: 1 });
  const cb = b.createDataChannel('bench', { negotiated: true, id: 1 });
  const opened = (dc: DataChannel): Promise<void> => new Promise((resolve) => {
    dc.onClosed(() => undefined);
    dc.onOpen(() => resolve());
  });
  const both = Promise.all([opened(ca), opened(cb)]).then(() => true);
  const failed = new Promise<boolean>((resolve) => {
    a.onStateChange((state) => {
      if (state === 'failed') resolve(false);
    });
  });
  a.setLocalDescription('offer');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ok = await Promise.race([both, failed, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 10_000)))]);
  clearTimeout(timer);
  const pair = { a, b, ca, cb };
  if (ok) return pair;
  closeRaw(pair);
  return undefined;
}

function pp(size: number): FlowCase {
  return {
    name: `@pp/webrtc WebRTCDataChannel, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      const { a, b, ca, cb } = await ppPair(size);
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => ca.putPacket(payload));
      cb.on('packet', done);
      return {
        run: flow.run,
        close: () => {
          a.close();
          b.close();
        },
      };
    },
  };
}

function raw(size: number): FlowCase {
  return {
    name: `raw node-datachannel, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      const pair = await rawPair();
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => pair.ca.sendMessageBinary(payload));
      pair.cb.onMessage(done);
      return { run: flow.run, close: () => closeRaw(pair) };
    },
  };
}

interface SetupTimes {
  median: number;
  p90: number;
  max: number;
  failed: number;
}

/**
 * Milliseconds from the offer to both channel ends open, for `count` connections that opened
 * (median, 90th percentile, worst), and how many attempts failed.
 */
async function setupTimes(count: number, make: () => Promise<(() => void) | undefined>): Promise<SetupTimes> {
  const times: number[] = [];
  let failed = 0;
  while (times.length < count) {
    const start = performance.now();
    const close = await make();
    if (close === undefined) failed++;
    else {
      times.push(performance.now() - start);
      close();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  times.sort((x, y) => x - y);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { median: at(0.5), p90: at(0.9), max: times[times.length - 1] as number, failed };
}

export async function webrtcBench(): Promise<void> {
  preload();
  for (const size of [64, 1024, 16384]) {
    const results = await measureFlows([raw(size), pp(size)], { rounds: 5, roundMs: 700 });
    printTable(`WebRTC data channel over loopback, reliable ordered, ~1 MiB in flight, ${size}-byte messages (ops = messages)`, results);
    const [base, ours] = results;
    if (base !== undefined && ours !== undefined) {
      console.log(`  @pp/webrtc at ${((ours.opsPerSec / base.opsPerSec) * 100).toFixed(0)}% of raw node-datachannel`);
    }
  }
  const count = 30;
  const ours = await setupTimes(count, async () => {
    const { a, b } = await ppPair(64);
    return () => {
      a.close();
      b.close();
    };
  });
  const bare = await setupTimes(count, async () => {
    const pair = await tryRawPair();
    return pair === undefined ? undefined : () => closeRaw(pair);
  });
  console.log(`\nConnection set-up over loopback, offer to channel open at both ends (${count} connections each, in-process signalling)`);
  for (const [name, t] of [['raw node-datachannel', bare], ['@pp/webrtc', ours]] as const) {
    console.log(`  ${name.padEnd(22)} median ${t.median.toFixed(1).padStart(7)} ms   p90 ${t.p90.toFixed(1).padStart(7)} ms   worst ${t.max.toFixed(1).padStart(7)} ms   failed attempts ${t.failed}`);
  }
  console.log('  (raw node-datachannel hands its candidates over at once: the answerer often connects first, and its DTLS');
  console.log('   ClientHello waits ~1 s for a retransmission or fails the handshake; @pp/webrtc holds an offerer\'s');
  console.log('   candidates until the offerer is ready)');
}
