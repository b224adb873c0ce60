import { TransferMode } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { clientChannels, receivedChannel, receivedMode, sendMapping } from '../../src/multiplayer/channels.js';
import { PacketFlag } from '../../src/protocol/constants.js';

describe("ENetMultiplayerPeer's channel and flag tables", () => {
  it('send: transfer channel 0', () => {
    expect(sendMapping(TransferMode.RELIABLE, 0)).toEqual({ channel: 0, flags: 1 });
    expect(sendMapping(TransferMode.UNRELIABLE_ORDERED, 0)).toEqual({ channel: 1, flags: 8 });
    expect(sendMapping(TransferMode.UNRELIABLE, 0)).toEqual({ channel: 1, flags: 10 });
  });

  it('send: transfer channel n > 0 is ENet channel n + 1, flags by mode', () => {
    expect(sendMapping(TransferMode.RELIABLE, 1)).toEqual({ channel: 2, flags: 1 });
    expect(sendMapping(TransferMode.UNRELIABLE, 3)).toEqual({ channel: 4, flags: 10 });
    expect(sendMapping(TransferMode.UNRELIABLE_ORDERED, 253)).toEqual({ channel: 254, flags: 8 });
  });

  it('receive: flags give the mode, the ENet channel gives the channel', () => {
    expect(receivedMode(PacketFlag.RELIABLE)).toBe(TransferMode.RELIABLE);
    expect(receivedMode(PacketFlag.UNSEQUENCED)).toBe(TransferMode.UNRELIABLE);
    expect(receivedMode(0)).toBe(TransferMode.UNRELIABLE_ORDERED);
    // A large UNRELIABLE packet travels as sequenced unreliable fragments: it arrives ORDERED.
    expect(receivedMode(PacketFlag.UNRELIABLE_FRAGMENT)).toBe(TransferMode.UNRELIABLE_ORDERED);
    expect([0, 1, 2, 3, 200].map(receivedChannel)).toEqual([0, 0, 1, 2, 199]);
  });

  it('clients ask for channel_count + 2 channels, or 255 (0) when it is 0', () => {
    expect(clientChannels(0)).toBe(0);
    expect(clientChannels(4)).toBe(6);
  });
});
