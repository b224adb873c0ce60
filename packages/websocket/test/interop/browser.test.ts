/**
 * The browser build in real headless Chromium: the package's `browser` entry, bundled with
 * esbuild, runs in a page and talks to our Node WebSocketPeer and WebSocketMultiplayerPeer
 * servers over the browser's own WebSocket (ws:// and wss://). The page reports through HTTP POSTs
 * to the test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dictionary, ErrorCode } from '@pp/core';
import { CHROMIUM_FLAGS, findChromium } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { State, TLSOptions, WebSocketMultiplayerPeer, WebSocketPeer } from '../../src/index.js';
import { testCertificate } from '../support/certs.js';
import { until, withTimeout } from '../support/scope.js';
import { closeServer, listen } from '../support/servers.js';

const chromium = findChromium();

/** The page: connects to /peer (WebSocketPeer) and to the multiplayer server, reports what it sees. */
const PAGE_SCRIPT = `
import { WebSocketPeer, WebSocketMultiplayerPeer, State } from './pp.js';
let seq = 0;
const report = (tag, data) => fetch('/report', { method: 'POST', body: JSON.stringify({ tag, data, seq: seq++ }) });
addEventListener('error', (event) => report('error', String(event.message)));
addEventListener('unhandledrejection', (event) => report('error', String(event.reason && event.reason.stack || event.reason)));
const params = new URLSearchParams(location.search);

const peer = await WebSocketPeer.connect('ws://' + location.host + '/peer', { supportedProtocols: ['nope', 'pp-test'], timeoutMs: 5000 });
report('open', { protocol: peer.getSelectedProtocol(), state: peer.getReadyState(), url: peer.getRequestedUrl() });
peer.putVar(new Map([['from', 'chromium'], ['n', 42]]));
peer.sendText('héllo from chromium ✓');
for await (const packet of peer) {
  const text = peer.wasStringPacket() ? new TextDecoder().decode(packet) : null;
  if (text === 'close') { peer.close(4005, 'browser says bye'); continue; }
  report('got', { text, size: packet.length, first: packet[0] ?? -1 });
  if (text === null) peer.putPacket(packet);
}
report('closed', { state: peer.getReadyState(), code: peer.getCloseCode(), reason: peer.getCloseReason() });

const mp = new WebSocketMultiplayerPeer();
mp.createClient('ws://127.0.0.1:' + params.get('mp'));
await mp.waitForConnected({ timeoutMs: 5000 });
mp.putVar(['hello', mp.getUniqueId()]);
await mp.waitForPacket({ timeoutMs: 5000 });
report('mp', { id: mp.getUniqueId(), from: mp.getPacketPeer(), value: mp.getVar() });
mp.close();

// wss:// to our TLS server: the browser does the TLS (this Chromium accepts the test certificate).
const secure = new WebSocketMultiplayerPeer();
secure.createClient('wss://127.0.0.1:' + params.get('wss'));
await secure.waitForConnected({ timeoutMs: 5000 });
secure.putVar(['secure hello', secure.getUniqueId()]);
await secure.waitForPacket({ timeoutMs: 5000 });
report('wss', { id: secure.getUniqueId(), value: secure.getVar() });
secure.close();
report('done', '');
`;

const PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>@pp/websocket in Chromium</title><script type="module" src="/test.js"></script>';

