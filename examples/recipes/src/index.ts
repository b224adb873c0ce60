/** The recipes of docs/recipes.md. */
export { acceptAuthenticated } from './auth-handshake.js';
export { startRelay } from './broadcast-relay.js';
export { closeOnAbort } from './clean-shutdown.js';
