/**
 * The example's host and Node.js clients for tests, over loopback only: connections bind
 * 127.0.0.1, clients send only 127.0.0.1 candidates, and the signalling server relays only
 * 127.0.0.1 candidates (a browser's host candidates moved to 127.0.0.1).
 */
import { ConnectionStatus, Dictionary, bytesToVar } from '@pp/core';
import { until } from '@pp/conformance/testing';
import { LobbyMultiplayer, isLoopbackCandidate, loopbackOnlyRelay } from '@pp/webrtc';
import { CHANNELS, LobbyHost } from '../src/index.js';

export async function loopbackHost(): Promise<{ host: LobbyHost; url: string; lobby: string }> {
  const host = new LobbyHost({
    signaling: { relay: loopbackOnlyRelay({ rewriteHostCandidates: true }) },
    host: { configuration: { bindAddress: '127.0.0.1' }, candidateFilter: isLoopbackCandidate },
  });
  const { url, lobby } = await host.start(0, '127.0.0.1');
  return { host, url, lobby };
}

/** A Node.js client of the lobby, recording what the host sends it. */
export class NodeClient {
  readonly peer = new LobbyMultiplayer({
    configuration: { bindAddress: '127.0.0.1' }, candidateFilter: isLoopbackCandidate, channelsConfig: CHANNELS,
  });
  readonly messages: Array<{ channel: number; message: Dictionary }> = [];

  constructor() {
    this.peer.multiplayer.on('packet', (packet, { channel }) => {
      const message = bytesToVar(packet);
      if (message instanceof Dictionary) this.messages.push({ channel, message });
    });
  }

  /** Joins; resolves with our id once connected to the host. */
  async join(url: string, lobby: string): Promise<number> {
    this.peer.start(url, lobby, false);
    await until(() => this.peer.multiplayer.getConnectionStatus() === ConnectionStatus.CONNECTED, 'joining the lobby', 15_000);
    return this.peer.multiplayer.getUniqueId();
  }

  send(channel: number, message: Dictionary): void {
    const mp = this.peer.multiplayer;
    mp.setTargetPeer(1);
    mp.transferChannel = channel;
    mp.putVar(message);
  }

  /** The first message (from now or before) that `match` accepts. */
  async waitFor(match: (message: Dictionary, channel: number) => boolean, what: string): Promise<Dictionary> {
    let found: Dictionary | undefined;
    await until(() => (found = this.messages.find((m) => match(m.message, m.channel))?.message) !== undefined, what, 15_000);
    return found as Dictionary;
  }
}

export const message = (entries: Record<string, unknown>): Dictionary => new Dictionary(Object.entries(entries) as never);
