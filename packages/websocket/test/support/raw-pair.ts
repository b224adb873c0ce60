/** A hand-made raw client and the server's `WebSocketPeer` of it, both open, with the errors the peer reports. */
import type { GodotError } from '@pp/core';
import type { Scope } from '@pp/conformance/testing';
import type { WebSocketPeer, WebSocketPeerOptions } from '../../src/index.js';
import { RawClient } from './raw-client.js';
import { serveStream } from './servers.js';

export interface RawPair {
  client: RawClient;
  remote: WebSocketPeer;
  /** Every `error` the server's peer emitted. */
  errors: GodotError[];
}

/** Serves one connection (`acceptStream`, with `options`) to a raw client; everything is closed by `scope`. */
export async function rawPair(scope: Scope, options: WebSocketPeerOptions = {}): Promise<RawPair> {
  const server = scope.add(await serveStream(options), (s) => s.close());
  const { client } = await RawClient.handshake(server.port);
  scope.add(client, (c) => c.socket.destroy());
  const remote = await server.nextPeer();
  await remote.waitForOpen({ timeoutMs: 5000 });
  const errors: GodotError[] = [];
  remote.on('error', (error) => errors.push(error));
  return { client, remote, errors };
}
