/**
 * The proof for `pp proxy enet` with C libenet 1.3.17 on both sides (the scriptable C peer of
 * @pp/interop, compiled with `cc … -lenet`): a C client talks through the real `pp` binary to a C
 * server that echoes every packet with its channel and flags, with ENet's range coder on.
 * Every packet arrives unchanged (the C peers print the FNV-1a of what they get), and pp's log
 * shows each one once, decoded, in both directions, with the ENet channel and flags —
 * fragmented ones reassembled. Then the same through a seeded lossy relay in front of pp, so
 * ENet retransmits: each packet is still shown once, and the retransmissions are marked. The
 * `--ui` page shows the ENet columns (Chromium; screenshot in test-output/inspector-enet.png).
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Dictionary, Vector2, varToBytes, varToStr, type VariantLike } from '@pp/core';
import {
  CHROMIUM_FLAGS, cenetAvailability, findChromium, fnv1a, shutdownCENet, startCENetPeer, startLossyUdpRelay, type CENetPeer,
} from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { chromium } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { packetsOf, spawnPp, type PpProcess } from './spawn-pp.js';

interface Send {
  channel: number;
  /** The flags the C client sends with. */
  flags: number;
  value: VariantLike;
}

/** Values on every kind of send: reliable on three channels, sequenced and unsequenced unreliable, fragmented reliable and unreliable. */
function sends(count: number, seed: number): Send[] {
  const out: Send[] = [];
  for (let i = 0; i < count; i++) {
    const tick = seed * 1000 + i;
    out.push({ channel: i % 3, flags: 1, value: new Dictionary([['tick', tick], ['position', new Vector2(i / 2, -i)], ['name', `player-${i}`]]) });
    if (i % 4 === 0) out.push({ channel: 3, flags: 0, value: [tick, 'ordered'] });
    if (i % 4 === 2) out.push({ channel: 3, flags: 2, value: `unsequenced ${tick}` });
    if (i % 10 === 5) out.push({ channel: 1, flags: 1, value: new Uint8Array(3900).map((_, k) => (k * 7 + i) & 0xff) });
  }
  out.push({ channel: 2, flags: 8, value: new Uint8Array(3000).map((_, k) => (k * 13) & 0xff) });
  return out;
}

const hexOf = (value: VariantLike): string => Buffer.from(varToBytes(value)).toString('hex');

/** The flags a receiver sees for a send: small unreliable packets lose UNRELIABLE_FRAGMENT. */
function receivedFlags(s: Send): number {
  return s.flags === 8 && varToBytes(s.value).length <= 1372 ? 0 : s.flags;
}

async function sendAll(client: CENetPeer, list: readonly Send[]): Promise<void> {
  for (const s of list) {
    client.command(`sendhex 0 ${s.channel} ${s.flags} ${hexOf(s.value)}`);
    await client.next('SENT', 10_000);
  }
}

