/**
 * The lobby server with TypeScript bots over real WebSockets on loopback: the same packets a
 * Godot client exchanges with it (the Godot client itself runs in test/interop).
 */
import { readFileSync } from 'node:fs';
import { Vector2 } from '@pp/core';
import { readGodotProject } from '@pp/interop';
import { emitTypeScript, importProject } from '@pp/scene/importer';
import { afterEach, describe, expect, it } from 'vitest';
import { LobbyBot, LobbyServer } from '../../src/index.js';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const close of cleanup.reverse()) close();
  cleanup = [];
});

async function lobby(): Promise<{ server: LobbyServer; url: string; log: string[] }> {
  const log: string[] = [];
  const server = new LobbyServer((line) => log.push(line));
  const port = await server.listen(0, '127.0.0.1');
  cleanup.push(() => server.close());
  return { server, url: `ws://127.0.0.1:${port}`, log };
}

function bot(name: string): LobbyBot {
  const b = new LobbyBot(name);
  cleanup.push(() => b.leave());
  return b;
}

describe('scene-lobby', () => {
  it('src/game.ts is what pp-scene-import makes of godot/', () => {
    const { json, warnings } = importProject(readGodotProject(new URL('../../godot', import.meta.url).pathname));
    expect(warnings).toEqual([]);
    expect(emitTypeScript(json, { source: 'godot' })).toBe(readFileSync(new URL('../../src/game.ts', import.meta.url), 'utf8'));
  });

  it('two players join, see each other spawn, chat, move (SYNC) and score (DELTA), and one leaves', async () => {
    const { server, url, log } = await lobby();
    const ann = bot('ann');
    const ben = bot('ben');
    await ann.join(url);
    await ben.join(url);
    await ann.waitFor('in the lobby: ann, ben');
    await ann.waitFor('ben appears at Vector2(100.0, 80.0)');
    await ben.waitFor('ann appears at Vector2(40.0, 80.0)');
    ann.say('hi ben');
    await ben.waitFor('ann: hi ben');
    const annId = ann.mp.getUniqueId();
    ann.move(new Vector2(1, 0));
    ann.move(new Vector2(0, 1));
    await ben.waitFor('ann score 2');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ben.avatarOf(annId)?.root.get('position')).toEqual(new Vector2(50, 90));
    ann.move(new Vector2(30, 0)); // too far: ignored
    ann.leave();
    await ben.waitFor('in the lobby: ben');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ben.avatarOf(annId)).toBeUndefined();
    expect(log).toEqual(['ann joined (peer ' + annId + ')', expect.stringMatching(/^ben joined/), 'ann: hi ben', 'ann left']);
    expect(server.names.size).toBe(1);
  });

  it('refuses a taken or invalid name', async () => {
    const { url, log } = await lobby();
    await bot('ann').join(url);
    await expect(bot('ann').join(url)).rejects.toThrow(/refused: name taken/);
    await expect(bot('not a name!').join(url)).rejects.toThrow(/refused: invalid name/);
    expect(log.filter((l) => l.startsWith('refused'))).toEqual(['refused "ann": name taken', 'refused "not a name!": invalid name']);
  });
});