describeWithPeer('our browser build in Chromium', {
  available: chromium !== undefined,
  found: chromium ?? '',
  missing: chromium === undefined ? 'Chromium not found (apt-get install -y chromium, or set PP_CHROMIUM)' : undefined,
}, async () => undefined, () => {
  it('WebSocketPeer and WebSocketMultiplayerPeer over the native WebSocket, against our Node servers', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../../src/browser.ts', import.meta.url))],
      bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent',
    });
    const reports: Array<{ tag: string; data: unknown; seq: number }> = [];
    const accepted: WebSocketPeer[] = [];
    const http = createServer((request: IncomingMessage, response: ServerResponse) => {
      const send = (type: string, body: string | Uint8Array): void => {
        response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        response.end(body);
      };
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/report') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          reports.push(JSON.parse(body) as { tag: string; data: unknown; seq: number });
          send('text/plain', 'ok');
        });
      } else if (path === '/pp.js') {
        send('text/javascript', bundle.outputFiles[0]?.contents ?? '');
      } else if (path === '/test.js') {
        send('text/javascript', PAGE_SCRIPT);
      } else {
        send('text/html', PAGE_HTML);
      }
    });
    http.on('upgrade', (request, socket, head: Buffer) => {
      const peer = new WebSocketPeer({ supportedProtocols: ['pp-test'] });
      peer.acceptUpgrade(request, socket, head);
      accepted.push(peer);
    });
    const port = await listen(http);
    const mp = new WebSocketMultiplayerPeer();
    mp.createServer(0, '127.0.0.1');
    await mp.waitForConnected({ timeoutMs: 5000 });
    const { key, cert } = testCertificate();
    const secure = new WebSocketMultiplayerPeer();
    expect(secure.createServer(0, '127.0.0.1', TLSOptions.server(key, cert))).toBe(ErrorCode.OK);
    await secure.waitForConnected({ timeoutMs: 5000 });

    const profile = mkdtempSync(join(tmpdir(), 'pp-ws-chromium-'));
    const page = `http://127.0.0.1:${port}/?mp=${mp.getLocalPort()}&wss=${secure.getLocalPort()}`;
    // The test certificate is self-signed: only this throwaway Chromium is told to accept it.
    const browser = spawn(chromium as string, [...CHROMIUM_FLAGS, '--ignore-certificate-errors', `--user-data-dir=${profile}`, page], {
      stdio: 'ignore', detached: true,
    });
    const exited = new Promise<void>((resolve) => browser.once('exit', () => resolve()));
    const report = async (tag: string): Promise<unknown> => {
      await until(() => reports.some((r) => r.tag === tag || r.tag === 'error'), `the page reporting "${tag}"`, 20_000);
      const error = reports.find((r) => r.tag === 'error');
      if (error !== undefined) throw new Error(`the page failed: ${String(error.data)}`);
      return reports.find((r) => r.tag === tag)?.data;
    };
    try {
      expect(await report('open')).toEqual({ protocol: 'pp-test', state: State.OPEN, url: `ws://127.0.0.1:${port}/peer` });
      const peer = accepted[0] as WebSocketPeer;
      expect(peer.getSelectedProtocol()).toBe('pp-test');
      expect(peer.getRequestedUrl()).toBe(`ws://127.0.0.1:${port}/peer`);

      await peer.waitForPacket({ timeoutMs: 5000 });
      expect(peer.getVar()).toEqual(new Dictionary([['from', 'chromium'], ['n', 42]]));
      expect(peer.wasStringPacket()).toBe(false);
      await peer.waitForPacket({ timeoutMs: 5000 });
      expect(new TextDecoder().decode(peer.getPacket())).toBe('héllo from chromium ✓');
      expect(peer.wasStringPacket()).toBe(true);

      // Binary messages up to the limit come back; the browser reports what it got.
      const big = Uint8Array.from({ length: 65535 }, (_, i) => i % 251);
      expect(peer.putPacket(Uint8Array.of(7, 7))).toBe(ErrorCode.OK);
      expect(peer.putPacket(big)).toBe(ErrorCode.OK);
      expect(peer.sendText('text from node')).toBe(ErrorCode.OK);
      for (const expected of [Uint8Array.of(7, 7), big]) {
        await peer.waitForPacket({ timeoutMs: 5000 });
        expect(Buffer.from(peer.getPacket()).equals(Buffer.from(expected))).toBe(true);
      }
      const closed = new Promise<void>((resolve) => peer.once('close', resolve));
      peer.sendText('close');
      await withTimeout(closed, 5000, 'the browser closing');
      expect([peer.getCloseCode(), peer.getCloseReason()]).toEqual([4005, 'browser says bye']);
      // ws answers a Close with the same code and reason.
      expect(await report('closed')).toEqual({ state: State.CLOSED, code: 4005, reason: 'browser says bye' });
      // Reports are POSTs and may arrive out of order; their sequence numbers put them back.
      expect(reports.filter((r) => r.tag === 'got').sort((a, b) => a.seq - b.seq).map((r) => r.data)).toEqual([
        { text: null, size: 2, first: 7 },
        { text: null, size: 65535, first: 0 },
        { text: 'text from node', size: 14, first: 116 },
      ]);

      // The multiplayer client: the id arrives, packets both ways are attributed.
      await mp.waitForPacket({ timeoutMs: 10_000 });
      const from = mp.getPacketPeer();
      expect(mp.getVar()).toEqual(['hello', from]);
      mp.setTargetPeer(from);
      mp.putVar('welcome, browser');
      expect(await report('mp')).toEqual({ id: from, from: 1, value: 'welcome, browser' });

      // The wss:// client: same protocol inside TLS.
      await secure.waitForPacket({ timeoutMs: 10_000 });
      const secureId = secure.getPacketPeer();
      expect(secure.getVar()).toEqual(['secure hello', secureId]);
      secure.setTargetPeer(secureId);
      secure.putVar('welcome over TLS');
      expect(await report('wss')).toEqual({ id: secureId, value: 'welcome over TLS' });
      await report('done');
    } catch (error) {
      if (error instanceof Error) error.message += `\npage reports: ${JSON.stringify(reports)}`;
      throw error;
    } finally {
      if (browser.pid !== undefined && browser.exitCode === null) process.kill(-browser.pid, 'SIGKILL');
      await withTimeout(exited, 10_000, 'Chromium to exit');
      rmSync(profile, { recursive: true, force: true });
      for (const peer of accepted) peer.close(-1);
      mp.close();
      secure.close();
      await closeServer(http);
    }
  }, 60_000);
});
