export { ArenaServer, type ArenaOptions } from './arena-server.js';
export * from './protocol.js';