describeWithPeer('pp proxy enet between C libenet peers', cenetAvailability(), shutdownCENet, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setup(options: { lossy?: number; ui?: boolean }) {
    const { peer: server, port: serverPort } = await startCENetPeer(['--server', '0', '--channels', '4', '--range-coder', '--echo']);
    cleanup.push(() => server.stop());
    const pp = spawnPp(['proxy', 'enet', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${serverPort}`, '--json', '--enet-commands', ...(options.ui ? ['--ui'] : [])]);
    cleanup.push(() => pp.stop());
    const { port, ui } = await pp.ready;
    let front = port;
    let relay: Awaited<ReturnType<typeof startLossyUdpRelay>> | undefined;
    if (options.lossy !== undefined) {
      relay = await startLossyUdpRelay(port, { loss: 0.1, duplicate: 0.05, jitterMs: 15, seed: options.lossy });
      cleanup.push(() => relay!.close());
      front = relay.port;
    }
    const { peer: client } = await startCENetPeer(['--client', '127.0.0.1', String(front), '--channels', '4', '--range-coder', '--data', '4242']);
    cleanup.push(() => client.stop());
    await client.next('CONNECT', 20_000);
    await server.next('CONNECT', 20_000);
    return { server, client, pp, ui, relay };
  }

  /** Each sent value is in the log exactly once per direction, decoded, with its ENet channel and flags. */
  function checkLog(pp: PpProcess, list: readonly Send[], direction: 'c2s' | 's2c'): void {
    const logged = packetsOf(pp.events, direction);
    for (const s of list) {
      const hex = hexOf(s.value);
      const matches = logged.filter((e) => e.hex === hex);
      expect(matches, `${direction} ${varToStr(s.value).slice(0, 40)}`).toHaveLength(1);
      const [e] = matches as [Record<string, unknown>];
      expect(e.text).toBe(varToStr(s.value));
      expect(e.error).toBeNull();
      const enet = e.enet as { channel: number; flags: number; fragments: number; connectData: number };
      expect(enet.channel).toBe(s.channel);
      expect(enet.flags).toBe(receivedFlags(s));
      expect(enet.fragments).toBe(Math.ceil(hex.length / 2 / 1372));
      expect(enet.connectData).toBe(4242);
    }
  }

  it('relays every packet unchanged and shows each once, decoded, both ways, with the range coder on; the --ui page has the ENet columns', async () => {
    const { server, client, pp, ui } = await setup({ ui: true });
    const list = sends(24, 1);
    await sendAll(client, list);
    const arrived = await server.count('RECEIVE', list.length, 30_000);
    const echoed = await client.count('RECEIVE', list.length, 30_000);
    const sentHashes = list.map((s) => fnv1a(varToBytes(s.value))).sort();
    expect(arrived.map((l) => l.words[5]).sort()).toEqual(sentHashes);
    expect(echoed.map((l) => l.words[5]).sort()).toEqual(sentHashes);
    await pp.waitFor((events) => packetsOf(events, 's2c').length >= list.length, 10_000, 'the echoes in the log');
    checkLog(pp, list, 'c2s');
    checkLog(pp, list, 's2c');
    expect(pp.events.filter((e) => e.kind === 'packet')).toHaveLength(2 * list.length);
    // The range coder was in use, and pp found it by itself.
    const commands = pp.events.filter((e) => e.kind === 'protocol' && e.what === 'commands').map((e) => String(e.text));
    expect(commands.some((t) => t.includes('compressed (range-coder)'))).toBe(true);
    expect(pp.events.find((e) => e.kind === 'protocol' && e.what === 'connect')?.text).toMatch(/asks for 4 channel\(s\).*data 4242/);

    const chromiumPath = findChromium();
    if (chromiumPath === undefined) return;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_FLAGS] });
    cleanup.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(ui as string);
    await page.waitForFunction((n) => document.querySelectorAll('#rows tr.packet').length >= n, 2 * list.length, { timeout: 10_000 });
    expect(await page.locator('thead th').allTextContents()).toEqual(['#', 'time', 'dir', 'peer', 'frame', 'ch', 'mode', 'flags', 'type', 'value']);
    const fragmented = page.locator('#rows tr.packet', { hasText: 'PackedByteArray' }).first();
    expect(await fragmented.locator('td.ch').textContent()).toBe('1');
    expect(await fragmented.locator('td.flags').textContent()).toBe('1 RELIABLE (×3)');
    expect(await fragmented.locator('td.mode').textContent()).toBe('RELIABLE ch0');
    const unsequenced = page.locator('#rows tr.packet', { hasText: 'unsequenced' }).first();
    expect(await unsequenced.locator('td.flags').textContent()).toBe('2 UNSEQUENCED');
    expect(await unsequenced.locator('td.mode').textContent()).toBe('UNRELIABLE ch2');
    await fragmented.click();
    expect(await page.locator('#detail p').first().textContent()).toMatch(/ENet channel 1, flags 1 RELIABLE \(×3\), seq \d+ · Godot 4242→1 RELIABLE channel 0/);
    await mkdir(fileURLToPath(new URL('../../test-output/', import.meta.url)), { recursive: true });
    const screenshot = fileURLToPath(new URL('../../test-output/inspector-enet.png', import.meta.url));
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`[pp] ENet inspector screenshot: ${screenshot}`);
    expect(errors).toEqual([]);
  }, 120_000);

  it('through 10 % loss, 5 % duplicates and reordering in front of pp: reliable packets arrive whole and are shown once; retransmissions are marked', async () => {
    const { server, client, pp, relay } = await setup({ lossy: 2026 });
    const list = sends(40, 2);
    const reliable = list.filter((s) => s.flags === 1);
    await sendAll(client, list);
    // Every reliable packet arrives, unchanged, and comes back (unreliable ones may be lost, as ENet allows).
    const sentHashes = reliable.map((s) => fnv1a(varToBytes(s.value))).sort();
    const atServer = () => server.all('RECEIVE 0').filter((l) => l.words[3] === '1').map((l) => l.words[5]);
    const deadline = Date.now() + 90_000;
    while (atServer().length < reliable.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(atServer().sort()).toEqual(sentHashes);
    await pp.waitFor((events) => reliable.every((s) => packetsOf(events, 's2c').some((e) => e.hex === hexOf(s.value))), 90_000, 'every reliable echo in the log');
    const echoes = () => client.all('RECEIVE 0').filter((l) => l.words[3] === '1').map((l) => l.words[5]);
    while (echoes().length < reliable.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(echoes().sort()).toEqual(sentHashes);

    checkLog(pp, reliable, 'c2s');
    checkLog(pp, reliable, 's2c');
    // Nothing is shown twice, unreliable packets included.
    const shown = pp.events.filter((e) => e.kind === 'packet').map((e) => `${String(e.direction)} ${String(e.hex)}`);
    expect(new Set(shown).size).toBe(shown.length);
    // Loss in front of pp: packets whose first copies never reached it come late (ENet resent them) and are marked so;
    // lost acknowledgements make the client resend what pp had already shown: retransmission events name those packets.
    expect(pp.events.some((e) => e.kind === 'packet' && (e.enet as { late: boolean }).late)).toBe(true);
    const repeats = pp.events.filter((e) => e.kind === 'protocol' && (e.what === 'retransmission' || e.what === 'duplicate'));
    expect(repeats.some((e) => e.what === 'retransmission' && (e.packets as number[] | undefined)?.length)).toBe(true);
    for (const r of repeats) {
      for (const index of (r.packets as number[] | undefined) ?? []) {
        expect(pp.events.find((e) => e.kind === 'packet' && e.index === index)?.direction).toBe(r.direction);
      }
    }
    expect(relay!.stats.dropped).toBeGreaterThan(10);
    const { code, stderr } = await pp.stop();
    expect(code).toBe(0);
    expect(stderr).toMatch(/ENet repeated packets in [1-9]\d* retransmission\(s\)/);
  }, 150_000);
});
