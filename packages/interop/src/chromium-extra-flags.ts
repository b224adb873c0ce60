/**
 * Extra Chromium flags for the shared Godot 4 browser, on top of `CHROMIUM_FLAGS`, asked for by
 * the tests of one process (e.g. WebRTC over loopback, see `webrtc.ts`). The browser is
 * launched with the flags known at that moment; asking for new ones while it runs closes it, so
 * the next run launches one with them.
 */
const extra = new Set<string>();
let listener: (() => Promise<void>) | undefined;

/** The extra flags, in the order they were asked for. */
export function extraChromiumFlags(): string[] {
  return [...extra];
}

/** For the host: called (and awaited) when new flags arrive while a browser runs. */
export function onExtraChromiumFlags(restart: () => Promise<void>): void {
  listener = restart;
}

/** Adds flags to every later launch; resolves once a running browser without them has closed. */
export async function requireChromiumFlags(flags: readonly string[]): Promise<void> {
  const fresh = flags.filter((flag) => !extra.has(flag));
  if (fresh.length === 0) return;
  for (const flag of fresh) extra.add(flag);
  await listener?.();
}
