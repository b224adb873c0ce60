/**
 * The arena against a C libenet client that follows Godot 4's ENetMultiplayerPeer rules (Godot 4
 * web builds have no ENet, so C plays the Godot client): 255 channels, its unique id as the
 * CONNECT data, input as `var_to_bytes` on ENet channel 1 (UNRELIABLE_ORDERED), messages back on
 * ENet channel 0 (reliable) and 1 (the state).
 */
import type { Vector2} from '@pp/core';
import { Dictionary, bytesToVar, varToBytes, type Variant } from '@pp/core';
import { until } from '@pp/conformance/testing';
import { cenetAvailability, shutdownCENet, startCENetPeer, type CENetPeer } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { ArenaServer } from '../../src/index.js';

describeWithPeer('the arena with a C client following Godot 4 rules', cenetAvailability(), shutdownCENet, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function messages(c: CENetPeer): Array<{ channel: number; flags: number; value: Variant }> {
    return c.all('RECEIVE').map((line) => ({
      channel: Number(line.words[2]),
      flags: Number(line.words[3]),
      value: bytesToVar(Buffer.from(line.words[6] ?? '', 'hex')),
    }));
  }

  it('joins with its id, gets the welcome reliably, moves by its input, sees the state every tick', async () => {
    const server = new ArenaServer();
    cleanup.push(() => server.close());
    expect(server.listen(0, '127.0.0.1')).toBe(0);
    const id = 123_456;
    const { peer: c } = await startCENetPeer(['--client', '127.0.0.1', String(server.port), '--channels', '255', '--data', String(id)]);
    cleanup.push(() => c.stop());
    await c.next('CONNECT');
    await until(() => messages(c).some((m) => m.value instanceof Dictionary && m.value.get('type') === 'welcome'), 'the welcome');
    const welcome = messages(c).find((m) => (m.value as Dictionary).get('type') === 'welcome')!;
    expect([welcome.channel, welcome.flags]).toEqual([0, 1]);
    expect((welcome.value as Dictionary).get('id')).toBe(id);
    const start = server.players.get(id)!.at;

    const input = varToBytes(new Dictionary<string, Variant>([['type', 'input'], ['dx', -1.0], ['dy', 1.0]]));
    c.command(`sendhex 0 1 8 ${Buffer.from(input).toString('hex')}`);
    await until(() => {
      const states = messages(c).filter((m) => (m.value as Dictionary).get('type') === 'state');
      const at = ((states.at(-1)?.value as Dictionary | undefined)?.get('players') as Dictionary | undefined)?.get(id) as Vector2 | undefined;
      return at !== undefined && at.y > start.y;
    }, 'the state showing the move');
    const state = messages(c).filter((m) => (m.value as Dictionary).get('type') === 'state').at(-1)!;
    expect([state.channel, state.flags]).toEqual([1, 0]); // UNRELIABLE_ORDERED, one datagram
    c.command('disconnect 0 0');
    await until(() => !server.players.has(id), 'the server forgetting the player');
  });
});
