/**
 * The example end to end: its Godot project (godot/, unchanged) in the Godot 4.6 web build joins
 * the TypeScript lobby server next to a TypeScript bot; the Godot player chats, moves three times
 * and leaves.
 */
import { readGodotProject, startGodot4Project } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';
import { LobbyBot, LobbyServer } from '../../src/index.js';

const PROJECT = new URL('../../godot', import.meta.url).pathname;

describeWithGodot4('scene-lobby with Godot 4.6', () => {
  it('a Godot player and a TypeScript bot share the lobby', async () => {
    const log: string[] = [];
    const server = new LobbyServer((line) => log.push(line));
    const port = await server.listen(0, '127.0.0.1');
    const bot = new LobbyBot('bot');
    const files = {
      ...readGodotProject(PROJECT),
      'lobby_config.json': JSON.stringify({ url: `ws://127.0.0.1:${port}`, name: 'godot', greeting: 'hello from Godot', moves: 3 }),
    };
    const handle = await startGodot4Project({ files, timeoutMs: 60_000 });
    try {
      await bot.join(`ws://127.0.0.1:${port}`);
      await bot.waitFor('godot: hello from Godot', 20_000);
      await bot.waitFor('godot score 3', 10_000);
      await bot.waitFor('godot: bye', 10_000);
      await bot.waitFor('in the lobby: bot', 10_000);
      bot.say('see you');
      const run = await handle.finished;
      const lines = run.lines.map((l) => l.text).filter((t) => t.startsWith('[lobby]'));
      expect(lines[0]).toBe(`[lobby] connecting to ws://127.0.0.1:${port}`);
      // The bot joined first or second: the avatar starts at x = 40 or 100, and steps 10 right each move.
      const x = Number(/^\[lobby\] godot appears at \((\d+), 80\)$/.exec(lines.find((l) => l.startsWith('[lobby] godot appears')) ?? '')?.[1]);
      expect([40, 100]).toContain(x);
      expect(lines).toContain('[lobby] godot: hello from Godot');
      expect(lines.filter((l) => l.startsWith('[lobby] godot is at'))).toEqual([0, 1, 2, 3].map((n) => `[lobby] godot is at (${x + 10 * n}, 80), score ${n}`));
      expect(lines).toContain('[lobby] bot appears at (' + (x === 40 ? 100 : 40) + ', 80)');
      expect(lines.slice(-2)).toEqual(['[lobby] leaving', '[lobby] disconnected']);
      expect(lines.some((l) => /^\[lobby\] joined as godot \(peer \d+\)$/.test(l))).toBe(true);
      expect(lines.some((l) => /^\[lobby\] in the lobby: (bot, godot|godot, bot)$/.test(l))).toBe(true);
      expect(run.errors).toEqual([]);
      expect(log.filter((l) => l.startsWith('dropped'))).toEqual([]);
      expect(log).toContain('godot left');
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- Godot ---\n${handle.output.tail(40)}`;
      throw error;
    } finally {
      if (handle.running) await handle.stop();
      bot.leave();
      server.close();
    }
  }, 90_000);
});
