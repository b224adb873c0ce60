/**
 * Our browser build in real headless Chromium against our Node.js build: the package's
 * `browser` entry, bundled with esbuild, runs in a page (RTCPeerConnection and the browser's
 * WebSocket underneath) and talks to Node.js peers through our signalling server. Loopback only:
 * Chromium runs with the WebRTC loopback flags, the Node.js connections bind 127.0.0.1 and the
 * signalling relays only 127.0.0.1 candidates.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Dictionary, ErrorCode, TransferMode } from '@pp/core';
import { until, withTimeout } from '@pp/conformance/testing';
import { CHROMIUM_FLAGS, WEBRTC_LOOPBACK_CHROMIUM_FLAGS, findChromium } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import {
  SignalingClient, WebRTCPeerConnection, WriteMode, isLoopbackCandidate, type WebRTCDataChannel,
} from '../../src/index.js';
import { loopbackSignaling, nodeLobbyPeer } from './support.js';

const chromium = findChromium();

/** The page: a LobbyMultiplayer client, then a bare WebRTCPeerConnection answering a Node.js offer. */
const PAGE_SCRIPT = `
import { LobbyMultiplayer, SignalingClient, WebRTCPeerConnection, WriteMode, ChannelState } from '/pp.js';
const report = (tag, data) => window.ppReport(tag, JSON.stringify(data));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  const { url, lobby, rawLobby } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  // 1. A multiplayer client with custom channels.
  const client = new LobbyMultiplayer({ channelsConfig: [0, 2] });
  client.start(url, lobby, false);
  const mp = client.multiplayer;
  while (!(mp.getConnectionStatus() === 2)) await wait(5);
  report('id', mp.getUniqueId());
  mp.setTargetPeer(1);
  mp.transferChannel = 2;
  mp.putVar(new Map([['from', 'chromium'], ['id', mp.getUniqueId()]]));
  await mp.waitForPacket({ timeoutMs: 10000 });
  report('mp', { from: mp.getPacketPeer(), channel: mp.getPacketChannel(), mode: mp.getPacketMode(), value: mp.getVar() });
  // 2. A bare connection: the Node.js side offers an in-band channel, we answer.
  const signaling = new SignalingClient({ lobby: rawLobby });
  const pc = new WebRTCPeerConnection();
  pc.initialize({ iceServers: [] });
  pc.on('sessionDescriptionCreated', (type, sdp) => { pc.setLocalDescription(type, sdp); signaling.sendAnswer(1, sdp); });
  signaling.on('offerReceived', (_id, sdp) => pc.setRemoteDescription('offer', sdp));
  signaling.on('candidateReceived', (_id, mid, index, sdp) => pc.addIceCandidate(mid, index, sdp));
  const received = new Promise((resolve) => pc.once('dataChannelReceived', resolve));
  signaling.connectToUrl(url);
  const channel = await received;
  await channel.waitForOpen({ timeoutMs: 10000 });
  report('channel', { label: channel.getLabel(), protocol: channel.getProtocol(), ordered: channel.isOrdered(),
    id: channel.getId(), negotiated: channel.isNegotiated(), max: channel.getMaxMessageSize(), state: channel.getReadyState(),
    retransmits: channel.getMaxRetransmits(), lifetime: channel.getMaxPacketLifeTime() });
  const got = [];
  while (got.length < 2) {
    await channel.waitForPacket({ timeoutMs: 10000 });
    while (channel.getAvailablePacketCount() > 0) {
      const bytes = [...channel.getPacket()];
      got.push({ text: channel.wasStringPacket(), bytes });
    }
  }
  report('got', got);
  channel.writeMode = WriteMode.TEXT;
  channel.putPacket(new TextEncoder().encode('from the browser ✓'));
  channel.writeMode = WriteMode.BINARY;
  channel.putPacket(Uint8Array.of(7, 8, 9));
  report('oversize', { error: channel.putPacket(new Uint8Array(262145)), message: String(channel.lastError?.message) });
  report('state', pc.getConnectionState());
  report('done', '');
} catch (error) {
  report('error', String(error && error.stack || error));
}
`;

