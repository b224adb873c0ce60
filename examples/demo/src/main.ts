/**
 * `pnpm demo`: @pp peers exchanging Godot Variants, in memory and over loopback UDP, TCP and
 * WebSocket. Every section uses the same PacketPeer calls (`putVar`, `getVar`) a GDScript
 * networking script would, and the bytes are the ones a Godot 4 game sends.
 */
import { varToBytes } from '@pp/core';
import { DEMO_VALUES, memoryDemo } from './memory.js';
import { tcpDemo } from './tcp.js';
import { udpDemo } from './udp.js';
import { websocketDemo } from './websocket.js';

const log = (line: string): void => console.log(line);

log('@pp demo: Godot Variants between PacketPeers\n');
log('The values, sent and received in memory (createMemoryPair), as getVar() returns them:');
await memoryDemo(log);
log('\nThe same values over loopback, each echoed by a server (putVar, then getVar):');
await udpDemo(log);
await tcpDemo(log);
await websocketDemo(log);
const [, dictionary] = DEMO_VALUES.find(([type]) => type === 'Dictionary') ?? DEMO_VALUES[0]!;
log('\nThe Dictionary above, as its peer sent it. See it as Godot prints it (var_to_str):');
log(`  pnpm pp decode ${Buffer.from(varToBytes(dictionary)).toString('hex')}`);
log('\nDone.');
