import { shutdownGodot3 } from './godot3.js';
import { shutdownGodot4 } from './godot4-host.js';

/**
 * Stops every live run of both engines and closes the shared Chromium and HTTP server. Call it
 * from `afterAll`; it is also done (synchronously, best effort) when the process exits.
 */
export async function shutdown(): Promise<void> {
  await Promise.all([shutdownGodot4(), shutdownGodot3()]);
}
