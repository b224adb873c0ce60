/**
 * Godot's configuration and channel dictionaries, read as Godot reads them; the enums and the
 * methods checked against Godot 4.6's own ClassDB (the committed dump in @pp/interop).
 */
import { ErrorCode, GodotError } from '@pp/core';
import { godot4ClassDb } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import { readChannelOptions } from '../../src/channel-options.js';
import { parseIceServerUrl, readConfiguration } from '../../src/configuration.js';
import { channelBufferBytes } from '../../src/webrtc-data-channel.js';
import {
  ChannelState, ConnectionState, GatheringState, SignalingState, WebRTCDataChannel, WebRTCPeerConnection, WriteMode,
} from '../../src/index.js';

const classDb = godot4ClassDb();
const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('configuration', () => {
  it('reads iceServers with urls as a string or a list, username and credential', () => {
    const settings = readConfiguration({
      iceServers: [
        { urls: 'stun:stun.example.test' },
        { urls: ['turn:[::1]:3479?transport=tcp', 'turns:relay.example.test'], username: 'u', credential: 'p' },
      ],
    });
    expect(settings.iceServerUrls).toEqual([
      { kind: 'stun', transport: 'udp', hostname: 'stun.example.test', port: 3478, username: '', credential: '', url: 'stun:stun.example.test' },
      { kind: 'turn', transport: 'tcp', hostname: '::1', port: 3479, username: 'u', credential: 'p', url: 'turn:[::1]:3479?transport=tcp' },
      { kind: 'turn', transport: 'tls', hostname: 'relay.example.test', port: 5349, username: 'u', credential: 'p', url: 'turns:relay.example.test' },
    ]);
    expect(settings.iceServers[1]).toEqual({ urls: ['turn:[::1]:3479?transport=tcp', 'turns:relay.example.test'], username: 'u', credential: 'p' });
  });

  it('takes the Node.js settings at the top level or under "libdatachannel" (top level wins)', () => {
    const settings = readConfiguration({
      bindAddress: '127.0.0.1',
      portRangeBegin: 40000,
      libdatachannel: { portRangeBegin: 1, portRangeEnd: 40010, enableIceUdpMux: true, mtu: 1200 },
      maxMessageSize: 1 << 20,
    });
    expect(settings).toMatchObject({
      bindAddress: '127.0.0.1', portRangeBegin: 40000, portRangeEnd: 40010, enableIceUdpMux: true, enableIceTcp: false,
      mtu: 1200, maxMessageSize: 1 << 20,
    });
    expect(readConfiguration({}).maxMessageSize).toBe(262144);
  });

  it.each([
    [{ iceServers: {} }, /must be an array/],
    [{ iceServers: ['stun:x'] }, /must be a dictionary/],
    [{ iceServers: [{}] }, /urls must be/],
    [{ iceServers: [{ urls: [] }] }, /urls must be/],
    [{ iceServers: [{ urls: 'http://x' }] }, /not a stun:/],
    [{ iceServers: [{ urls: 'stuns:x' }] }, /not supported/],
    [{ iceServers: [{ urls: 'stun:x:70000' }] }, /port out of range/],
    [{ portRangeBegin: 0 }, /"portRangeBegin" must be an integer in 1 … 65535/],
    [{ portRangeBegin: 5000, portRangeEnd: 4000 }, /above/],
    [{ enableIceUdpMux: 'yes' }, /true or false/],
    [{ maxMessageSize: 10 }, /maxMessageSize/],
    [{ bindAddress: '' }, /bindAddress/],
    [{ libdatachannel: [] }, /dictionary/],
  ])('refuses %j', (configuration, message) => {
    expect(() => readConfiguration(configuration as never)).toThrow(message);
    const pc = new WebRTCPeerConnection();
    expect(pc.initialize(configuration as never)).toBe(ErrorCode.FAILED);
    expect(pc.lastError?.message).toMatch(message);
    pc.close();
  });

  it('parses STUN/TURN URLs as libdatachannel does', () => {
    expect(parseIceServerUrl('STUN:10.0.0.1:19302')).toMatchObject({ kind: 'stun', hostname: '10.0.0.1', port: 19302 });
    expect(parseIceServerUrl('turn:h?transport=udp')).toMatchObject({ kind: 'turn', transport: 'udp', port: 3478 });
    expect(() => parseIceServerUrl('stun:h?transport=tcp')).toThrow(GodotError);
  });
});

