/** Test failures that show what the real peer printed. */
import type { GodotHandle } from './session.js';

/**
 * Runs `body`; if it throws an `Error`, the last `lines` lines of the engine's output (the handle
 * `engine()` returns at that moment) are appended to its message.
 */
export async function withEngineOutput<T>(engine: () => GodotHandle | undefined, body: () => Promise<T>, lines = 40): Promise<T> {
  try {
    return await body();
  } catch (error) {
    const handle = engine();
    if (error instanceof Error && handle !== undefined) error.message += `\n--- ${handle.engine} output ---\n${handle.output.tail(lines)}`;
    throw error;
  }
}
