/** `pnpm start`: the lobby server on port 9080 (or $PORT) until Ctrl-C. */
import { LobbyServer } from './lobby-server.js';

const server = new LobbyServer((line) => console.log(line));
const port = await server.listen(Number(process.env['PORT'] ?? 9080));
console.log(`lobby on ws://0.0.0.0:${port} — open godot/ in Godot 4.6 and run it (or start a LobbyBot)`);
process.once('SIGINT', () => server.close());
