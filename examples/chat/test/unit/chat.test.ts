import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { ChatClient, ChatServer, MAX_TEXT } from '../../src/index.js';

let open: Array<{ close(): void }> = [];
const track = <T extends { close(): void }>(value: T): T => {
  open.push(value);
  return value;
};

afterEach(() => {
  for (const item of open) item.close();
  open = [];
});

async function room(): Promise<{ url: string; server: ChatServer }> {
  const server = track(new ChatServer());
  const port = await server.listen(0, '127.0.0.1');
  return { url: `ws://127.0.0.1:${port}`, server };
}

function client(): ChatClient {
  const chat = new ChatClient();
  track({ close: () => chat.leave() });
  return chat;
}

describe('chat server', () => {
  it('welcomes, announces joins, broadcasts lines and announces leaving', async () => {
    const { url } = await room();
    const alice = client();
    await alice.join(url, 'alice');
    const welcome = await alice.waitFor((m) => m.type === 'welcome');
    expect(welcome.type === 'welcome' && [...welcome.users.values()]).toEqual(['alice']);

    const bob = client();
    await bob.join(url, ' bob ');
    await alice.waitFor((m) => m.type === 'joined' && m.name === 'bob');
    bob.say('hi all');
    for (const chat of [alice, bob]) {
      expect(await chat.waitFor((m) => m.type === 'said')).toMatchObject({ name: 'bob', text: 'hi all' });
    }
    bob.leave();
    expect(await alice.waitFor((m) => m.type === 'left')).toMatchObject({ name: 'bob' });
  });

  it('ignores what is not a chat message and cuts long lines', async () => {
    const { url, server } = await room();
    const rogue = track(new WebSocketMultiplayerPeer());
    rogue.createClient(url);
    await rogue.waitForConnected({ timeoutMs: 5000 });
    rogue.putPacket(Uint8Array.of(0xff, 0xff, 0xff, 0xff));
    rogue.putVar(['not', 'a', 'dictionary']);
    rogue.putVar({ type: 'say', text: 'before joining' });
    rogue.putVar({ type: 'join', name: 42 });
    const alice = client();
    await alice.join(url, 'alice');
    alice.say('x'.repeat(MAX_TEXT + 10));
    const said = await alice.waitFor((m) => m.type === 'said');
    expect(said.type === 'said' && said.text.length).toBe(MAX_TEXT);
    expect([...server.names.values()]).toEqual(['alice']);
  });
});
