/**
 * Packets recorded from, or accepted by, the official Godot 4.6 web build (the wire probe,
 * test/interop/wire-probe.test.ts, and ./probe/ for the Godot side). Every vector here is
 * checked against the engine on each interop run; the unit tests use them as literal oracles.
 *
 * The probe's `Main` has `@rpc` functions `hello(who: String)`, `report(a … j)`,
 * `welcome(n: int)` and a node-level `rpc_config("dyn", …)`, so its method table is
 * dyn = 0x8000, hello = 0, report = 1, welcome = 2 and its md5 is md5("dynhelloreportwelcome").
 */
import { ascii } from '../support/hex.js';

/** md5 of the probe's `Main` RPC list: node-level names, then script-level names, each sorted. */
export const MAIN_MD5 = '75e8f3f9d458da338a4545b5696442d9';
/** md5 of a node without RPCs (spawners, synchronizers). */
export const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';


/** Sent by Godot (client) to the server, in the order it sent them. */
export const FROM_GODOT = {
  /** `send_auth(1, "token-123".to_utf8_buffer())` */
  authToken: '07 00 74 6f 6b 65 6e 2d 31 32 33',
  /** `complete_auth(1)` */
  authDone: '07 00',
  /** SIMPLIFY_PATH of `Main`, cache id 1 */
  simplifyMain: `01 ${ascii(MAIN_MD5)} 00 01 00 00 00 4d 61 69 6e 00`,
  /** `hello.rpc_id(1, "web")`, first call: 4-byte path form, path at offset 0x13 */
  helloWebPathForm: '20 13 00 00 80 00 01 04 00 00 00 03 00 00 00 77 65 62 00 4d 61 69 6e 00',
  /** `report.rpc_id(1, true, -1, 300, 70000, 1.5, "hi", Vector2(1, 2), 1 << 40, [1, "a"], {"k": 2.0})` */
  reportPathForm:
    '20 73 00 00 80 01 0a 81 02 ff 42 2c 01 82 70 11 01 00 03 00 00 00 00 00 c0 3f 04 00 00 00 02 00 00 00 68 69 00 00 ' +
    '05 00 00 00 00 00 80 3f 00 00 00 40 c2 00 00 00 00 00 01 00 00 1c 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 ' +
    '04 00 00 00 01 00 00 00 61 00 00 00 1b 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 6b 00 00 00 03 00 00 00 00 00 00 40 ' +
    '4d 61 69 6e 00',
  /** `send_bytes("ping".to_utf8_buffer())` with the default target 0: a RELAY to everyone */
  relayPing: '07 03 00 00 00 00 03 70 69 6e 67',
  /** CONFIRM_PATH (4.3+ form) of the server's SIMPLIFY_PATH for `Main` (id 1), md5 matched */
  confirmMain: '02 01 01 00 00 00',
  /** CONFIRM_PATH of the server's `Main/PlayerSpawner` (id 2) */
  confirmSpawner: '02 01 02 00 00 00',
  /** `hello.rpc_id(1, "again")` once the server confirmed `Main`: 1-byte node id form */
  helloAgainIdForm: '00 01 00 01 04 00 00 00 05 00 00 00 61 67 61 69 6e 00 00 00',
  /** `hello.rpc("everyone")`: a broadcast from a client with no other peers goes to 1 directly */
  helloEveryone: '00 01 00 01 04 00 00 00 08 00 00 00 65 76 65 72 79 6f 6e 65',
  /** `dyn.rpc_id(1, 5)`: node-level method id 0x8000, two bytes (meta bit 6) */
  dynNodeLevel: '40 01 00 80 01 02 05',
  /** SIMPLIFY_PATH of the client-authority `Main/MineSpawner`, cache id 2 */
  simplifyMineSpawner: `01 ${ascii(EMPTY_MD5)} 00 02 00 00 00 ${ascii('Main/MineSpawner', true)}`,
  /** SPAWN of "mine" at (3, 4), hp 5: scene 0, spawner id 2, net id 1, one synchronizer (net id 2) */
  spawnMine: '04 00 02 00 00 00 01 00 00 00 01 00 00 00 05 00 00 00 02 00 00 00 6d 69 6e 65 00 05 00 00 00 00 00 40 40 00 00 80 40 02 05',
  /** The first SYNC to the server: time 1, net id 2, position (3, 4) */
  firstSync: '06 01 00 02 00 00 00 0c 00 00 00 05 00 00 00 00 00 40 40 00 00 80 40',
  /** The first DELTA, right after the spawn: every watched property (hp = 5) */
  firstDelta: '16 02 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 05',
  /** DELTA after `hp = 6` */
  deltaHp6: '16 02 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 06',
  /** SIMPLIFY_PATH of the scene-placed `Main/Cursor/CursorSync`, cache id 3 */
  simplifyCursorSync: `01 ${ascii(EMPTY_MD5)} 00 03 00 00 00 ${ascii('Main/Cursor/CursorSync', true)}`,
  /** Despawn of "mine" (net id 1) by its authority, the client */
  despawnMine: '05 01 00 00 00',
  /** CONFIRM_PATH answering a SIMPLIFY_PATH with a wrong md5: valid = 0 (and Godot logs the checksum error) */
  confirmCursorBadMd5: '02 00 03 00 00 00',
} as const;

/**
 * SYNC entries Godot sent (after the 3-byte header `06 <u16 time>`): the spawned "mine" at
 * (7, 8), then the path-based cursor synchronizer (0x80000000 | cache id 3) at (-1, 0.5), in
 * one packet.
 */
export const SYNC_ENTRIES = {
  mineAt78: '02 00 00 00 0c 00 00 00 05 00 00 00 00 00 e0 40 00 00 00 41',
  cursor: '03 00 00 80 0c 00 00 00 05 00 00 00 00 00 80 bf 00 00 00 3f',
} as const;

/** Sent by the server and accepted by Godot (what the client printed is beside each). */
export const TO_GODOT = {
  /** auth reply: the client's auth_callback gets (1, "ok") */
  authReply: '07 00 6f 6b',
  authDone: '07 00',
  /** RAW: peer_packet(1, "pong") */
  rawPong: '03 70 6f 6e 67',
  simplifyMain: `01 ${ascii(MAIN_MD5)} 00 01 00 00 00 4d 61 69 6e 00`,
  /** welcome(42), path form: "welcome 42 from 1" */
  welcome42PathForm: '20 09 00 00 80 02 01 02 2a 4d 61 69 6e 00',
  /** welcome(43), 1-byte id form after Godot's CONFIRM_PATH */
  welcome43IdForm: '00 01 02 01 02 2b',
  /** dyn(9), node-level method 0x8000 */
  dyn9: '40 01 00 80 01 02 09',
  simplifySpawner: `01 ${ascii(EMPTY_MD5)} 00 02 00 00 00 ${ascii('Main/PlayerSpawner', true)}`,
  /** SPAWN "7" at (100, 100), hp 100: "ready 7 (100, 100) 100", then "spawned 7" */
  spawn7: '04 00 02 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00 37 00 05 00 00 00 00 00 c8 42 00 00 c8 42 02 64',
  /** SYNC time 1, position (110, 100): "sync 7 (110, 100)" */
  sync7: '06 01 00 02 00 00 00 0c 00 00 00 05 00 00 00 00 00 dc 42 00 00 c8 42',
  /** DELTA hp = 90: "delta 7 90" */
  delta7: '16 02 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 5a',
  /** DESPAWN net id 1: "despawned 7" */
  despawn7: '05 01 00 00 00',
} as const;
