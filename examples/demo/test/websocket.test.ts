import { describe, expect, it } from 'vitest';
import { DEMO_VALUES, memoryDemo } from '../src/memory.js';
import { websocketDemo } from '../src/websocket.js';

describe('websocket demo', () => {
  it('echoes every value over a loopback WebSocket and closes cleanly', async () => {
    const lines: string[] = [];
    const received = await websocketDemo((line) => lines.push(line));
    expect(received).toHaveLength(DEMO_VALUES.length);
    // The same values the in-memory pair delivers: the WebSocket changes nothing on the way.
    expect(received).toEqual((await memoryDemo(() => undefined)).received);
    expect(lines).toHaveLength(1); // one line per transport
    expect(lines[0]).toContain('a text frame "héllo, Godot" (wasStringPacket: true)');
    expect(lines.at(-1)).toMatch(new RegExp(`${DEMO_VALUES.length} values echoed, each with the bytes it was sent as over ws://127\\.0\\.0\\.1:\\d+, and a text frame .*; closed with 1000`));
  });
});
