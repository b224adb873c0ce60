/** `pnpm start`: the chat server on port 9080 (or $PORT) until Ctrl-C. */
import { ChatServer } from './chat-server.js';

const server = new ChatServer((line) => console.log(line));
await server.listen(Number(process.env['PORT'] ?? 9080));
console.log('Open godot/chat_client.gd in a Godot 4 project (or run a ChatClient) to join.');
process.once('SIGINT', () => server.close());
