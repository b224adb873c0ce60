/**
 * ENetMultiplayerPeer's Godot 4 rules judged by C libenet, both roles: the C peer plays a Godot 4
 * client (id in CONNECT data, `channel_count + 2` or 255 channels, the transfer-mode table) or a
 * Godot 4 server (accepts, sends by the same table), and checks what arrives on which ENet
 * channel with which flags.
 */
import { ConnectionStatus, ErrorCode, TransferMode } from '@pp/core';
import { cenetAvailability, cenetPattern, fnv1a, shutdownCENet, startCENetPeer, type CENetPeer } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { until } from '@pp/conformance/testing';
import { afterEach, expect, it } from 'vitest';
import { ENetMultiplayerPeer } from '../../src/index.js';
import { expectBytes } from '../support/bytes.js';

describeWithPeer('ENetMultiplayerPeer (Godot 4 rules) vs C libenet', cenetAvailability(), shutdownCENet, () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function cClient(port: number, id: number, channels = 255): Promise<CENetPeer> {
    const { peer } = await startCENetPeer(['--client', '127.0.0.1', String(port), '--channels', String(channels), '--data', String(id)]);
    cleanup.push(() => peer.stop());
    return peer;
  }

  function ourServer(maxChannels = 3): ENetMultiplayerPeer {
    const server = new ENetMultiplayerPeer();
    server.setBindIp('127.0.0.1');
    expect(server.createServer(0, 8, maxChannels)).toBe(ErrorCode.OK);
    cleanup.push(() => server.close());
    return server;
  }

  it('our server: ids from CONNECT data; packets by mode and channel map to ENet channels and flags, both ways', async () => {
    const server = ourServer(3);
    const joined: number[] = [];
    server.on('peerConnected', (id) => joined.push(id));
    const c = await cClient(server.host!.getLocalPort(), 777, 5);
    await until(() => joined.length === 1, 'the C client joining');
    expect(joined).toEqual([777]);
    // ENet drops unreliable packets when an RTT sample runs above its mean, which a loaded CI
    // machine produces; a deceleration of 0 keeps the throttle at its full 32 of 32, so every
    // unreliable packet below is sent and the test judges only the mapping.
    server.getPeer(777)!.throttleConfigure(5000, 2, 0);
    const connect = await c.next('CONNECT');
    expect(connect.words[3]).toBe('5'); // min(client's 5, server's 3 + 2)

    // C → us: (ENet channel, flags) → (getPacketChannel, getPacketMode).
    const cases = [[0, 1, 0, TransferMode.RELIABLE], [1, 8, 0, TransferMode.UNRELIABLE_ORDERED], [1, 10, 0, TransferMode.UNRELIABLE],
      [2, 1, 1, TransferMode.RELIABLE], [4, 10, 3, TransferMode.UNRELIABLE], [3, 0, 2, TransferMode.UNRELIABLE_ORDERED]] as const;
    for (const [i, [channel, flags]] of cases.entries()) {
      c.command(`send 0 ${channel} ${flags} ${20 + i} ${i}`);
      await c.next('SENT');
      await until(() => server.getAvailablePacketCount() > 0, 'the packet');
      expect([server.getPacketPeer(), server.getPacketChannel(), server.getPacketMode()]).toEqual([777, cases[i]![2], cases[i]![3]]);
      expectBytes(server.getPacket(), cenetPattern(20 + i, i));
    }

    // Us → C: each mode on channels 0 … 3.
    server.setTargetPeer(777);
    const expected: Array<[number, number]> = [];
    for (const channel of [0, 1, 2, 3]) {
      for (const mode of [TransferMode.RELIABLE, TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE]) {
        server.transferChannel = channel;
        server.transferMode = mode;
        expect(server.putPacket(Uint8Array.of(channel, mode))).toBe(ErrorCode.OK);
        // Sent with flags 10 / 8 / 1; a small packet then travels as SEND_UNSEQUENCED /
        // SEND_UNRELIABLE / SEND_RELIABLE, which the receiver sees as flags 2 / 0 / 1.
        expected.push([channel === 0 ? (mode === TransferMode.RELIABLE ? 0 : 1) : channel + 1, [2, 0, 1][mode]!]);
      }
    }
    const lines = await c.count('RECEIVE', expected.length);
    const got = lines.map((line) => [Number(line.words[2]), Number(line.words[3]), line.words[6]] as const);
    for (const [channel, flags, hex] of got) {
      const [sentChannel, mode] = Buffer.from(hex!, 'hex');
      const index = sentChannel! * 3 + [2, 1, 0].indexOf(mode!);
      expect([channel, flags]).toEqual(expected[index]);
    }
    // A large UNRELIABLE packet travels as sequenced unreliable fragments.
    server.transferChannel = 0;
    server.transferMode = TransferMode.UNRELIABLE;
    server.putPacket(cenetPattern(5000, 1));
    const big = (await c.count('RECEIVE', expected.length + 1)).at(-1)!;
    expect(big.words.slice(2, 6)).toEqual(['1', '8', '5000', fnv1a(cenetPattern(5000, 1))]);
  });

  it('our server resets invalid (< 2), duplicate and refused ids silently; the C client believes it connected', async () => {
    const server = ourServer();
    const joined: number[] = [];
    server.on('peerConnected', (id) => joined.push(id));
    const port = server.host!.getLocalPort();
    for (const id of [0, 1]) {
      const c = await cClient(port, id);
      await c.next('CONNECT'); // the handshake completes: Godot resets afterwards, without a word
    }
    const first = await cClient(port, 5000);
    await first.next('CONNECT');
    await until(() => joined.includes(5000), 'the first client');
    const duplicate = await cClient(port, 5000);
    await duplicate.next('CONNECT');
    server.refuseNewConnections = true;
    const refused = await cClient(port, 6000);
    await refused.next('CONNECT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(joined).toEqual([5000]);
    // The reset clients' packets go nowhere; the accepted one's arrive.
    duplicate.command('send 0 0 1 10 1');
    refused.command('send 0 0 1 10 2');
    first.command('send 0 0 1 10 3');
    await until(() => server.getAvailablePacketCount() > 0, 'the accepted client\'s packet');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.getAvailablePacketCount()).toBe(1);
    expectBytes(server.getPacket(), cenetPattern(10, 3));
  });

  it("our client against a C server playing Godot 4's: id in CONNECT data, 255 channels, the mapping both ways", async () => {
    const { peer: c, port } = await startCENetPeer(['--server', '0', '--channels', '255']);
    cleanup.push(() => c.stop());
    const client = new ENetMultiplayerPeer();
    cleanup.push(() => client.close());
    expect(client.createClient('127.0.0.1', port)).toBe(ErrorCode.OK);
    expect(client.getConnectionStatus()).toBe(ConnectionStatus.CONNECTING);
    const connect = await c.next('CONNECT');
    expect(Number(connect.words[2])).toBe(client.getUniqueId());
    expect(connect.words[3]).toBe('255');
    await until(() => client.getConnectionStatus() === ConnectionStatus.CONNECTED, 'connected');
    client.setTargetPeer(1);
    client.transferMode = TransferMode.UNRELIABLE_ORDERED;
    client.transferChannel = 2;
    client.putPacket(Uint8Array.of(1, 2, 3));
    const line = await c.next('RECEIVE');
    expect(line.words.slice(2, 4)).toEqual(['3', '0']); // ENet channel 2 + 1, a plain SEND_UNRELIABLE
    c.command('send 0 5 2 30 9'); // ENet channel 5, UNSEQUENCED
    await until(() => client.getAvailablePacketCount() > 0, 'the packet from C');
    expect([client.getPacketPeer(), client.getPacketChannel(), client.getPacketMode()]).toEqual([1, 4, TransferMode.UNRELIABLE]);
    c.command('disconnect 0 0');
    await until(() => client.getConnectionStatus() === ConnectionStatus.DISCONNECTED, 'the server disconnecting us');
  });
});
