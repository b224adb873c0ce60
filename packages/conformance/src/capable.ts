/**
 * Tests that need a capability: they run when the transport has it, and otherwise are reported
 * as skipped with the reason in their title (`… [skipped: UDP does not guarantee order]`), so a
 * skip in `pnpm test`'s total always says why (and each is printed once, when it is collected).
 */
import { it } from 'vitest';

type TestBody = () => Promise<void> | void;

/** `it` when `capable`, else a skipped test whose title ends with `[skipped: reason]`. */
export function itWhen(capable: boolean, reason: string): (title: string, body: TestBody, timeoutMs?: number) => void {
  return (title, body, timeoutMs) => {
    if (capable) it(title, body, timeoutMs);
    else {
      // vitest's summary counts skips without naming them: say which and why in the output too.
      console.info(`skipped: ${title} — ${reason}`);
      it.skip(`${title} [skipped: ${reason}]`, body, timeoutMs);
    }
  };
}
