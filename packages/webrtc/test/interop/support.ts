/**
 * What the interop tests share: the Godot scripts (ours, and the demo's client scripts copied
 * from Godot's demo projects, MIT), a signalling server on 127.0.0.1 that relays only loopback
 * candidates, and Node.js lobby peers bound to 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { startGodot4, type GodotHandle } from '@pp/interop';
import {
  LobbyMultiplayer, SignalingServer, isLoopbackCandidate, loopbackOnlyRelay, type LobbyMultiplayerOptions,
} from '../../src/index.js';

const read = (path: string): string => readFileSync(new URL(`./godot/${path}`, import.meta.url), 'utf8');

/** The demo's client scripts and our test subclass, as `res://` files of a run. */
export function demoFiles(): Record<string, string> {
  return {
    'ws_webrtc_client.gd': read('demo/ws_webrtc_client.gd'),
    'multiplayer_client.gd': read('demo/multiplayer_client.gd'),
    'test_client.gd': read('test_client.gd'),
  };
}

/** One of our scripts with `__NAME__` placeholders filled in. */
export function script(name: string, values: Record<string, string>): string {
  let text = read(name);
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`__${key}__`, value);
  return text;
}

/** Starts a Godot 4.6 run of `name` with the demo files. */
export function startScript(name: string, values: Record<string, string>, timeoutMs = 60_000): Promise<GodotHandle> {
  return startGodot4({ script: script(name, values), files: demoFiles(), timeoutMs });
}

/** A signalling server on 127.0.0.1 that relays only loopback candidates (browsers' host candidates moved to 127.0.0.1). */
export async function loopbackSignaling(): Promise<{ server: SignalingServer; url: string }> {
  const server = new SignalingServer({ relay: loopbackOnlyRelay({ rewriteHostCandidates: true }) });
  await server.listen(0, '127.0.0.1');
  return { server, url: `ws://127.0.0.1:${server.getLocalPort()}` };
}

/** A Node.js lobby peer: its connections bind 127.0.0.1 and send only 127.0.0.1 candidates. */
export function nodeLobbyPeer(options: LobbyMultiplayerOptions = {}): LobbyMultiplayer {
  return new LobbyMultiplayer({ configuration: { bindAddress: '127.0.0.1' }, candidateFilter: isLoopbackCandidate, ...options });
}

/** Stops the engine if the test failed before it finished, adding what it printed to the failure. */
export async function finish(handles: GodotHandle[], failure: unknown): Promise<void> {
  for (const handle of handles) if (handle.running) await handle.stop();
  if (failure instanceof Error) {
    for (const handle of handles) failure.message += `\n--- Godot output ---\n${handle.output.tail(60)}`;
  }
}
