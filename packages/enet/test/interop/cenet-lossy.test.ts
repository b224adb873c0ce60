import { cenetAvailability, fnv1a, shutdownCENet, startCENetPeer, type CENetPeer } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { EventType, Packet, PacketFlag } from '../../src/protocol/index.js';
import { pattern } from '../support/bytes.js';
import { LossyRelay } from '../support/lossy-relay.js';
import { UdpHost } from '../support/udp-host.js';

const CONDITIONS = { loss: 0.1, duplicate: 0.05, jitterMs: 15 };
const RELIABLE = 120;
const SEQUENCED = 150;

function size(i: number): number {
  return i % 15 === 0 ? 3000 + i * 37 : 20 + i;
}

describeWithPeer('ENet engine vs C libenet through a lossy relay (10 % loss, 5 % duplicates, reordering)', cenetAvailability(), shutdownCENet, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function start(role: 'ours-client' | 'ours-server', seed: number) {
    if (role === 'ours-client') {
      const { peer: c, port } = await startCENetPeer(['--server', '0', '--channels', '4']);
      cleanup.push(() => c.stop());
      const relay = await LossyRelay.open(port, { ...CONDITIONS, seed });
      cleanup.push(() => relay.close());
      const host = await UdpHost.open({ peerCount: 1 });
      cleanup.push(() => host.close());
      const peer = host.connect(relay.port, 4, 0);
      await c.next('CONNECT', 15_000);
      await host.until((events) => events.some((e) => e.type === EventType.CONNECT), 15_000, 'CONNECT');
      return { c, host, peer, relay };
    }
    const host = await UdpHost.open({ peerCount: 2 });
    cleanup.push(() => host.close());
    const relay = await LossyRelay.open(host.port, { ...CONDITIONS, seed });
    cleanup.push(() => relay.close());
    const { peer: c } = await startCENetPeer(['--client', '127.0.0.1', String(relay.port), '--channels', '4']);
    cleanup.push(() => c.stop());
    await host.until((events) => events.some((e) => e.type === EventType.CONNECT), 15_000, 'CONNECT');
    await c.next('CONNECT', 15_000);
    return { c, host, peer: host.events.find((e) => e.type === EventType.CONNECT)!.peer, relay };
  }

  async function oursToC(c: CENetPeer, host: UdpHost, peer: ReturnType<UdpHost['connect']>): Promise<void> {
    const sent: string[][] = [[], [], []];
    for (let i = 0; i < RELIABLE; i++) {
      const data = pattern(size(i), i);
      sent[i % 3]!.push(fnv1a(data));
      expect(peer.send(i % 3, new Packet(data, PacketFlag.RELIABLE))).toBe(0);
      if (i < SEQUENCED) {
        const seq = new Uint8Array(8);
        new DataView(seq.buffer).setUint32(0, i);
        peer.send(3, new Packet(seq, 0));
      }
      host.kick();
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await c.count('RECEIVE 0 0', sent[0]!.length, 60_000);
    await c.count('RECEIVE 0 1', sent[1]!.length, 60_000);
    await c.count('RECEIVE 0 2', sent[2]!.length, 60_000);
    for (const channel of [0, 1, 2]) {
      const got = c.all(`RECEIVE 0 ${channel} `).map((line) => line.words[5]);
      expect(got).toEqual(sent[channel]);
    }
    const sequenced = c.all('RECEIVE 0 3 ').map((line) => Buffer.from(line.words[6]!, 'hex').readUInt32BE(0));
    expect(sequenced.length).toBeGreaterThan(0);
    for (let i = 1; i < sequenced.length; i++) expect(sequenced[i]!).toBeGreaterThan(sequenced[i - 1]!);
  }

  async function cToOurs(c: CENetPeer, host: UdpHost): Promise<void> {
    // Reliable bursts on channels 0-2 (seeds 1000+), sequenced unreliable on channel 3 (seeds 5000+).
    const hashes: string[][] = [[], [], []];
    for (let channel = 0; channel < 3; channel++) {
      c.command(`burst 0 ${channel} 1 40 ${500 + channel * 800} ${1000 + channel * 100}`);
      await c.next('SENT');
      for (let i = 0; i < 40; i++) hashes[channel]!.push(fnv1a(pattern(500 + channel * 800, 1000 + channel * 100 + i)));
    }
    c.command(`burst 0 3 0 100 30 5000`);
    await c.next('SENT');
    const order = new Map(Array.from({ length: 100 }, (_, i) => [fnv1a(pattern(30, 5000 + i)), i]));
    const received = () => host.events.filter((e) => e.type === EventType.RECEIVE);
    await host.until(() => [0, 1, 2].every((ch) => received().filter((e) => e.channelID === ch).length >= 40), 60_000, 'C bursts');
    for (const channel of [0, 1, 2]) {
      expect(received().filter((e) => e.channelID === channel).map((e) => fnv1a(e.packet!.data))).toEqual(hashes[channel]);
    }
    const sequenced = received().filter((e) => e.channelID === 3).map((e) => order.get(fnv1a(e.packet!.data))!);
    expect(sequenced.length).toBeGreaterThan(0);
    expect(sequenced.every((i) => i !== undefined)).toBe(true);
    for (let i = 1; i < sequenced.length; i++) expect(sequenced[i]!).toBeGreaterThan(sequenced[i - 1]!);
  }

  it('our client, C server: reliable once, intact, in order per channel; sequenced in order', async () => {
    const { c, host, peer, relay } = await start('ours-client', 2024);
    await oursToC(c, host, peer);
    await cToOurs(c, host);
    expect(relay.stats.dropped).toBeGreaterThan(20);
    expect(relay.stats.duplicated).toBeGreaterThan(5);
  }, 120_000);

  it('C client, our server: the same both ways', async () => {
    const { c, host, peer, relay } = await start('ours-server', 7);
    await oursToC(c, host, peer);
    await cToOurs(c, host);
    expect(relay.stats.dropped).toBeGreaterThan(20);
  }, 120_000);
});
