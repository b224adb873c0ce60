/** SYS packets (`scene_multiplayer.cpp`): AUTH, ADD_PEER, DEL_PEER, RELAY. Layouts checked against Godot 4.6. */
import { drop } from '../drop-report.js';
import { ByteWriter, i32At } from './bytes.js';
import { NetworkCommand, SYS_CMD_SIZE, SysCommand } from './commands.js';

/** `07 00` + data: auth data (data non-empty) or the completion marker (no data). */
export function authPacket(data?: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + (data?.length ?? 0));
  out[0] = NetworkCommand.SYS;
  out[1] = SysCommand.AUTH;
  if (data) out.set(data, 2);
  return out;
}

/** `07 01|02` + i32 id. */
export function peerNoticePacket(command: typeof SysCommand.ADD_PEER | typeof SysCommand.DEL_PEER, id: number): Uint8Array {
  return new ByteWriter(SYS_CMD_SIZE).u8(NetworkCommand.SYS).u8(command).i32(id).finish();
}

/** `07 03` + i32 destination (client → server) or source (server → client) + inner packet. */
export function relayPacket(id: number, inner: Uint8Array): Uint8Array {
  return new ByteWriter(SYS_CMD_SIZE + inner.length).u8(NetworkCommand.SYS).u8(SysCommand.RELAY).i32(id).bytes(inner).finish();
}

/** Whether a packet is AUTH (`07 00 …`), the only kind a pending peer may send. */
export function isAuthPacket(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] as number) & 7) === NetworkCommand.SYS && bytes[1] === SysCommand.AUTH;
}

export interface SysPacket {
  readonly command: SysCommand;
  readonly peer: number;
  /** RELAY: the inner packet. */
  readonly payload: Uint8Array;
}

/** Parses a non-AUTH SYS packet (Godot's `_process_sys`). Throws a `DropError`. */
export function parseSys(bytes: Uint8Array): SysPacket {
  if (bytes.length < SYS_CMD_SIZE) drop('malformed', `SYS packet of ${bytes.length} bytes (at least ${SYS_CMD_SIZE})`);
  const command = bytes[1] as number;
  if (command !== SysCommand.ADD_PEER && command !== SysCommand.DEL_PEER && command !== SysCommand.RELAY) {
    drop('unknown-command', `unknown SYS sub-command ${command}`);
  }
  if (command === SysCommand.RELAY && bytes.length < SYS_CMD_SIZE + 1) drop('malformed', 'RELAY without an inner packet');
  return { command, peer: i32At(bytes, 2) as number, payload: bytes.subarray(SYS_CMD_SIZE) };
}
