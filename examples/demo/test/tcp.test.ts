import { describe, expect, it } from 'vitest';
import { DEMO_VALUES, memoryDemo } from '../src/memory.js';
import { tcpDemo } from '../src/tcp.js';

describe('tcp demo', () => {
  it('echoes every value through PacketPeerStream over a loopback TCP connection', async () => {
    const lines: string[] = [];
    const received = await tcpDemo((line) => lines.push(line));
    expect(received).toHaveLength(DEMO_VALUES.length);
    // The same values the in-memory pair delivers: the framing changes nothing on the way.
    expect(received).toEqual((await memoryDemo(() => undefined)).received);
    expect(lines).toHaveLength(1); // one line per transport
    expect(lines.at(-1)).toMatch(new RegExp(`${DEMO_VALUES.length} values echoed, each with the bytes it was sent as over tcp://127\\.0\\.0\\.1:\\d+`));
  });
});
