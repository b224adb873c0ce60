/**
 * The example's host with two Node.js clients (over loopback only, see ../support.ts): welcome
 * and join notices, chat on the reliable channel, positions on the unreliable custom channel
 * to everyone else, and the notice when someone leaves.
 */
import { useScope } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import { NodeClient, loopbackHost, message } from '../support.js';

const scope = useScope();

describe('webrtc-lobby example', () => {
  it('two Node.js clients chat, see each other move, and see each other leave', async () => {
    const { host, url, lobby } = scope.add(await loopbackHost(), ({ host: h }) => h.close());
    expect(host.lobby).toBe(lobby);
    const alice = scope.add(new NodeClient(), (c) => c.peer.stop());
    const bob = scope.add(new NodeClient(), (c) => c.peer.stop());
    const aliceId = await alice.join(url, lobby);
    await alice.waitFor((m) => m.get('type') === 'welcome', 'alice welcomed');
    const bobId = await bob.join(url, lobby);
    const welcome = await bob.waitFor((m) => m.get('type') === 'welcome', 'bob welcomed');
    expect(welcome.get('id')).toBe(bobId);
    expect(welcome.get('peers')).toEqual([aliceId]);
    await alice.waitFor((m) => m.get('type') === 'joined' && m.get('id') === bobId, 'alice seeing bob');

    alice.send(0, message({ type: 'say', text: 'hi bob' }));
    for (const client of [alice, bob]) {
      const said = await client.waitFor((m) => m.get('type') === 'said', 'the chat line');
      expect([said.get('from'), said.get('text')]).toEqual([aliceId, 'hi bob']);
    }
    bob.send(1, message({ type: 'pos', x: 3, y: 4 }));
    const pos = await alice.waitFor((m, channel) => m.get('type') === 'pos' && channel === 1, 'bob\'s position');
    expect([pos.get('from'), pos.get('x'), pos.get('y')]).toEqual([bobId, 3, 4]);
    expect(bob.messages.some(({ message: m }) => m.get('type') === 'pos')).toBe(false);

    bob.peer.stop();
    const left = await alice.waitFor((m) => m.get('type') === 'left', 'bob leaving');
    expect(left.get('id')).toBe(bobId);
  }, 60_000);
});
