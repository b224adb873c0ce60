/**
 * `pnpm demo`: @pp peers exchanging Godot Variants. Every section uses the same PacketPeer calls
 * (`putVar`, `getVar`) a GDScript networking script would.
 */
import { memoryDemo } from './memory.js';

const log = (line: string): void => console.log(line);

log('@pp demo: Godot Variants between PacketPeers\n');
log('In memory (createMemoryPair):');
await memoryDemo(log);
log('\nDone.');
