/**
 * Godot's `create_server` passes its arguments shifted (`ENetMultiplayerPeer::create_server`), so a Godot server
 * made with `max_channels = 4` advertises an incoming bandwidth of 6 bytes/s. A faithful ENet
 * client throttles itself against it; ours must do exactly what C libenet's client does. The
 * server here is C libenet created with `--in-bw 6`, which is what Godot's shifted call does.
 */
import { cenetAvailability, shutdownCENet, startCENetPeer } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { EventType, Packet } from '../../src/protocol/index.js';
import { pattern } from '../support/bytes.js';
import { UdpHost } from '../support/udp-host.js';

interface Figures {
  delivered: number;
  throttleLimit: number;
  incomingBandwidth: number;
  windowSize: number;
}

describeWithPeer("a client against a server advertising Godot's 6 B/s incoming bandwidth", cenetAvailability(), shutdownCENet, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** Connects a client (ours or C's), sends 160 unreliable packets in 4 s, and reports. */
  async function run(client: 'ours' | 'c', outgoingBandwidth: number): Promise<Figures> {
    const { peer: server, port } = await startCENetPeer(['--server', '0', '--channels', '2', '--in-bw', '6']);
    cleanup.push(() => server.stop());
    const figures: Figures = { delivered: 0, throttleLimit: 0, incomingBandwidth: 0, windowSize: 0 };
    if (client === 'ours') {
      const host = await UdpHost.open({ peerCount: 1, outgoingBandwidth });
      cleanup.push(() => host.close());
      const peer = host.connect(port, 2, 1);
      await host.until((events) => events.some((e) => e.type === EventType.CONNECT), 10_000, 'CONNECT');
      for (let i = 0; i < 160; i++) {
        peer.send(1, new Packet(pattern(100, i), 0));
        host.kick();
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (i === 120) Object.assign(figures, { throttleLimit: peer.packetThrottleLimit, incomingBandwidth: peer.incomingBandwidth, windowSize: peer.windowSize });
      }
    } else {
      const args = ['--client', '127.0.0.1', String(port), '--channels', '2', '--out-bw', String(outgoingBandwidth), '--quiet'];
      const { peer: c } = await startCENetPeer(args);
      cleanup.push(() => c.stop());
      await c.next('CONNECT', 10_000);
      for (let i = 0; i < 160; i++) {
        c.command(`send 0 1 0 100 ${i}`);
        await c.next('SENT');
        await new Promise((resolve) => setTimeout(resolve, 25));
        if (i === 120) {
          c.command('info 0');
          const info = (await c.next('INFO')).words;
          Object.assign(figures, { throttleLimit: Number(info[5]), windowSize: Number(info[6]), incomingBandwidth: Number(info[7]) });
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.command('info 0');
    await server.next('INFO');
    figures.delivered = server.all('RECEIVE').length;
    return figures;
  }

  it('with no outgoing bandwidth of its own: throttled for the first second, then freed by BANDWIDTH_LIMIT, like C', async () => {
    const ours = await run('ours', 0);
    const c = await run('c', 0);
    // The server's BANDWIDTH_LIMIT carries the client's own outgoing bandwidth (0: unlimited).
    expect(ours.incomingBandwidth).toBe(0);
    expect(c.incomingBandwidth).toBe(0);
    // Freed: the limit is back to 32 and most packets pass (a permanent 1/32 would let ~15 through;
    // the RTT-driven throttle may still drop a few on a loaded machine).
    expect(ours.throttleLimit).toBe(32);
    expect(c.throttleLimit).toBe(32);
    expect(ours.windowSize).toBe(c.windowSize);
    expect(ours.delivered).toBeGreaterThan(60);
    expect(c.delivered).toBeGreaterThan(60);
  }, 60_000);

  it('with an outgoing bandwidth: stays limited to ~2 of 32 unreliable packets, like C', async () => {
    const ours = await run('ours', 100_000);
    const c = await run('c', 100_000);
    console.log('6 B/s server, client with 100 kB/s outgoing: ours', ours, 'C', c);
    expect(ours.incomingBandwidth).toBe(6);
    expect(c.incomingBandwidth).toBe(6);
    expect(ours.throttleLimit).toBe(1);
    expect(c.throttleLimit).toBe(1);
    expect(ours.windowSize).toBe(4096);
    expect(c.windowSize).toBe(4096);
    // About 2 in 32 after the first second; allow for the first second and timing.
    expect(ours.delivered).toBeGreaterThan(0);
    expect(c.delivered).toBeGreaterThan(0);
    expect(ours.delivered).toBeLessThan(60);
    expect(c.delivered).toBeLessThan(60);
    expect(Math.abs(ours.delivered - c.delivered)).toBeLessThanOrEqual(20);
  }, 60_000);
});
