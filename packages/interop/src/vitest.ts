/**
 * Vitest helpers, a separate entry (`@pp/interop/vitest`) so the runtime harness never loads
 * vitest. Import it only from test files.
 */
import { afterAll, describe, it } from 'vitest';
import { godot3Availability, godot4Availability, realPeersRequired, type PeerAvailability } from './availability.js';
import { shutdownGodot3 } from './godot3.js';
import { shutdownGodot4 } from './godot4-host.js';

/** How long the `afterAll` that shuts an engine down may take. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

/** What {@link describeWithPeer} does with a suite: run it, fail it, or skip it. */
export type PeerSuiteMode = 'run' | 'fail' | 'skip';

/** Decides a suite's fate from its peer's availability and whether real peers are required. */
export function peerSuiteMode(peer: PeerAvailability, required: boolean = realPeersRequired()): PeerSuiteMode {
  if (peer.available) return 'run';
  return required ? 'fail' : 'skip';
}

/**
 * `describe` for tests that need a real peer:
 * - peer available: registers the suite, plus an `afterAll` that stops the engine's live runs
 *   and shared resources;
 * - peer missing and `CI` / `PP_REQUIRE_REAL_PEERS` set: registers one failing test that says
 *   what to install;
 * - peer missing otherwise: skips the suite, naming what to install in its title.
 *
 * @param peer The peer's availability ({@link godot4Availability}, {@link godot3Availability}).
 * @param cleanup What the `afterAll` runs.
 */
export function describeWithPeer(
  name: string,
  peer: PeerAvailability,
  cleanup: () => Promise<void>,
  body: () => void,
): void {
  const mode = peerSuiteMode(peer);
  if (mode === 'run') {
    describe(name, () => {
      afterAll(cleanup, SHUTDOWN_TIMEOUT_MS);
      body();
    });
  } else if (mode === 'fail') {
    describe(name, () => {
      it('has its real peer installed', () => {
        throw new Error(`${peer.missing ?? 'real peer unavailable'} (required because CI or PP_REQUIRE_REAL_PEERS is set)`);
      });
    });
  } else {
    console.warn(`[@pp/interop] skipping "${name}": ${peer.missing ?? 'real peer unavailable'}`);
    describe.skip(`${name} [skipped: ${peer.missing ?? 'real peer unavailable'}]`, body);
  }
}

/** {@link describeWithPeer} for the Godot 4.6 web peer; shuts the shared Chromium down afterwards. */
export function describeWithGodot4(name: string, body: () => void): void {
  describeWithPeer(name, godot4Availability(), shutdownGodot4, body);
}

/** {@link describeWithPeer} for the Godot 3.2.3 peer; kills its live runs afterwards. */
export function describeWithGodot3(name: string, body: () => void): void {
  describeWithPeer(name, godot3Availability(), shutdownGodot3, body);
}
