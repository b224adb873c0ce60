/**
 * The MultiplayerPeer behaviour every multiplayer transport must show, as Godot defines it
 * (`scene/main/multiplayer_peer.h` and its implementations): unique ids, targets (0 = everyone, 1 = server, n = one peer, −n = all but
 * n), `peer_connected` / `peer_disconnected`, refusing new connections, and the packet
 * attribution of `get_packet_peer`. A transport runs it with a harness that starts servers and
 * clients:
 *
 * ```ts
 * multiplayerPeerSuite({ name: 'websocket', createServer, createClient, createIdle, capabilities });
 * ```
 *
 * The suite only uses Godot's poll-style API (`poll()`, `getConnectionStatus()`,
 * `getAvailablePacketCount()`), calling `poll()` on every peer while it waits, so it fits
 * transports that advance only when polled as well as event-driven ones.
 */
import {
  ConnectionStatus, Dictionary, ErrorCode, GodotError, TransferMode, Vector2, type MultiplayerPeer, type VariantFormat,
  type VariantLike,
} from '@pp/core';
import { afterEach, describe, expect, it } from 'vitest';
import { itWhen } from './capable.js';
import { pattern, until as waitUntil } from './testing/waits.js';

// Any MultiplayerPeer, whatever its events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMultiplayerPeer = MultiplayerPeer<any>;

/** What one transfer mode guarantees on a transport. */
export interface ModeGuarantees {
  /** Packets sent in this mode arrive (small bursts on loopback). */
  reliable: boolean;
  /** Packets sent in this mode never arrive out of order (some may be missing). */
  ordered: boolean;
}

const MODE_NAMES: Readonly<Record<TransferMode, string>> = { 0: 'UNRELIABLE', 1: 'UNRELIABLE_ORDERED', 2: 'RELIABLE' };

export interface MultiplayerPeerCapabilities {
  /** Largest payload that must pass in both directions. */
  maxPacketSize: number;
  /** Packets between two peers arrive complete and in order (in the default mode, RELIABLE). */
  reliableOrdered: boolean;
  /**
   * What each transfer mode guarantees here (ENet: UNRELIABLE may lose and reorder,
   * UNRELIABLE_ORDERED may lose but not reorder; WebSocket: every mode is reliable and ordered).
   * A mode left out is not tested (RELIABLE: as `reliableOrdered`).
   */
  modes?: Partial<Record<TransferMode, ModeGuarantees>>;
  /**
   * Channels packets can be sent on (`transferChannel` 0 … channels − 1). With more than one,
   * each channel keeps its own order. Left out, channels are not tested.
   */
  channels?: number;
  /**
   * Whether `getPacketChannel()`/`getPacketMode()` report what the sender used (ENet, WebRTC);
   * otherwise they report channel 0 and RELIABLE for every packet, as Godot's WebSocket does.
   * Left out, what they report is not tested.
   */
  reportsChannelAndMode?: boolean;
  /** What `isServerRelaySupported()` returns. */
  serverRelay: boolean;
  /** The Variant dialect the peers speak. @default 'godot4' */
  format?: VariantFormat;
  /**
   * How long a refused client is watched to make sure it never connects.
   * @default 500
   */
  refusalWaitMs?: number;
  /**
   * A refused client believes it connected until it times out: ENet's server completes the
   * handshake and then resets the connection silently (Godot's `ENetMultiplayerPeer`). The
   * suite then checks that the server never reports the client nor takes its packets.
   * @default false
   */
  refusedClientsSeeConnected?: boolean;
}

