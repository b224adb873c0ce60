import type { Vector2} from '@pp/core';
import { ConnectionStatus, Dictionary, ErrorCode, TransferMode, bytesToVar, type Variant } from '@pp/core';
import { until, useScope } from '@pp/conformance/testing';
import { ENetMultiplayerPeer } from '@pp/enet';
import { describe, expect, it } from 'vitest';
import { ArenaServer, SPEED, TICK_MS, parseInput } from '../../src/index.js';

const scope = useScope();

async function join(server: ArenaServer) {
  const client = scope.add(new ENetMultiplayerPeer(), (c) => c.close());
  expect(client.createClient('127.0.0.1', server.port)).toBe(ErrorCode.OK);
  const messages: Dictionary[] = [];
  client.on('packet', (data) => {
    const value = bytesToVar(data);
    if (value instanceof Dictionary) messages.push(value);
  });
  await until(() => client.getConnectionStatus() === ConnectionStatus.CONNECTED, 'the client connecting');
  await until(() => messages.some((m) => m.get('type') === 'welcome'), 'the welcome');
  return { client, messages };
}

describe('the arena server', () => {
  it('welcomes players, announces them, moves them by their input and sends everyone the state', async () => {
    const server = scope.add(new ArenaServer(), (s) => s.close());
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const a = await join(server);
    const b = await join(server);
    const idA = a.client.getUniqueId();
    const idB = b.client.getUniqueId();
    expect(a.messages.find((m) => m.get('type') === 'welcome')!.get('id')).toBe(idA);
    await until(() => a.messages.some((m) => m.get('type') === 'joined' && m.get('id') === idB), 'A hearing of B');

    const start = server.players.get(idA)!.at;
    a.client.setTargetPeer(1);
    a.client.transferMode = TransferMode.UNRELIABLE_ORDERED;
    a.client.putVar(new Dictionary<string, Variant>([['type', 'input'], ['dx', 1.0], ['dy', 0.5]]));
    await until(() => server.players.get(idA)!.at.x > start.x + SPEED * TICK_MS / 1000, 'A moving');
    const lastState = () => b.messages.filter((m) => m.get('type') === 'state').at(-1);
    await until(() => {
      const players = lastState()?.get('players') as Dictionary | undefined;
      const at = players?.get(idA) as Vector2 | undefined;
      return at !== undefined && at.x > start.x;
    }, 'B seeing A move');

    b.client.close();
    await until(() => a.messages.some((m) => m.get('type') === 'left' && m.get('id') === idB), 'A hearing B leave');
    expect(server.players.has(idB)).toBe(false);
  });

  it('ignores anything but well-formed input, and clamps the stick', () => {
    expect(parseInput('hello')).toBeUndefined();
    expect(parseInput(new Dictionary([['type', 'input'], ['dx', 'x'], ['dy', 0]]))).toBeUndefined();
    expect(parseInput(new Dictionary([['type', 'input'], ['dx', 5], ['dy', -9.5]]))).toEqual({ dx: 1, dy: -1 });
  });
});