describe('data channel options', () => {
  it('has Godot\'s defaults and keys', () => {
    expect(readChannelOptions()).toEqual({
      negotiated: false, id: undefined, ordered: true, maxPacketLifeTime: undefined, maxRetransmits: undefined, protocol: '',
    });
    expect(readChannelOptions({ negotiated: true, id: 4, ordered: false, maxPacketLifeTime: 1, protocol: 'p' })).toEqual({
      negotiated: true, id: 4, ordered: false, maxPacketLifeTime: 1, maxRetransmits: undefined, protocol: 'p',
    });
  });

  it('ignores unknown keys as Godot does: "maxPacketLifetime" (lower-case t) gives a reliable channel', () => {
    expect(readChannelOptions({ negotiated: true, id: 2, maxPacketLifetime: 1 } as never).maxPacketLifeTime).toBeUndefined();
  });

  it.each([
    [{ negotiated: true }, /needs an "id"/],
    [{ id: 1 }, /only a negotiated channel/],
    [{ negotiated: true, id: 65535 }, /"id" must be/],
    [{ maxPacketLifeTime: 1, maxRetransmits: 1 }, /exclude each other/],
    [{ maxRetransmits: -1 }, /maxRetransmits/],
    [{ ordered: 1 }, /"ordered"/],
    [{ protocol: 3 }, /"protocol"/],
  ])('refuses %j with ERR_INVALID_PARAMETER', (options, message) => {
    expect(() => readChannelOptions(options as never)).toThrow(message);
    try {
      readChannelOptions(options as never);
    } catch (error) {
      expect((error as GodotError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    }
  });

  it('sizes the receive buffer as Godot: 2^(nearest_shift(kb - 1) + 10) bytes, one kept free', () => {
    expect(channelBufferBytes(64)).toBe(65535);
    expect(channelBufferBytes(65)).toBe(131071);
    expect(channelBufferBytes(1)).toBe(1023);
    expect(channelBufferBytes(1024)).toBe(1048575);
  });
});

describe('Godot 4.6 ClassDB', () => {
  it('enums have Godot\'s numbers', () => {
    const pc = classDb.classes['WebRTCPeerConnection']?.constants ?? {};
    for (const [name, value] of Object.entries(ConnectionState)) expect(pc[`STATE_${name}`]).toBe(value);
    for (const [name, value] of Object.entries(GatheringState)) expect(pc[`GATHERING_STATE_${name}`]).toBe(value);
    for (const [name, value] of Object.entries(SignalingState)) expect(pc[`SIGNALING_STATE_${name}`]).toBe(value);
    const dc = classDb.classes['WebRTCDataChannel']?.constants ?? {};
    for (const [name, value] of Object.entries(ChannelState)) expect(dc[`STATE_${name}`]).toBe(value);
    for (const [name, value] of Object.entries(WriteMode)) expect(dc[`WRITE_MODE_${name}`]).toBe(value);
    expect(Object.keys(pc).length).toBe(Object.keys(ConnectionState).length + Object.keys(GatheringState).length + Object.keys(SignalingState).length);
  });

  it('every Godot method has its camelCase twin (write_mode is a property)', () => {
    const skip = new Set(['set_default_extension', 'set_write_mode', 'get_write_mode']);
    const check = (cls: string, proto: object): void => {
      const methods = classDb.classes[cls]?.methods ?? [];
      expect(methods.length).toBeGreaterThan(0);
      for (const { name } of methods) {
        if (skip.has(name)) continue;
        expect(typeof (proto as Record<string, unknown>)[camel(name)], `${cls}.${name}`).toBe('function');
      }
    };
    check('WebRTCPeerConnection', WebRTCPeerConnection.prototype);
    check('WebRTCDataChannel', WebRTCDataChannel.prototype);
    expect(classDb.classes['WebRTCDataChannel']?.properties.map((p) => p.name)).toEqual(['write_mode']);
    expect(Object.getOwnPropertyDescriptor(WebRTCDataChannel.prototype, 'writeMode')?.set).toBeTypeOf('function');
  });
});