export interface MultiplayerPeerHarness {
  /** Shown in test names. */
  name: string;
  /** Starts a server; resolves once it accepts clients (`CONNECTED`, unique id 1). */
  createServer(): Promise<AnyMultiplayerPeer>;
  /**
   * Starts a client towards `server` and returns it without waiting for the connection, so the
   * suite can watch its events (`CONNECTING`, or `CONNECTED` if that is immediate).
   */
  createClient(server: AnyMultiplayerPeer): AnyMultiplayerPeer | Promise<AnyMultiplayerPeer>;
  /** A peer that was never started (`DISCONNECTED`). */
  createIdle(): AnyMultiplayerPeer;
  capabilities: MultiplayerPeerCapabilities;
  /** Releases anything the harness holds besides the peers (the suite closes those). */
  cleanup?(): Promise<void> | void;
  /** Upper bound for each wait. @default 5000 */
  timeoutMs?: number;
}

interface Network {
  server: AnyMultiplayerPeer;
  clients: AnyMultiplayerPeer[];
}

/** Registers the MultiplayerPeer conformance tests for one transport. */
export function multiplayerPeerSuite(harness: MultiplayerPeerHarness): void {
  const caps = harness.capabilities;
  const timeoutMs = harness.timeoutMs ?? 5000;
  const format = caps.format ?? 'godot4';

  const modes: Record<TransferMode, ModeGuarantees | undefined> = {
    0: caps.modes?.[0],
    1: caps.modes?.[1],
    2: caps.modes?.[2] ?? { reliable: caps.reliableOrdered, ordered: caps.reliableOrdered },
  };
  const channels = caps.channels;
  const reports = caps.reportsChannelAndMode;
  const undeclared = (what: string): string => `${harness.name} does not declare ${what}`;

  describe(`MultiplayerPeer conformance: ${harness.name}`, () => {
    let live: AnyMultiplayerPeer[] = [];

    const track = <T extends AnyMultiplayerPeer>(peer: T): T => {
      live.push(peer);
      peer.format = format;
      return peer;
    };

    /** Re-checks `condition`, polling every live peer, until it holds or time runs out. */
    const until = (condition: () => boolean, what: string, ms = timeoutMs): Promise<void> => waitUntil(() => {
      for (const peer of live) peer.poll();
      return condition();
    }, `${harness.name}: ${what}`, ms);

    const connected = (peer: AnyMultiplayerPeer): boolean => peer.getConnectionStatus() === ConnectionStatus.CONNECTED;

    const startServer = async (): Promise<AnyMultiplayerPeer> => track(await harness.createServer());

    const startClient = async (server: AnyMultiplayerPeer): Promise<AnyMultiplayerPeer> =>
      track(await harness.createClient(server));

    const joinClient = async (server: AnyMultiplayerPeer): Promise<AnyMultiplayerPeer> => {
      const client = await startClient(server);
      await until(() => connected(client), 'the client connecting');
      return client;
    };

    /** A server with `count` connected clients, each also known to the server. */
    const network = async (count: number): Promise<Network> => {
      const server = await startServer();
      const known = new Set<number>();
      server.on('peerConnected', (id: number) => known.add(id));
      const clients: AnyMultiplayerPeer[] = [];
      for (let i = 0; i < count; i++) clients.push(await joinClient(server));
      await until(() => clients.every((c) => known.has(c.getUniqueId())), 'the server seeing every client');
      return { server, clients };
    };

    /** Waits for the next packet of `peer`; returns it with the sender `getPacketPeer()` gave before. */
    const receive = async (peer: AnyMultiplayerPeer): Promise<{ from: number; data: Uint8Array }> => {
      await until(() => peer.getAvailablePacketCount() > 0, 'a packet arriving');
      const from = peer.getPacketPeer();
      const data = peer.getPacket();
      expect(peer.getPacketError()).toBe(ErrorCode.OK);
      return { from, data };
    };

    afterEach(async () => {
      const peers = live;
      live = [];
      for (const peer of peers) peer.close();
      await harness.cleanup?.();
    });

    it('ids: the server is 1, clients get distinct ids in [2, 2^31 - 1]', async () => {
      const { server, clients } = await network(3);
      expect(server.getUniqueId()).toBe(1);
      expect(server.isServer()).toBe(true);
      expect(server.getConnectionStatus()).toBe(ConnectionStatus.CONNECTED);
      const ids = clients.map((c) => c.getUniqueId());
      for (const client of clients) {
        expect(client.isServer()).toBe(false);
        expect(client.getConnectionStatus()).toBe(ConnectionStatus.CONNECTED);
      }
      for (const id of ids) {
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThanOrEqual(2);
        expect(id).toBeLessThanOrEqual(2 ** 31 - 1);
      }
      expect(new Set(ids).size).toBe(3);
      expect(server.isServerRelaySupported()).toBe(caps.serverRelay);
    });

    it('peerConnected: the server reports the client\'s id, the client reports the server (1)', async () => {
      const server = await startServer();
      const onServer: number[] = [];
      server.on('peerConnected', (id: number) => onServer.push(id));
      const client = await startClient(server);
      const onClient: number[] = [];
      client.on('peerConnected', (id: number) => onClient.push(id));
      await until(() => connected(client) && onServer.length === 1, 'both sides connecting');
      expect(onServer).toEqual([client.getUniqueId()]);
      expect(onClient).toEqual([1]);
    });

    it('client → server: packets are attributed to their sender, getPacketPeer/Channel/Mode describe the next one', async () => {
      const { server, clients } = await network(2);
      const [first, second] = clients as [AnyMultiplayerPeer, AnyMultiplayerPeer];
      first.setTargetPeer(1);
      second.setTargetPeer(1);
      expect(first.putPacket(Uint8Array.of(1))).toBe(ErrorCode.OK);
      await until(() => server.getAvailablePacketCount() === 1, 'the first packet arriving');
      expect(second.putPacket(Uint8Array.of(2))).toBe(ErrorCode.OK);
      await until(() => server.getAvailablePacketCount() === 2, 'the second packet arriving');
      expect(server.getPacketPeer()).toBe(first.getUniqueId());
      expect(server.getPacketChannel()).toBe(0);
      expect(server.getPacketMode()).toBe(TransferMode.RELIABLE);
      expect(server.getPacket()).toEqual(Uint8Array.of(1));
      expect(server.getPacketPeer()).toBe(second.getUniqueId());
      expect(server.getPacket()).toEqual(Uint8Array.of(2));
      expect(server.getAvailablePacketCount()).toBe(0);
    });

    it('server → client: packets come from peer 1', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      server.setTargetPeer(client.getUniqueId());
      expect(server.putPacket(Uint8Array.of(7, 8))).toBe(ErrorCode.OK);
      const { from, data } = await receive(client);
      expect(from).toBe(1);
      expect(data).toEqual(Uint8Array.of(7, 8));
    });

    it('targets: one peer, everyone (0), everyone but one (-id)', async () => {
      const { server, clients } = await network(3);
      const [a, b, c] = clients as [AnyMultiplayerPeer, AnyMultiplayerPeer, AnyMultiplayerPeer];
      server.setTargetPeer(b.getUniqueId());
      expect(server.putPacket(Uint8Array.of(1))).toBe(ErrorCode.OK);
      server.setTargetPeer(-a.getUniqueId());
      expect(server.putPacket(Uint8Array.of(2))).toBe(ErrorCode.OK);
      server.setTargetPeer(0);
      expect(server.putPacket(Uint8Array.of(3))).toBe(ErrorCode.OK);
      const firsts = async (peer: AnyMultiplayerPeer, count: number): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i < count; i++) out.push((await receive(peer)).data[0] as number);
        return out;
      };
      const got = [await firsts(a, 1), await firsts(b, 3), await firsts(c, 2)];
      if (caps.reliableOrdered) {
        expect(got).toEqual([[3], [1, 2, 3], [2, 3]]);
      } else {
        expect(got.map((list) => [...list].sort())).toEqual([[3], [1, 2, 3], [2, 3]]);
      }
    });

    it('an unknown target on the server is ERR_INVALID_PARAMETER', async () => {
      const { server } = await network(1);
      server.setTargetPeer(424242);
      expect(server.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    });

    it('putVar/getVar both ways', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      const value: VariantLike = new Dictionary([['pos', new Vector2(1.5, -2)], ['name', 'p1'], ['hp', 100]]);
      client.setTargetPeer(1);
      expect(client.putVar(value)).toBe(ErrorCode.OK);
      await until(() => server.getAvailablePacketCount() > 0, 'the Variant arriving');
      expect(server.getVar()).toEqual(value);
      server.setTargetPeer(client.getUniqueId());
      expect(server.putVar(['back', 2])).toBe(ErrorCode.OK);
      await until(() => client.getAvailablePacketCount() > 0, 'the answer arriving');
      expect(client.getVar()).toEqual(['back', 2]);
    });

    it('carries the largest packet both ways', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      expect(client.getMaxPacketSize()).toBeGreaterThanOrEqual(caps.maxPacketSize);
      const big = pattern(caps.maxPacketSize, 1);
      client.setTargetPeer(1);
      expect(client.putPacket(big)).toBe(ErrorCode.OK);
      expect((await receive(server)).data).toEqual(big);
      server.setTargetPeer(client.getUniqueId());
      expect(server.putPacket(big)).toBe(ErrorCode.OK);
      expect((await receive(client)).data).toEqual(big);
    });

    itWhen(caps.reliableOrdered, `${harness.name} does not guarantee delivery and order`)('delivers 100 packets in order both ways', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      client.setTargetPeer(1);
      server.setTargetPeer(client.getUniqueId());
      for (let i = 0; i < 100; i++) {
        expect(client.putPacket(pattern(1 + i * 7, i))).toBe(ErrorCode.OK);
        expect(server.putPacket(pattern(1 + i * 5, i))).toBe(ErrorCode.OK);
      }
      for (let i = 0; i < 100; i++) {
        expect((await receive(server)).data).toEqual(pattern(1 + i * 7, i));
        expect((await receive(client)).data).toEqual(pattern(1 + i * 5, i));
      }
    });

    for (const mode of [TransferMode.UNRELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.RELIABLE]) {
      const name = MODE_NAMES[mode];
      const guarantees = modes[mode];
      const { reliable, ordered } = guarantees ?? { reliable: false, ordered: false };
      const whyNot = (lacking: string): string => (guarantees === undefined ? undeclared(`what ${name} guarantees`) : lacking && `${harness.name} ${lacking}`);

      itWhen(reliable && ordered, whyNot(`does not guarantee ${reliable ? 'order' : 'delivery'} in ${name}`))(
        `${name}: a burst of 50 packets arrives complete and in order`,
        async () => {
          const { server, clients } = await network(1);
          const [client] = clients as [AnyMultiplayerPeer];
          client.setTargetPeer(1);
          client.transferMode = mode;
          for (let i = 0; i < 50; i++) expect(client.putPacket(pattern(1 + i, i))).toBe(ErrorCode.OK);
          for (let i = 0; i < 50; i++) {
            const { data } = await receive(server);
            expect(data).toEqual(pattern(1 + i, i));
          }
        },
      );

      itWhen(ordered, whyNot(`may reorder in ${name}`))(
        `${name}: what arrives of a burst arrives in order`,
        async () => {
          const { server, clients } = await network(1);
          const [client] = clients as [AnyMultiplayerPeer];
          client.setTargetPeer(1);
          client.transferMode = mode;
          for (let i = 0; i < 50; i++) client.putPacket(Uint8Array.of(i));
          expect(client.putPacket(Uint8Array.of(200))).toBe(ErrorCode.OK);
          const seen: number[] = [];
          await until(() => {
            while (server.getAvailablePacketCount() > 0) seen.push(server.getPacket()[0] as number);
            return seen.length > 0 && seen[seen.length - 1] === 200;
          }, 'the last packet', timeoutMs).catch(() => undefined);
          expect(seen.length).toBeGreaterThan(0);
          expect([...seen].sort((x, y) => x - y)).toEqual(seen);
        },
      );

      itWhen(guarantees !== undefined && reports !== undefined, whyNot('') || undeclared('what getPacketMode reports'))(
        `${name}: getPacketMode ${reports === true ? 'reports the sender\'s mode' : 'reports RELIABLE, as Godot\'s WebSocket'}`,
        async () => {
          const { server, clients } = await network(1);
          const [client] = clients as [AnyMultiplayerPeer];
          client.setTargetPeer(1);
          client.transferMode = mode;
          // An unreliable mode may lose a packet: send until one arrives.
          await until(() => {
            client.putPacket(Uint8Array.of(mode));
            return server.getAvailablePacketCount() > 0;
          }, `a ${name} packet`);
          expect(server.getPacketMode()).toBe(reports === true ? mode : TransferMode.RELIABLE);
          expect(server.getPacket()).toEqual(Uint8Array.of(mode));
        },
      );
    }

    const channelCount = channels ?? 0;
    itWhen(channelCount > 1 && reports !== undefined, channels === undefined ? undeclared('its channels') : `${harness.name} has one channel`)(
      'channels: packets arrive on the channel they were sent on, each in order',
      async () => {
        const { server, clients } = await network(1);
        const [client] = clients as [AnyMultiplayerPeer];
        client.setTargetPeer(1);
        client.transferMode = TransferMode.RELIABLE;
        const used = [0, 1, channelCount - 1];
        for (let i = 0; i < 30; i++) {
          client.transferChannel = used[i % 3] as number;
          expect(client.putPacket(Uint8Array.of(i))).toBe(ErrorCode.OK);
        }
        const byChannel = new Map<number, number[]>();
        for (let i = 0; i < 30; i++) {
          await until(() => server.getAvailablePacketCount() > 0, 'a packet');
          const channel = server.getPacketChannel();
          const list = byChannel.get(channel) ?? [];
          list.push(server.getPacket()[0] as number);
          byChannel.set(channel, list);
        }
        if (reports === true) {
          for (const [index, channel] of used.entries()) {
            expect(byChannel.get(channel)).toEqual(Array.from({ length: 10 }, (_, k) => index + 3 * k));
          }
        } else {
          expect([...byChannel.keys()]).toEqual([0]);
        }
      },
    );

    itWhen(channels === 1 && reports === false, channels === undefined ? undeclared('its channels') : `${harness.name} has channels of its own`)(
      'one channel: packets sent on any transferChannel arrive, on channel 0',
      async () => {
        const { server, clients } = await network(1);
        const [client] = clients as [AnyMultiplayerPeer];
        client.setTargetPeer(1);
        client.transferChannel = 5;
        expect(client.putPacket(Uint8Array.of(5))).toBe(ErrorCode.OK);
        const { data } = await receive(server);
        expect(data).toEqual(Uint8Array.of(5));
        expect(server.getPacketChannel()).toBe(0);
      },
    );

    it('a peer that was never started: DISCONNECTED, id 0, putPacket ERR_UNCONFIGURED', () => {
      const idle = track(harness.createIdle());
      expect(idle.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
      expect(idle.getUniqueId()).toBe(0);
      expect(idle.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
      expect(idle.getAvailablePacketCount()).toBe(0);
      idle.getPacket();
      expect(idle.getPacketError()).not.toBe(ErrorCode.OK);
    });

    it('transferMode and transferChannel: Godot\'s defaults, invalid values refused', () => {
      const idle = track(harness.createIdle());
      expect(idle.transferMode).toBe(TransferMode.RELIABLE);
      expect(idle.transferChannel).toBe(0);
      expect(idle.refuseNewConnections).toBe(false);
      expect(() => (idle.transferChannel = 256)).toThrow(GodotError);
      expect(() => (idle.transferMode = 3 as TransferMode)).toThrow(GodotError);
      idle.transferMode = TransferMode.UNRELIABLE;
      expect(idle.transferMode).toBe(TransferMode.UNRELIABLE);
    });

    it('a client leaving: the server reports peerDisconnected(id) and forgets it; the others stay', async () => {
      const { server, clients } = await network(2);
      const [leaving, staying] = clients as [AnyMultiplayerPeer, AnyMultiplayerPeer];
      const gone: number[] = [];
      server.on('peerDisconnected', (id: number) => gone.push(id));
      const id = leaving.getUniqueId();
      leaving.close();
      await until(() => gone.length === 1, 'the server noticing the client leaving');
      expect(gone).toEqual([id]);
      server.setTargetPeer(id);
      expect(server.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
      server.setTargetPeer(staying.getUniqueId());
      expect(server.putPacket(Uint8Array.of(2))).toBe(ErrorCode.OK);
      expect((await receive(staying)).data).toEqual(Uint8Array.of(2));
    });

    it('disconnectPeer(id): both sides report the disconnection', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      const onServer: number[] = [];
      const onClient: number[] = [];
      server.on('peerDisconnected', (id: number) => onServer.push(id));
      client.on('peerDisconnected', (id: number) => onClient.push(id));
      const id = client.getUniqueId();
      server.disconnectPeer(id);
      await until(() => onServer.length === 1 && onClient.length === 1, 'both sides noticing');
      expect(onServer).toEqual([id]);
      expect(onClient).toEqual([1]);
      await until(() => client.getConnectionStatus() === ConnectionStatus.DISCONNECTED, 'the client becoming DISCONNECTED');
    });

    it('disconnectPeer(id, true) forgets the peer at once', async () => {
      const { server, clients } = await network(1);
      const [client] = clients as [AnyMultiplayerPeer];
      server.disconnectPeer(client.getUniqueId(), true);
      server.setTargetPeer(client.getUniqueId());
      expect(server.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    });

    it('refuseNewConnections keeps new clients out until it is lifted', async () => {
      const { server } = await network(1);
      const joined: number[] = [];
      server.on('peerConnected', (id: number) => joined.push(id));
      server.refuseNewConnections = true;
      expect(server.refuseNewConnections).toBe(true);
      const refused = await startClient(server);
      const watchMs = caps.refusalWaitMs ?? 500;
      if (caps.refusedClientsSeeConnected === true) {
        await until(() => connected(refused), 'the refused client finishing its handshake');
        refused.setTargetPeer(1);
        refused.putPacket(Uint8Array.of(9));
        await expect(until(() => server.getAvailablePacketCount() > 0, 'a packet from a refused client', watchMs)).rejects.toThrow(/timed out/);
      } else {
        await expect(until(() => connected(refused), 'a refused client connecting', watchMs)).rejects.toThrow(/timed out/);
      }
      expect(joined).toEqual([]);
      server.refuseNewConnections = false;
      const welcome = await joinClient(server);
      await until(() => joined.length === 1, 'the server seeing the new client');
      expect(joined).toEqual([welcome.getUniqueId()]);
    });

    it('closing the server disconnects every client', async () => {
      const { server, clients } = await network(2);
      const seen = new Map<AnyMultiplayerPeer, number[]>();
      for (const client of clients) {
        const list: number[] = [];
        seen.set(client, list);
        client.on('peerDisconnected', (id: number) => list.push(id));
      }
      server.close();
      expect(server.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
      await until(() => clients.every((c) => c.getConnectionStatus() === ConnectionStatus.DISCONNECTED), 'every client disconnecting');
      for (const list of seen.values()) expect(list).toEqual([1]);
    });
  });
}
