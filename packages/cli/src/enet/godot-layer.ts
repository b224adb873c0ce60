/**
 * What Godot's multiplayer layer makes of an ENet packet, so the log shows peer ids, transfer
 * mode and channel as Godot reports them, and the Variant where it starts:
 *
 * - Godot 4 (`ENetMultiplayerPeer`): no header. ENet channel 0 is reliable, 1 both unreliable
 *   modes, n + 1 the transfer channel n; the mode follows the flags; the server is peer 1 and
 *   the client the id it sent as CONNECT data.
 * - Godot 3 (`NetworkedMultiplayerENet`, `--format godot3`): channel 0 carries config messages
 *   (`[u32 SYSMSG_ADD_PEER=0 | SYSMSG_REMOVE_PEER=1][u32 id]`); every other packet starts with
 *   `[u32 source][i32 target]` (little-endian) before the payload; channels 1 (reliable) and 2
 *   (unreliable) are transfer channel 0, any other is the transfer channel itself.
 */
import type { TextFormat } from '@pp/core';
import type { Direction, EnetPacketInfo, GodotPacketInfo, TransferModeName } from '../proxy/events.js';

export type GodotLayer =
  | { kind: 'packet'; godot: GodotPacketInfo; offset: number }
  | { kind: 'system'; godot: GodotPacketInfo; text: string }
  | { kind: 'error'; godot: GodotPacketInfo; message: string };

const GODOT3_SYSTEM = ['ADD_PEER', 'REMOVE_PEER'];
export const GODOT3_HEADER_SIZE = 8;

function modeOf(flags: number): TransferModeName {
  if ((flags & 1) !== 0) return 'RELIABLE';
  if ((flags & 2) !== 0) return 'UNRELIABLE';
  return 'UNRELIABLE_ORDERED';
}

export function godotLayer(info: EnetPacketInfo, direction: Direction, bytes: Uint8Array, format: TextFormat): GodotLayer {
  const mode = modeOf(info.flags);
  if (format === 'godot4') {
    const client = info.connectData;
    const godot: GodotPacketInfo = {
      mode, channel: info.channel >= 2 ? info.channel - 1 : 0, from: direction === 'c2s' ? client : 1, to: direction === 'c2s' ? 1 : client,
    };
    return { kind: 'packet', godot, offset: 0 };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (info.channel === 0) {
    const godot: GodotPacketInfo = { mode, channel: 0, from: direction === 'c2s' ? info.connectData : 1, to: direction === 'c2s' ? 1 : info.connectData };
    const message = bytes.length === 8 ? GODOT3_SYSTEM[view.getUint32(0, true)] : undefined;
    if (message === undefined) return { kind: 'error', godot, message: `not a Godot 3 config message (channel 0 carries [u32 ADD_PEER=0 | REMOVE_PEER=1][u32 id]; ${bytes.length} bytes)` };
    return { kind: 'system', godot, text: `${message} ${view.getUint32(4, true)}` };
  }
  const godot: GodotPacketInfo = { mode, channel: info.channel <= 2 ? 0 : info.channel, from: null, to: null };
  if (bytes.length < GODOT3_HEADER_SIZE) {
    return { kind: 'error', godot, message: `${bytes.length} bytes: shorter than Godot 3's 8-byte [source][target] header` };
  }
  godot.from = view.getUint32(0, true);
  godot.to = view.getInt32(4, true);
  return { kind: 'packet', godot, offset: GODOT3_HEADER_SIZE };
}
