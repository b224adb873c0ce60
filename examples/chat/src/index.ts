export { ChatClient } from './chat-client.js';
export { ChatServer } from './chat-server.js';
export {
  MAX_NAME, MAX_TEXT, readClientMessage, readServerMessage, type ClientMessage, type ServerMessage,
} from './protocol.js';
