export { CHANNELS, LobbyHost, type LobbyHostOptions } from './lobby-host.js';
