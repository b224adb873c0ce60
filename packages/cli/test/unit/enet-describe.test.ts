/**
 * How an ENet packet is described: Godot's multiplayer layer (Godot 4 channel mapping and ids,
 * Godot 3's 8-byte header and config channel), the log line, and the page's ENet columns.
 */
import { varToBytes } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { formatEventLine, type EnetPacketInfo, type RawPacket } from '../../src/index.js';
import { describePacket } from '../../src/proxy/inspector.js';
import { pageHtml } from '../../src/ui/page.js';

const info = (over: Partial<EnetPacketInfo> = {}): EnetPacketInfo => ({
  channel: 0, flags: 1, sequence: 3, fragments: 1, connectData: 1234, repeats: 0, late: false, stale: false, ...over,
});

function packet(bytes: Uint8Array, enet: EnetPacketInfo, direction: 'c2s' | 's2c' = 'c2s', frame: RawPacket['frame'] = 'reliable'): RawPacket {
  return { connection: 1, peer: '127.0.0.1:5000', direction, frame, bytes, enet };
}

function godot3Frame(source: number, target: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, source, true);
  new DataView(out.buffer).setInt32(4, target, true);
  out.set(payload, 8);
  return out;
}

describe('the Godot layer of an ENet packet', () => {
  it('Godot 4: no header; channels 0 and 1 are transfer channel 0, n + 1 is n; the mode from the flags; ids from CONNECT data', () => {
    const bytes = varToBytes('hi');
    const cases: Array<[number, number, string, number]> = [[0, 1, 'RELIABLE', 0], [1, 0, 'UNRELIABLE_ORDERED', 0], [1, 2, 'UNRELIABLE', 0], [1, 8, 'UNRELIABLE_ORDERED', 0], [4, 1, 'RELIABLE', 3]];
    for (const [channel, flags, mode, transfer] of cases) {
      const up = describePacket(packet(bytes, info({ channel, flags })), 0, 0, 'enet', 'godot4');
      expect(up).toMatchObject({ type: 'String', text: '"hi"', godot: { mode, channel: transfer, from: 1234, to: 1 } });
      const down = describePacket(packet(bytes, info({ channel, flags }), 's2c'), 0, 0, 'enet', 'godot4');
      expect(down.godot).toMatchObject({ from: 1, to: 1234 });
    }
    expect(describePacket(packet(bytes, info({ connectData: null })), 0, 0, 'enet', 'godot4').godot).toMatchObject({ from: null, to: 1 });
  });

  it('Godot 3: the Variant after [u32 source][i32 target], ids from the header; error offsets count the header', () => {
    const event = describePacket(packet(godot3Frame(1234, -5, varToBytes([1, 'x'], { format: 'godot3' })), info({ channel: 2, flags: 2 })), 0, 0, 'enet', 'godot3');
    expect(event).toMatchObject({ type: 'Array', text: '[ 1, "x" ]', error: null, godot: { mode: 'UNRELIABLE', channel: 0, from: 1234, to: -5 } });
    const custom = describePacket(packet(godot3Frame(1, 0, varToBytes(7, { format: 'godot3' })), info({ channel: 5 })), 0, 0, 'enet', 'godot3');
    expect(custom.godot?.channel).toBe(5);
    const bad = describePacket(packet(godot3Frame(1, 0, Uint8Array.of(0xff, 0, 0, 0)), info({ channel: 1 })), 0, 0, 'enet', 'godot3');
    expect(bad.error).toMatchObject({ name: 'ERR_INVALID_DATA', offset: 8 });
    const short = describePacket(packet(Uint8Array.of(1, 2, 3), info({ channel: 1 })), 0, 0, 'enet', 'godot3');
    expect(short.error?.message).toMatch(/shorter than Godot 3's 8-byte \[source\]\[target\] header/);
  });

  it("Godot 3: channel 0's config messages", () => {
    const message = (kind: number, id: number): Uint8Array => {
      const out = new Uint8Array(8);
      new DataView(out.buffer).setUint32(0, kind, true);
      new DataView(out.buffer).setUint32(4, id, true);
      return out;
    };
    expect(describePacket(packet(message(0, 77), info(), 's2c'), 0, 0, 'enet', 'godot3')).toMatchObject({ type: 'system', text: 'ADD_PEER 77' });
    expect(describePacket(packet(message(1, 77), info(), 's2c'), 0, 0, 'enet', 'godot3')).toMatchObject({ type: 'system', text: 'REMOVE_PEER 77' });
    expect(describePacket(packet(message(9, 77), info(), 's2c'), 0, 0, 'enet', 'godot3').error?.message).toMatch(/not a Godot 3 config message/);
  });
});

describe('the log line of an ENet packet', () => {
  it('shows channel, kind, sequence, fragments, flags, marks, the Godot view and the value', () => {
    const reliable = describePacket(packet(varToBytes('hi'), info({ fragments: 3, late: true, repeats: 2 })), 7, Date.UTC(2026, 0, 1, 10, 0, 0, 5), 'enet', 'godot4');
    expect(formatEventLine(reliable)).toBe('10:00:00.005 #7 C→S 127.0.0.1:5000 enet ch0 reliable seq 3 ×3 fragments flags 1 (late: retransmitted, 2 repeated fragment(s)) · 1234→1 RELIABLE ch0 · 12 B String "hi"');
    const unreliable = describePacket(packet(varToBytes(5), info({ channel: 1, flags: 0, unreliableSequence: 9, stale: true }), 's2c', 'unreliable'), 8, 0, 'enet', 'godot4');
    expect(formatEventLine(unreliable)).toMatch(/#8 S→C .* enet ch1 unreliable seq 3\.9 flags 0 \(stale: the receiver drops it\) · 1→1234 UNRELIABLE_ORDERED ch0 · 8 B int 5$/);
    const unsequenced = describePacket(packet(varToBytes(5), info({ channel: 1, flags: 2, unreliableSequence: 4 }), 'c2s', 'unsequenced'), 9, 0, 'enet', 'godot4');
    expect(formatEventLine(unsequenced)).toMatch(/enet ch1 unsequenced group 4 flags 2 · 1234→1 UNRELIABLE ch0 · 8 B int 5$/);
  });

  it('shows an unreadable datagram as hex with the reason', () => {
    const event = describePacket({ connection: 1, peer: 'p', direction: 'c2s', frame: 'datagram', bytes: Uint8Array.of(0x80), note: '1 byte(s): shorter than ENet\'s 2-byte header' }, 0, 0, 'enet', 'godot4');
    expect(formatEventLine(event)).toMatch(/enet datagram 1 B ! ERR_INVALID_DATA: 1 byte\(s\): shorter than ENet's 2-byte header \| hex 80$/);
  });
});

describe('the page for ENet', () => {
  it('has channel, mode and flags columns only for ENet', () => {
    expect(pageHtml('t', { enet: true })).toContain('<th>frame</th><th>ch</th><th>mode</th><th>flags</th><th>type</th>');
    expect(pageHtml('t', { enet: true })).toContain('const ENET = true;');
    expect(pageHtml('t')).toContain('<th>frame</th><th>type</th>');
  });
});
