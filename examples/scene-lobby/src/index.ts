export { LobbyBot } from './lobby-bot.js';
export { LobbyServer, MAX_TEXT, NAME, STEP } from './lobby-server.js';
export { Avatar, game } from './game.js';
