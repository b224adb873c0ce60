/**
 * The demo's own client scripts (networking/webrtc_signaling, copied from Godot's demo projects
 * under their MIT license; only the ICE servers differ, see godot/test_client.gd) against our
 * signalling server: a Godot host and a Godot guest in the Godot 4.6 web build join a lobby,
 * connect with WebRTC and call each other through SceneMultiplayer. Loopback only: Chromium runs
 * with the WebRTC loopback flags and the signalling relays only 127.0.0.1 candidates (each
 * browser's host candidates moved to 127.0.0.1).
 */
import { withTimeout } from '@pp/conformance/testing';
import { enableWebRtcLoopback, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { finish, loopbackSignaling, startScript } from './support.js';

describeWithGodot4('the demo\'s client scripts (Godot 4.6) and our signalling server', () => {
  beforeAll(() => enableWebRtcLoopback());

  it.each([['mesh', true], ['client/server', false]] as const)('%s lobby: a Godot host and guest connect and exchange RPCs', async (_name, mesh) => {
    const { server: signaling, url } = await loopbackSignaling();
    const handles: GodotHandle[] = [];
    try {
      const host = await startScript('demo_peer.gd', { URL: url, LOBBY: '', MESH: String(mesh) });
      handles.push(host);
      const lobby = await host.waitForTag('lobby', 40_000);
      const name = Buffer.from(lobby, 'base64').toString('utf8');
      expect(signaling.lobbies.get(name)?.mesh).toBe(mesh);
      const guest = await startScript('demo_peer.gd', { URL: url, LOBBY: name, MESH: String(mesh) });
      handles.push(guest);
      const guestRun = await withTimeout(guest.finished, 40_000, 'the guest to finish');
      // The demo prints "Connected <id>, mesh: <bool>" when the server gave it its id.
      const connected = guestRun.lines.map((line) => /^Connected (\d+), mesh: (\w+)$/.exec(line.text)).find((m) => m !== null);
      expect(connected?.[2]).toBe(String(mesh));
      const id = connected?.[1] as string;
      expect(guestRun.tagged('peer')).toEqual(['1']);
      expect(guestRun.taggedText('rpc')).toEqual(['1|hi back']);
      await host.waitForTag('rpc', 10_000);
      expect(host.output.tagged('peer')).toEqual([id]);
      expect(host.output.taggedText('rpc')).toEqual([`${id}|hi from ${id}`]);
      await host.stop();
    } catch (error) {
      await finish(handles, error);
      throw error;
    } finally {
      await signaling.close();
    }
  }, 120_000);
});
