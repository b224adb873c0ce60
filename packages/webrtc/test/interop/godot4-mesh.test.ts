/**
 * A mesh of two Godot 4.6 web peers and one Node.js peer, joined through our signalling server
 * with the demo's client scripts. Loopback only: Chromium runs with the WebRTC loopback flags,
 * our connection binds 127.0.0.1, and the signalling relays only 127.0.0.1 candidates (each
 * browser's host candidates moved to 127.0.0.1, where its sockets listen too).
 */
import { until, withTimeout } from '@pp/conformance/testing';
import { enableWebRtcLoopback, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { finish, loopbackSignaling, nodeLobbyPeer, startScript } from './support.js';

describeWithGodot4('Godot 4.6 in a WebRTC mesh with a Node.js peer', () => {
  beforeAll(() => enableWebRtcLoopback());

  it('two Godot peers and ours: every pair connects, broadcasts reach everyone', async () => {
    const { server: signaling, url } = await loopbackSignaling();
    const node = nodeLobbyPeer();
    const handles: GodotHandle[] = [];
    try {
      node.start(url, '', true);
      const lobby = await withTimeout(new Promise<string>((resolve) => node.once('lobbyJoined', resolve)), 5000, 'the lobby');
      for (let i = 0; i < 2; i++) handles.push(await startScript('mesh_client.gd', { URL: url, LOBBY: lobby, EXPECTED: '2' }));
      const mp = node.multiplayer;
      expect(mp.getUniqueId()).toBe(1);
      expect(mp.isServerRelaySupported()).toBe(false);
      const ids = await Promise.all(handles.map(async (handle) => Number(await handle.waitForTag('id', 40_000))));
      await until(() => ids.every((id) => mp.getPeer(id)?.connected === true), 'our peer connected to both', 20_000);
      mp.setTargetPeer(0);
      mp.putVar(['hello from', 1]);
      const heard = new Map<number, number>();
      await until(() => {
        while (mp.getAvailablePacketCount() > 0) {
          const from = mp.getPacketPeer();
          heard.set(from, (mp.getVar() as [string, number])[1]);
        }
        return heard.size === 2;
      }, 'both Godot greetings', 20_000);
      expect(heard).toEqual(new Map(ids.map((id) => [id, id])));
      const runs = await Promise.all(handles.map((handle) => handle.finished));
      for (const [i, run] of runs.entries()) {
        const other = ids[1 - i] as number;
        expect(run.tagged('heard').sort()).toEqual([`1|1`, `${other}|${other}`].sort());
      }
    } catch (error) {
      await finish(handles, error);
      throw error;
    } finally {
      node.stop();
      await signaling.close();
    }
  }, 120_000);
});
