/**
 * The page the Godot 4 web build runs in. `index.js` defines the global `Engine`; `harness.js`
 * defines `ppStart(packUrl, args)`, which loads a fresh engine instance and reports everything
 * through the `__ppEvent(kind, data)` binding Playwright exposes on each page:
 *
 * - `stdout` / `stderr`: one printed line (the engine's `onPrint` / `onPrintError`; bypassing
 *   the console keeps the text exact);
 * - `loaded`: the wasm is compiled and instantiated;
 * - `exit`: the engine quit, with its exit code;
 * - `crash`: `engine.start` rejected, or an uncaught error / rejection reached the window
 *   (wasm traps in the main loop end up there).
 */

/** Name of the function Playwright exposes to the page. */
export const PAGE_BINDING = '__ppEvent';

/** The harness HTML page. */
export const HARNESS_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>@pp/interop Godot 4</title></head>
<body>
<canvas id="canvas" width="64" height="64"></canvas>
<script src="index.js"></script>
<script src="harness.js"></script>
</body>
</html>
`;

/** The page script (plain browser JavaScript). */
export const HARNESS_JS = `'use strict';
(function () {
  const send = (kind, data) => { window.${PAGE_BINDING}(kind, data); };
  const describe = (e) => (e && e.stack) ? String(e.stack) : String(e);
  window.addEventListener('error', (event) => send('crash', describe(event.error || event.message)));
  window.addEventListener('unhandledrejection', (event) => send('crash', describe(event.reason)));
  window.ppStart = async function (packUrl, args) {
    const response = await fetch(packUrl);
    if (!response.ok) throw new Error('could not fetch the pack: HTTP ' + response.status);
    const pack = new Uint8Array(await response.arrayBuffer());
    const engine = new Engine({
      executable: 'index',
      ensureCrossOriginIsolationHeaders: true,
      args: [],
      focusCanvas: false,
      onPrint: (...parts) => send('stdout', parts.join(' ')),
      onPrintError: (...parts) => send('stderr', parts.join(' ')),
      onExit: (code) => send('exit', String(code)),
    });
    await engine.init('index');
    send('loaded', '');
    engine.copyToFS('/t.pck', pack);
    // Not awaited: start() runs main() synchronously, so a script that blocks in _ready() would
    // block the caller; its rejection (a trap during start-up) is reported as a crash.
    setTimeout(() => {
      engine.start({ canvas: document.getElementById('canvas'), args }).catch((e) => send('crash', describe(e)));
    }, 0);
  };
})();
`;
