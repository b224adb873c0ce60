/**
 * A raw recording server for wire probes: a @pp WebSocketMultiplayerPeer that keeps every packet a
 * client sends (as hex) and lets the test wait for one by predicate, consuming it.
 */
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { toHex } from './hex.js';

export interface Recorded {
  readonly peer: number;
  readonly bytes: Uint8Array;
  readonly hex: string;
}

export class RecordingServer {
  readonly peer = new WebSocketMultiplayerPeer();
  readonly received: Recorded[] = [];
  readonly log: string[] = [];
  #client = 0;

  static async start(): Promise<RecordingServer> {
    const server = new RecordingServer();
    server.peer.createServer(0, '127.0.0.1');
    await server.peer.waitForConnected({ timeoutMs: 5000 });
    server.peer.on('peerConnected', (id) => {
      server.#client = id;
      server.log.push(`connected ${id}`);
    });
    server.peer.on('packet', (bytes, info) => {
      const hex = toHex(bytes);
      server.received.push({ peer: info.peer, bytes, hex });
      server.log.push(`C>S ${hex}`);
    });
    return server;
  }

  get port(): number {
    return this.peer.getLocalPort();
  }

  get client(): number {
    return this.#client;
  }

  send(bytes: Uint8Array, to = this.#client): void {
    this.log.push(`S>C ${toHex(bytes)}`);
    this.peer.setTargetPeer(to);
    this.peer.putPacket(bytes);
  }

  /** Waits for (and removes) the first recorded packet matching `match` (a hex prefix or a predicate). */
  async take(match: string | ((packet: Recorded) => boolean), what: string, timeoutMs = 10_000): Promise<Recorded> {
    const test = typeof match === 'string' ? (p: Recorded): boolean => p.hex.startsWith(match) : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.received.findIndex(test);
      if (at !== -1) return this.received.splice(at, 1)[0] as Recorded;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.log.slice(-40).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.peer.close();
  }
}
