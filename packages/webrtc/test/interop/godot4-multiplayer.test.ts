/**
 * Godot 4.6 (official web build, in headless Chromium) as WebRTCMultiplayerPeer clients with a
 * custom channels_config, joining our Node.js WebRTCMultiplayerPeer server through our signalling
 * server and the demo's own client scripts. Over loopback only: Chromium runs with the WebRTC
 * loopback flags, our connections bind 127.0.0.1, and the signalling relays only 127.0.0.1
 * candidates (a browser's host candidates moved to 127.0.0.1, where its sockets listen too).
 */
import {
  Dictionary, ErrorCode, TransferMode, bytesToVar, variantTypeName, varToBytes, type VariantLike, type VariantType,
} from '@pp/core';
import { GODOT4_VALUES, until, withTimeout } from '@pp/conformance/testing';
import { enableWebRtcLoopback, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import type { LobbyMultiplayer } from '../../src/index.js';
import { finish, loopbackSignaling, nodeLobbyPeer, startScript } from './support.js';

const CHANNELS = [TransferMode.UNRELIABLE_ORDERED, TransferMode.RELIABLE, TransferMode.UNRELIABLE];
const MODE_OF_CHANNEL = [TransferMode.RELIABLE, ...CHANNELS];

const cmd = (name: string, extra: Array<[string, VariantLike]> = []): Dictionary => new Dictionary([['cmd', name], ...extra]);

/** The id each Godot run reports once it is connected. */
async function godotIds(handles: GodotHandle[]): Promise<number[]> {
  return Promise.all(handles.map(async (handle) => Number(await handle.waitForTag('id', 40_000))));
}

describeWithGodot4('Godot 4.6 WebRTCMultiplayerPeer clients and our server', () => {
  beforeAll(() => enableWebRtcLoopback());

  it('custom channels, every Variant type both ways on each channel, channel and mode on both sides, broadcast and exclude', async () => {
    const { server: signaling, url } = await loopbackSignaling();
    const host: LobbyMultiplayer = nodeLobbyPeer({ channelsConfig: CHANNELS });
    const handles: GodotHandle[] = [];
    try {
      host.start(url, '', false);
      const lobby = await withTimeout(new Promise<string>((resolve) => host.once('lobbyJoined', resolve)), 5000, 'the lobby');
      const mp = host.multiplayer;
      for (let i = 0; i < 2; i++) handles.push(await startScript('mp_client.gd', { URL: url, LOBBY: lobby, MESH: 'false' }));
      const ids = await godotIds(handles);
      await until(() => ids.every((id) => mp.getPeer(id)?.connected === true), 'our server seeing both Godot clients', 20_000);
      const [first, second] = ids as [number, number];
      const [godot] = handles as [GodotHandle, GodotHandle];

      // Godot's own view of the channels (label|id|ordered|lifetime|retransmits|negotiated): our
      // layout, and no partial reliability on any: Chromium ignores Godot's "maxPacketLifetime"
      // key, its maxPacketLifeTime stays null, which Godot's web build reads as 0.
      expect(godot.output.taggedText('channel')).toEqual([
        'reliable|1|true|0|0|true', 'ordered|2|true|0|0|true', 'unreliable|3|false|0|0|true',
        '4|4|true|0|0|true', '5|5|true|0|0|true', '6|6|false|0|0|true',
      ]);

      // Every value on the reliable channel and on each custom channel; two modes of channel 0 too.
      const sends: Array<[number, TransferMode]> = [[0, TransferMode.RELIABLE], [1, TransferMode.RELIABLE], [2, TransferMode.RELIABLE], [3, TransferMode.RELIABLE]];
      mp.setTargetPeer(first);
      for (const [channel, mode] of sends) {
        mp.transferChannel = channel;
        mp.transferMode = mode;
        for (const [, value] of GODOT4_VALUES) expect(mp.putVar(value)).toBe(ErrorCode.OK);
      }
      for (const mode of [TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE]) {
        mp.transferChannel = 0;
        mp.transferMode = mode;
        mp.putVar(`mode ${mode}`);
      }
      const total = sends.length * GODOT4_VALUES.length + 2;
      const echoes: Array<{ channel: number; mode: TransferMode; peer: number; bytes: Uint8Array }> = [];
      await until(() => {
        while (mp.getAvailablePacketCount() > 0) {
          const info = { channel: mp.getPacketChannel(), mode: mp.getPacketMode(), peer: mp.getPacketPeer() };
          echoes.push({ ...info, bytes: mp.getPacket() });
        }
        return echoes.length >= total;
      }, 'every echo', 30_000);
      await until(() => godot.output.tagged('got').length >= total, 'Godot\'s reports', 10_000);
      const got = godot.output.tagged('got').map((payload) => payload.split('|').map(Number));
      expect(got).toHaveLength(total);
      // What Godot saw: from peer 1, on our channel, with the channel's mode (channel 0: the mode sent).
      for (const [peer] of got) expect(peer).toBe(1);
      for (const channel of [1, 2, 3]) {
        const here = got.filter(([, c]) => c === channel);
        expect(here).toHaveLength(GODOT4_VALUES.length);
        expect(new Set(here.map(([, , mode]) => mode))).toEqual(new Set([MODE_OF_CHANNEL[channel]]));
      }
      const onZero = got.filter(([, c]) => c === 0);
      expect(onZero.filter(([, , mode]) => mode === TransferMode.RELIABLE)).toHaveLength(GODOT4_VALUES.length);
      expect(onZero.filter(([, , mode]) => mode !== TransferMode.RELIABLE).map(([, , mode]) => mode).sort()).toEqual([0, 1]);
      const typeNames = got.map(([, , , type]) => variantTypeName(type as VariantType));
      for (const [name] of GODOT4_VALUES) expect(typeNames.filter((t) => t === name).length).toBeGreaterThanOrEqual(4);
      // What we saw of Godot's put_var: same channel and mode back, and the value we sent.
      for (const [channel] of sends) {
        const back = echoes.filter((e) => e.channel === channel && (channel !== 0 || e.mode === TransferMode.RELIABLE));
        expect(back).toHaveLength(GODOT4_VALUES.length);
        for (const echo of back) {
          expect(echo.peer).toBe(first);
          expect(echo.mode).toBe(MODE_OF_CHANNEL[channel]);
        }
        // Godot's put_var of what its get_var made of ours gives our bytes back (an object id
        // aside: Godot sends the id of its own EncodedObjectAsID instance).
        const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
        const sent = GODOT4_VALUES.filter(([type]) => type !== 'Object').map(([, value]) => hex(varToBytes(value))).sort();
        const received = back.map((echo) => hex(echo.bytes)).filter((bytes) => !bytes.startsWith('18000')).sort();
        expect(received).toEqual(sent);
      }
      expect(echoes.filter((e) => e.channel === 0 && e.mode !== TransferMode.RELIABLE).map((e) => bytesToVar(e.bytes)).sort())
        .toEqual(['mode 0', 'mode 1']);

      // Values Godot makes itself, on every channel.
      mp.transferChannel = 0;
      mp.transferMode = TransferMode.RELIABLE;
      mp.putVar(cmd('originate'));
      const originated: Array<[number, VariantLike]> = [];
      await until(() => {
        while (mp.getAvailablePacketCount() > 0) {
          const channel = mp.getPacketChannel();
          originated.push([channel, mp.getVar()]);
        }
        return originated.length === 20;
      }, 'Godot\'s own values', 20_000);
      for (let channel = 0; channel < 4; channel++) {
        const values = originated.filter(([c]) => c === channel).map(([, v]) => Buffer.from(varToBytes(v)).toString('hex')).sort();
        expect(values).toHaveLength(5);
      }
      expect(originated.map(([, v]) => v)).toContainEqual(new Dictionary([['godot', true], ['n', 4]]));

      // Broadcast reaches both; -first reaches all but first.
      mp.setTargetPeer(0);
      mp.putVar(cmd('say', [['text', 'to everyone']]));
      mp.setTargetPeer(-first);
      mp.putVar(cmd('say', [['text', 'not to the first']]));
      mp.setTargetPeer(second);
      mp.putVar(cmd('say', [['text', 'only to the second']]));
      for (let i = 0; i < 3; i++) await handles[1]?.waitForTag('heard', 20_000);
      mp.setTargetPeer(0);
      mp.putVar(cmd('done'));
      const runs = await Promise.all(handles.map((handle) => handle.finished));
      expect(runs[0]?.taggedText('heard')).toEqual(['to everyone']);
      expect(runs[1]?.taggedText('heard')).toEqual(['to everyone', 'not to the first', 'only to the second']);
    } catch (error) {
      await finish(handles, error);
      throw error;
    } finally {
      host.stop();
      await signaling.close();
    }
  }, 150_000);

  it('the message-size trap: the web build receives at most 65530 bytes per message, so do we by default', async () => {
    const { server: signaling, url } = await loopbackSignaling();
    const host: LobbyMultiplayer = nodeLobbyPeer();
    const handles: GodotHandle[] = [];
    try {
      host.start(url, '', false);
      const lobby = await withTimeout(new Promise<string>((resolve) => host.once('lobbyJoined', resolve)), 5000, 'the lobby');
      const mp = host.multiplayer;
      const godot = await startScript('mp_client.gd', { URL: url, LOBBY: lobby, MESH: 'false' });
      handles.push(godot);
      const [id] = await godotIds(handles);
      await until(() => mp.getPeer(id as number)?.connected === true, 'the Godot client connecting', 20_000);
      // Both are below the 262144 bytes of Chromium's a=max-message-size: the sender accepts them.
      mp.setTargetPeer(id as number);
      for (const size of [70_000, 65_530, 65_531]) expect(mp.putPacket(new Uint8Array(size))).toBe(ErrorCode.OK);
      // Until Godot reads the 65530 bytes its ring is full, and would drop our next messages too.
      expect(await godot.waitForTag('got', 20_000)).toBe('1|0|2|0|65530');
      // The other way: Godot's put_var of 65520 and 65524 bytes makes 65528- and 65532-byte messages.
      const errors: string[] = [];
      mp.on('error', (error) => errors.push(error.message));
      mp.putVar(cmd('send_big', [['size', 65_524]]));
      mp.putVar(cmd('send_big', [['size', 65_520]]));
      const values: VariantLike[] = [];
      await until(() => {
        while (mp.getAvailablePacketCount() > 0) values.push(mp.getVar());
        return values.length === 2 && errors.length > 0;
      }, 'Godot\'s messages', 20_000);
      // Godot's echo of the 65530 zero bytes it decoded as a Nil, then its own 65528-byte message.
      expect(values[0]).toBeNull();
      expect((values[1] as Uint8Array).length).toBe(65_520);
      expect(errors[0]).toMatch(/dropped a 65532-byte message/);
      mp.putVar(cmd('done'));
      const run = await godot.finished;
      // Only the 65530-byte message reached Godot's script (zeros: a Nil); its ring dropped the others.
      expect(run.tagged('got')).toEqual(['1|0|2|0|65530']);
      expect(run.tagged('sent_big')).toEqual(['0', '0']);
      expect(run.log.filter((entry) => /Buffer full! Dropping data/.test(entry.message))).toHaveLength(2);
    } catch (error) {
      await finish(handles, error);
      throw error;
    } finally {
      host.stop();
      await signaling.close();
    }
  }, 120_000);
});
