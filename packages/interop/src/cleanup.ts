/**
 * Last-resort cleanup when the Node process ends with engines still running: synchronous
 * hooks (kill child processes, delete temp folders) run on `exit`, and on SIGINT, SIGTERM and
 * SIGHUP when nobody else handles those signals (the signal is then re-raised so the process
 * still dies as it would have).
 */

type Hook = () => void;

const hooks = new Set<Hook>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

function runHooks(): void {
  for (const hook of [...hooks]) {
    hooks.delete(hook);
    try {
      hook();
    } catch {
      // Best effort: the process is going away.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runHooks();
  uninstall();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runHooks);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', runHooks);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Registers a synchronous hook to run if the process ends while the resource it releases is
 * still held.
 *
 * @returns A function that removes the hook (call it once the resource is released normally).
 */
export function onProcessExit(hook: Hook): () => void {
  hooks.add(hook);
  install();
  return () => {
    hooks.delete(hook);
    if (hooks.size === 0) uninstall();
  };
}
