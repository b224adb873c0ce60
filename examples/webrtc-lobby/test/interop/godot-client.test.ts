/**
 * The example's own Godot 4 client script (godot/lobby_client.gd, unchanged; its settings come
 * from res://lobby_config.json) in the Godot 4.6 web build, joining the example's lobby beside a
 * Node.js client. Loopback only: Chromium runs with the WebRTC loopback flags, no ICE server is
 * configured, and the signalling relays only 127.0.0.1 candidates (see ../support.ts).
 */
import { readFileSync } from 'node:fs';
import { useScope } from '@pp/conformance/testing';
import { enableWebRtcLoopback, startGodot4 } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { NodeClient, loopbackHost, message } from '../support.js';

const CLIENT_SCRIPT = readFileSync(new URL('../../godot/lobby_client.gd', import.meta.url), 'utf8');
const scope = useScope();

describeWithGodot4('webrtc-lobby example with Godot 4.6', () => {
  beforeAll(() => enableWebRtcLoopback());

  it('the Godot client joins, chats and moves beside a Node.js client, and leaves', async () => {
    const { url, lobby } = scope.add(await loopbackHost(), ({ host }) => host.close());
    const bob = scope.add(new NodeClient(), (c) => c.peer.stop());
    const bobId = await bob.join(url, lobby);
    const handle = await startGodot4({
      script: CLIENT_SCRIPT,
      files: { 'lobby_config.json': JSON.stringify({ url, lobby, greetings: ['hello from Godot'], leave_on: 'bye', ice_servers: [] }) },
      timeoutMs: 60_000,
    });
    try {
      const idLine = await handle.waitForLine(/^\[lobby\] our id is \d+$/, 30_000);
      const godotId = Number(/\d+$/.exec(idLine.text)?.[0]);
      const said = await bob.waitFor((m) => m.get('type') === 'said' && m.get('from') === godotId, 'Godot\'s greeting');
      expect(said.get('text')).toBe('hello from Godot');
      const pos = await bob.waitFor((m, channel) => m.get('type') === 'pos' && m.get('from') === godotId && channel === 1, 'Godot moving');
      expect([pos.get('x'), pos.get('y')]).toEqual([1, -1]);
      bob.send(0, message({ type: 'say', text: 'hi godot' }));
      await handle.waitForLine(new RegExp(`^\\[lobby\\] ${bobId}: hi godot$`), 15_000);
      bob.send(1, message({ type: 'pos', x: 7, y: 8 }));
      await handle.waitForLine(new RegExp(`^\\[lobby\\] peer ${bobId} is at 7,8 \\(channel 1\\)$`), 15_000);
      bob.send(0, message({ type: 'say', text: 'bye' }));
      await bob.waitFor((m) => m.get('type') === 'left' && m.get('id') === godotId, 'Godot leaving');
      const run = await handle.finished;
      const lines = run.lines.map((line) => line.text).filter((text) => text.startsWith('[lobby]'));
      expect(lines.slice(0, 5)).toEqual([
        `[lobby] connecting to ${url}: OK`,
        `[lobby] our id is ${godotId}`,
        `[lobby] joined lobby ${lobby}`,
        '[lobby] connected to the host',
        `[lobby] welcome, peer ${godotId}; others here: [${bobId}]`,
      ]);
      expect(lines).toContain('[lobby] leaving');
      expect(run.errors).toEqual([]);
    } finally {
      if (handle.running) await handle.stop();
    }
  }, 90_000);
});
