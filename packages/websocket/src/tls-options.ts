/**
 * Godot's `TLSOptions` is core's (`@pp/core`), shared with `@pp/dtls` and `@pp/stream`'s
 * `StreamPeerTLS`; re-exported here so `import { TLSOptions } from '@pp/websocket'` keeps working.
 */
export { TLSOptions } from '@pp/core';
