/**
 * `pnpm demo`: @pp peers exchanging Godot Variants, in memory and over loopback UDP, TCP and
 * WebSocket. Every section uses the same PacketPeer calls (`putVar`, `getVar`) a GDScript
 * networking script would, and the bytes are the ones a Godot 4 game sends.
 */
import { memoryDemo } from './memory.js';
import { tcpDemo } from './tcp.js';
import { udpDemo } from './udp.js';
import { websocketDemo } from './websocket.js';

const log = (line: string): void => console.log(line);

log('@pp demo: Godot Variants between PacketPeers\n');
log('In memory (createMemoryPair):');
await memoryDemo(log);
log('\nUDP echo (UDPServer + PacketPeerUDP on 127.0.0.1):');
await udpDemo(log);
log('\nTCP echo (TCPServer + StreamPeerTCP + PacketPeerStream on 127.0.0.1):');
await tcpDemo(log);
log('\nWebSocket echo (WebSocketMultiplayerPeer server and client on 127.0.0.1):');
await websocketDemo(log);
log('\nDone.');