describeWithPeer('our browser build in Chromium', {
  available: chromium !== undefined,
  found: chromium ?? '',
  missing: chromium === undefined ? 'Chromium not found (apt-get install -y chromium, or set PP_CHROMIUM)' : undefined,
}, async () => undefined, () => {
  it('LobbyMultiplayer and WebRTCPeerConnection over RTCPeerConnection, against our Node.js peers', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../../src/browser.ts', import.meta.url))],
      bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent',
    });
    const { server: signaling, url } = await loopbackSignaling();
    const host = nodeLobbyPeer({ channelsConfig: [TransferMode.UNRELIABLE, TransferMode.RELIABLE] });
    const raw = new SignalingClient();
    const pc = new WebRTCPeerConnection();
    const { chromium: launcher } = await import('playwright-core');
    const browser = await launcher.launch({
      executablePath: chromium as string, headless: true, args: [...CHROMIUM_FLAGS, ...WEBRTC_LOOPBACK_CHROMIUM_FLAGS],
    });
    const reports = new Map<string, unknown>();
    // The page comes from 127.0.0.1 too: Chromium keeps public pages away from local addresses.
    const http = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const [type, body] = path === '/pp.js' ? ['text/javascript', bundle.outputFiles[0]?.contents ?? '']
        : path === '/test.js' ? ['text/javascript', PAGE_SCRIPT]
          : ['text/html', '<!doctype html><script type="module" src="/test.js"></script>'];
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(body);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      host.start(url, '', false);
      const lobby = await withTimeout(new Promise<string>((resolve) => host.once('lobbyJoined', resolve)), 5000, 'the lobby');
      // The Node.js side of the bare connection: host of a second lobby, offering an in-band channel.
      raw.connectToUrl(url);
      const rawLobby = await withTimeout(new Promise<string>((resolve) => raw.once('lobbyJoined', resolve)), 5000, 'the second lobby');
      pc.initialize({ bindAddress: '127.0.0.1' });
      const channel = pc.createDataChannel('raw', { protocol: 'pp-browser', ordered: false, maxRetransmits: 3 }) as WebRTCDataChannel;
      raw.on('peerConnected', (id) => {
        pc.on('sessionDescriptionCreated', (type, sdp) => raw.sendOffer(id, sdp));
        pc.on('iceCandidateCreated', (mid, index, sdp) => {
          if (isLoopbackCandidate(sdp)) raw.sendCandidate(id, mid, index, sdp);
        });
        pc.createOffer();
      });
      raw.on('answerReceived', (_id, sdp) => pc.setRemoteDescription('answer', sdp));
      raw.on('candidateReceived', (_id, mid, index, sdp) => pc.addIceCandidate(mid, index, sdp));

      const page = await browser.newPage();
      page.on('console', (message) => reports.set(`console ${reports.size}`, message.text()));
      await page.exposeFunction('ppReport', (tag: string, data: string) => reports.set(tag, JSON.parse(data)));
      await page.goto(`${origin}/#${encodeURIComponent(JSON.stringify({ url, lobby, rawLobby }))}`);

      const mp = host.multiplayer;
      await until(() => reports.has('id') || reports.has('error'), 'the browser client connecting', 20_000);
      expect(reports.get('error')).toBeUndefined();
      const id = reports.get('id') as number;
      await until(() => mp.getAvailablePacketCount() > 0, 'the browser\'s message', 10_000);
      expect([mp.getPacketPeer(), mp.getPacketChannel(), mp.getPacketMode()]).toEqual([id, 2, TransferMode.RELIABLE]);
      expect(mp.getVar()).toEqual(new Dictionary([['from', 'chromium'], ['id', id]]));
      mp.setTargetPeer(id);
      mp.transferChannel = 1;
      expect(mp.putVar(['back', 1])).toBe(ErrorCode.OK);
      await until(() => reports.has('mp'), 'the browser reading it', 10_000);
      expect(reports.get('mp')).toEqual({ from: 1, channel: 1, mode: TransferMode.UNRELIABLE, value: ['back', 1] });

      await channel.waitForOpen({ timeoutMs: 20_000 });
      channel.writeMode = WriteMode.TEXT;
      channel.putPacket(new TextEncoder().encode('héllo'));
      channel.writeMode = WriteMode.BINARY;
      channel.putPacket(Uint8Array.of(0, 255));
      await until(() => reports.has('done') || reports.has('error'), 'the browser finishing', 20_000);
      expect(reports.get('error')).toBeUndefined();
      expect(reports.get('channel')).toEqual({
        label: 'raw', protocol: 'pp-browser', ordered: false, id: channel.getId(), negotiated: false, max: 262144,
        state: 1, retransmits: 3, lifetime: -1,
      });
      // The channel is unordered: either order.
      expect(reports.get('got')).toHaveLength(2);
      expect(reports.get('got')).toEqual(expect.arrayContaining([
        { text: true, bytes: [...new TextEncoder().encode('héllo')] },
        { text: false, bytes: [0, 255] },
      ]));
      expect(reports.get('oversize')).toEqual({
        error: ErrorCode.ERR_INVALID_PARAMETER,
        message: expect.stringMatching(/262145-byte message is larger than the 262144 bytes.*a=max-message-size:262144/),
      });
      await until(() => channel.getAvailablePacketCount() === 2, 'the browser\'s messages', 10_000);
      const back = [0, 1].map(() => ({ bytes: channel.getPacket(), text: channel.wasStringPacket() }));
      expect(back).toEqual(expect.arrayContaining([
        { bytes: new TextEncoder().encode('from the browser ✓'), text: true },
        { bytes: Uint8Array.of(7, 8, 9), text: false },
      ]));
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- page reports ---\n${JSON.stringify([...reports])}`;
      throw error;
    } finally {
      await browser.close();
      await new Promise((resolve) => http.close(resolve));
      pc.close();
      raw.close();
      host.stop();
      await signaling.close();
    }
  }, 90_000);
});
