/**
 * The example's own Godot 4 client script (godot/chat_client.gd, unchanged) in the Godot 4.6 web
 * build, chatting with a Node client through the example's server.
 */
import { readFileSync } from 'node:fs';
import { startGodot4 } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';
import { ChatClient, ChatServer } from '../../src/index.js';

const CLIENT_SCRIPT = readFileSync(new URL('../../godot/chat_client.gd', import.meta.url), 'utf8');

describeWithGodot4('chat example with Godot 4.6', () => {
  it('the Godot client joins, talks with a Node client and leaves', async () => {
    const server = new ChatServer();
    const port = await server.listen(0, '127.0.0.1');
    const alice = new ChatClient();
    const handle = await startGodot4({
      script: CLIENT_SCRIPT,
      files: {
        'chat_config.json': JSON.stringify({
          url: `ws://127.0.0.1:${port}`, name: 'godot', greetings: ['hello from Godot'], leave_on: 'bye',
        }),
      },
      timeoutMs: 30_000,
    });
    try {
      await alice.join(`ws://127.0.0.1:${port}`, 'alice');
      await handle.waitForLine(/^\[chat\] connected as peer \d+$/, 15_000);
      const joined = await alice.waitFor((m) => m.type === 'joined' && m.name === 'godot', 10_000);
      expect(await alice.waitFor((m) => m.type === 'said' && m.name === 'godot', 10_000)).toMatchObject({ text: 'hello from Godot' });
      alice.say('hi godot');
      await handle.waitForLine(/^\[chat\] alice: hi godot$/, 10_000);
      alice.say('bye');
      await handle.waitForLine(/^\[chat\] leaving$/, 10_000);
      expect(await alice.waitFor((m) => m.type === 'left', 10_000)).toMatchObject({ name: 'godot', id: joined.type === 'joined' ? joined.id : 0 });
      const run = await handle.finished;
      expect(run.end).toBe('quit');
      expect(run.lines.map((line) => line.text).filter((text) => text.startsWith('[chat]'))).toEqual([
        `[chat] connecting to ws://127.0.0.1:${port}: OK`,
        expect.stringMatching(/^\[chat\] connected as peer \d+$/),
        '[chat] welcome! in the room: alice, godot',
        '[chat] godot: hello from Godot',
        '[chat] alice: hi godot',
        '[chat] alice: bye',
        '[chat] leaving',
      ]);
      expect(run.errors).toEqual([]);
    } finally {
      if (handle.running) await handle.stop();
      alice.leave();
      server.close();
    }
  }, 60_000);
});
