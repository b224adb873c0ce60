/** `pnpm --filter @pp/example-webrtc-lobby start`: hosts a lobby on PORT (9080). */
import { LobbyHost } from './lobby-host.js';

const port = Number(process.env['PORT'] ?? 9080);
const lobby = new LobbyHost();
const { url, lobby: name } = await lobby.start(port);
console.log(`signalling on ${url}, lobby ${name} (give both to lobby_client.gd)`);
lobby.host.multiplayer.on('peerConnected', (id) => console.log(`peer ${id} joined`));
lobby.host.multiplayer.on('peerDisconnected', (id) => console.log(`peer ${id} left`));
process.once('SIGINT', () => void lobby.close());
