/**
 * A lobby on WebRTC, hosted by Node.js: the signalling server (the protocol of Godot's
 * webrtc_signaling demo) and, in the lobby it creates, a WebRTCMultiplayerPeer server as peer 1.
 * Godot clients (godot/lobby_client.gd) and Node.js clients (`LobbyMultiplayer`) join it.
 *
 * The game is a tiny one: on the reliable channel `{"type": "say", "text"}` is relayed to
 * everyone as `{"type": "said", "from", "text"}`; on custom channel 1 (unreliable)
 * `{"type": "pos", "x", "y"}` goes to everyone else as `{"type": "pos", "from", "x", "y"}`.
 * Newcomers get `{"type": "welcome", "id", "peers"}`, the others `{"type": "joined", "id"}`,
 * and `{"type": "left", "id"}` when someone goes.
 */
import { Dictionary, ErrorCode, TransferMode, bytesToVar, type Variant } from '@pp/core';
import {
  LobbyMultiplayer, SignalingServer, type LobbyMultiplayerOptions, type SignalingServerOptions,
} from '@pp/webrtc';

/** The multiplayer peer's channels_config: custom channel 1 carries positions, unreliably. */
export const CHANNELS: readonly TransferMode[] = [TransferMode.UNRELIABLE];

export interface LobbyHostOptions {
  /** Options of the signalling server (tests keep only 127.0.0.1 candidates with `relay`). */
  signaling?: SignalingServerOptions;
  /** Options of the host's LobbyMultiplayer (ICE servers, bindAddress, candidate filter). */
  host?: Omit<LobbyMultiplayerOptions, 'channelsConfig'>;
}

export class LobbyHost {
  readonly signaling: SignalingServer;
  readonly host: LobbyMultiplayer;
  #lobby = '';

  constructor(options: LobbyHostOptions = {}) {
    this.signaling = new SignalingServer(options.signaling);
    this.host = new LobbyMultiplayer({ ...options.host, channelsConfig: CHANNELS });
  }

  /** The lobby's name (Godot clients join it), once `start` resolved. */
  get lobby(): string {
    return this.#lobby;
  }

  /** Listens on `port` (0: any) and creates the lobby; resolves with the URL and the lobby name. */
  async start(port = 9080, bindAddress = '*'): Promise<{ url: string; lobby: string }> {
    await this.signaling.listen(port, bindAddress);
    const host = bindAddress === '*' ? '127.0.0.1' : bindAddress;
    const url = `ws://${host}:${this.signaling.getLocalPort()}`;
    const joined = new Promise<string>((resolve) => this.host.once('lobbyJoined', resolve));
    if (this.host.start(url, '', false) !== ErrorCode.OK) throw new Error(`Cannot connect to ${url}`);
    this.#lobby = await joined;
    this.#play();
    return { url, lobby: this.#lobby };
  }

  async close(): Promise<void> {
    this.host.stop();
    await this.signaling.close();
  }

  #play(): void {
    const mp = this.host.multiplayer;
    const send = (target: number, channel: number, message: Dictionary): void => {
      mp.setTargetPeer(target);
      mp.transferChannel = channel;
      mp.putVar(message);
    };
    mp.on('peerConnected', (id) => {
      const others = [...mp.getPeers().keys()].filter((peer) => peer !== id && mp.getPeer(peer)?.connected === true);
      send(id, 0, new Dictionary([['type', 'welcome'], ['id', id], ['peers', others]]));
      send(-id, 0, new Dictionary([['type', 'joined'], ['id', id]]));
    });
    mp.on('peerDisconnected', (id) => send(0, 0, new Dictionary([['type', 'left'], ['id', id]])));
    mp.on('packet', (packet, { peer, channel }) => {
      const message = decode(packet);
      if (message === null) return;
      if (channel === 0 && message.get('type') === 'say' && typeof message.get('text') === 'string') {
        send(0, 0, new Dictionary([['type', 'said'], ['from', peer], ['text', String(message.get('text')).slice(0, 200)]]));
      } else if (channel === 1 && message.get('type') === 'pos') {
        send(-peer, 1, new Dictionary([['type', 'pos'], ['from', peer], ['x', message.get('x') as Variant], ['y', message.get('y') as Variant]]));
      }
    });
  }
}

/** A Dictionary sent with put_var, or `null` for anything else. */
function decode(packet: Uint8Array): Dictionary | null {
  try {
    const value = bytesToVar(packet);
    return value instanceof Dictionary ? value : null;
  } catch {
    return null;
  }
}
