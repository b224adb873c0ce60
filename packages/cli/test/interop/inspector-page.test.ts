/**
 * The `--ui` inspector page in Chromium (playwright-core, the system browser): live rows as an
 * @pp client talks through the real `pp proxy ws --ui`, the filters, the detail view with the
 * full value and bytes, both charts; a screenshot is saved to test-output/inspector.png.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Dictionary, Vector2, varToBytes } from '@pp/core';
import { CHROMIUM_FLAGS, findChromium } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { WebSocketPeer } from '@pp/websocket';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWsEcho } from './ws-echo.js';
import { spawnPp, type PpProcess } from './spawn-pp.js';

const SCREENSHOT = fileURLToPath(new URL('../../test-output/inspector.png', import.meta.url));
const chromiumPath = findChromium();

describeWithPeer(
  'the pp proxy --ui page in Chromium',
  { available: chromiumPath !== undefined, found: chromiumPath ?? '', missing: chromiumPath ? undefined : 'chromium (apt-get install -y chromium)' },
  async () => {},
  () => {
    let echo: Awaited<ReturnType<typeof startWsEcho>>;
    let pp: PpProcess;
    let browser: Browser;
    let page: Page;
    let client: WebSocketPeer;
    const errors: string[] = [];

    beforeAll(async () => {
      echo = await startWsEcho();
      pp = spawnPp(['proxy', 'ws', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${echo.port}`, '--ui', '--json']);
      const { port, ui } = await pp.ready;
      browser = await chromium.launch({ executablePath: chromiumPath as string, args: [...CHROMIUM_FLAGS] });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(ui as string);
      await page.waitForSelector('#status:text("live")', { timeout: 10_000 });

      client = await WebSocketPeer.connect(`ws://127.0.0.1:${port}/game`, { timeoutMs: 5000 });
      for (let i = 0; i < 20; i++) {
        client.putVar(new Dictionary([['tick', i], ['position', new Vector2(i, -i)], ['name', 'player-1']]));
        client.putVar([i, 'ping']);
      }
      client.sendText('chat: hello');
      client.putPacket(new Uint8Array([0xff, 0xff, 0, 0]));
      await pp.waitFor((events) => events.filter((e) => e.kind === 'packet').length >= 2 * 42, 10_000, 'all packets in the log');
    }, 60_000);

    afterAll(async () => {
      client?.close();
      await browser?.close();
      await pp?.stop();
      await echo?.close();
    });

    it('shows every packet live, with direction, peer, type and value', async () => {
      await page.waitForFunction(() => document.querySelectorAll('#rows tr.packet').length >= 84, null, { timeout: 10_000 });
      expect(await page.locator('#total').textContent()).toBe('84 packets');
      const first = page.locator('#rows tr.packet').first();
      await expect.poll(() => first.locator('td').nth(5).textContent()).toBe('Dictionary');
      expect(await first.locator('td').nth(2).textContent()).toBe('C→S');
      expect(await first.locator('td.value').textContent()).toContain('"position": Vector2(0, 0)');
    });

    it('filters by direction, type, peer and text', async () => {
      await page.selectOption('#direction', 's2c');
      await page.selectOption('#type', 'Array');
      expect(await page.locator('#rows tr.packet').count()).toBe(20);
      expect(new Set(await page.locator('#rows tr.packet td.dir').allTextContents())).toEqual(new Set(['S→C']));
      await page.selectOption('#type', '');
      await page.fill('#text', 'chat: hello');
      expect(await page.locator('#rows tr.packet').count()).toBe(1);
      await page.fill('#text', '');
      await page.selectOption('#direction', '');
      const peers = await page.locator('#peer option').allTextContents();
      expect(peers).toHaveLength(2);
      await page.selectOption('#peer', peers[1] as string);
      expect(await page.locator('#rows tr.packet').count()).toBe(84);
      await page.selectOption('#peer', '');
    });

    it('shows a packet’s full value and bytes on click, and undecodable packets with their reason', async () => {
      await page.locator('#rows tr.packet').first().click();
      expect(await page.locator('#value').textContent()).toBe('{\n"name": "player-1",\n"position": Vector2(0, 0),\n"tick": 0\n}');
      const hex = Buffer.from(varToBytes(new Dictionary([['tick', 0], ['position', new Vector2(0, 0)], ['name', 'player-1']]))).toString('hex');
      expect(await page.locator('#bytes').textContent()).toContain(hex.slice(0, 8).match(/../g)?.join(' ') as string);
      await page.selectOption('#type', '?');
      await page.locator('#rows tr.packet').first().click();
      expect(await page.locator('#value').textContent()).toMatch(/^ERR_INVALID_DATA/);
      expect(await page.locator('#bytes').textContent()).toContain('ff ff 00 00');
      await page.selectOption('#type', '');
    });

    it('draws the packets/s and bytes/s charts per direction, and leaves a screenshot', async () => {
      await page.waitForTimeout(1500);
      expect(await page.locator('#chart-packets canvas').count()).toBe(1);
      expect(await page.locator('#chart-bytes canvas').count()).toBe(1);
      expect(await page.locator('#chart-packets .u-legend').textContent()).toContain('C→S');
      await page.locator('#rows tr.packet').nth(2).click();
      await mkdir(fileURLToPath(new URL('../../test-output/', import.meta.url)), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      console.log(`[pp] inspector screenshot: ${SCREENSHOT}`);
      expect(errors).toEqual([]);
    });
  },
);
