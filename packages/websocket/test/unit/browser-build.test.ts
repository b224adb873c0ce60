/**
 * The browser build: it bundles without any Node module, and its client (the same code over a
 * WebSocket with the browser's API, here `ws`'s) passes the conformance suites against the Node
 * server. The real browser run is in test/interop/browser.test.ts.
 */
import { fileURLToPath } from 'node:url';
import { multiplayerPeerSuite, packetPeerSuite } from '@pp/conformance';
import { ErrorCode, ManualClock } from '@pp/core';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as BrowserLikeWebSocket } from 'ws';
import {
  State, WebSocketMultiplayerPeer as BrowserMultiplayerPeer, WebSocketPeer as BrowserPeer,
} from '../../src/browser.js';
import { until, useScope } from '../support/scope.js';
import { multiplayerHarness, serveStream } from '../support/servers.js';

useScope();

const globals = globalThis as { WebSocket?: unknown };
const nativeWebSocket = globals.WebSocket;
beforeAll(() => {
  globals.WebSocket = BrowserLikeWebSocket;
});
afterAll(() => {
  globals.WebSocket = nativeWebSocket;
});

describe('the browser bundle', () => {
  it('contains no Node module and no ws', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/browser.ts', import.meta.url))],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /node_modules\/ws\/|^node:|\/node\//.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('src/browser/native-socket.ts'))).toBe(true);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
  });

  it('has no server: createServer is ERR_UNAVAILABLE, as in Godot\'s web build', () => {
    const peer = new BrowserMultiplayerPeer();
    expect(peer.createServer(0)).toBe(ErrorCode.ERR_UNAVAILABLE);
    expect(peer.getLocalPort()).toBe(0);
  });
});

describe('the browser client', () => {
  it('drops a message over inboundBufferSize (the browser cannot refuse it) and counts it; a dropped message is activity', async () => {
    const server = await serveStream();
    const clock = new ManualClock();
    const client = new BrowserPeer({ inboundBufferSize: 100, idleTimeoutMs: 1000, clock });
    try {
      client.connectToUrl(server.url);
      const accepted = await server.nextPeer();
      await Promise.all([client.waitForOpen({ timeoutMs: 5000 }), accepted.waitForOpen({ timeoutMs: 5000 })]);
      clock.advance(900);
      accepted.putPacket(new Uint8Array(101));
      await until(() => client.droppedPackets === 1);
      clock.advance(900); // 1800 ms since the open, 900 since the dropped message
      accepted.putPacket(new Uint8Array(100).fill(7));
      await client.waitForPacket({ timeoutMs: 5000 });
      expect(client.getPacket()).toEqual(new Uint8Array(100).fill(7));
      expect(client.getAvailablePacketCount()).toBe(0);
      expect([client.droppedPackets, client.getReadyState()]).toEqual([1, State.OPEN]);
    } finally {
      client.close(-1);
      await server.close();
    }
  });
});

packetPeerSuite({
  name: 'browser WebSocketPeer client against the Node server',
  connect: async () => {
    const server = await serveStream();
    const client = new BrowserPeer();
    client.connectToUrl(server.url);
    const accepted = await server.nextPeer();
    await Promise.all([client.waitForOpen({ timeoutMs: 5000 }), accepted.waitForOpen({ timeoutMs: 5000 })]);
    return { a: client, b: accepted, close: async () => { client.close(-1); await server.close(); } };
  },
  capabilities: { reliable: true, ordered: true, maxPacketSize: 65535, refusesOversized: true, closePropagates: true },
});

multiplayerPeerSuite(multiplayerHarness('browser WebSocketMultiplayerPeer clients against the Node server', () => new BrowserMultiplayerPeer()));
