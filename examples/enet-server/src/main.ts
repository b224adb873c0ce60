/** `pnpm start`: the arena on UDP port 9090 (or $PORT) until Ctrl-C. */
import { ErrorCode } from '@pp/core';
import { ArenaServer } from './arena-server.js';

const server = new ArenaServer({ log: (line) => console.log(line) });
const port = Number(process.env['PORT'] ?? 9090);
if (server.listen(port) !== ErrorCode.OK) {
  console.error(`could not listen on UDP port ${port}`);
  process.exit(1);
}
console.log(`arena listening on UDP port ${server.port}; run godot/arena_client.gd in Godot 4 to play.`);
process.once('SIGINT', () => server.close());
