/**
 * How ENetMultiplayerPeer maps Godot's transfer modes and channels onto ENet channels and packet
 * flags, both ways (`modules/enet/enet_multiplayer_peer.cpp`). ENet channels 0 and 1 are
 * reserved: 0 for reliable, 1 for both unreliable modes of `transfer_channel` 0; channel n > 0
 * is ENet channel n + 1.
 */
import { TransferMode } from '@pp/core';
import { PacketFlag } from '../protocol/constants.js';

/** Godot's `SYSCH_RELIABLE`: ENet channel 0, reliable packets of transfer channel 0. */
export const SYSCH_RELIABLE = 0;
/**
 * Godot's `SYSCH_UNRELIABLE`: ENet channel 1, unreliable and unreliable-ordered packets of transfer channel
 * 0.
 */
export const SYSCH_UNRELIABLE = 1;
/** Godot's `SYSCH_MAX`: the reserved ENet channels; transfer channel n > 0 is ENet channel n + 1. */
export const SYSCH_MAX = 2;

/** The ENet channel and flags a packet is sent with. */
export function sendMapping(mode: TransferMode, transferChannel: number): {
  /** The ENet channel: `SYSCH_RELIABLE`, `SYSCH_UNRELIABLE`, or `transferChannel + 1` for a channel above 0. */
  channel: number;
  /** The ENet `PacketFlag`s: RELIABLE, or UNRELIABLE_FRAGMENT (plus UNSEQUENCED for `UNRELIABLE`). */
  flags: number;
} {
  let flags: number;
  let channel: number;
  switch (mode) {
    case TransferMode.UNRELIABLE:
      flags = PacketFlag.UNSEQUENCED | PacketFlag.UNRELIABLE_FRAGMENT;
      channel = SYSCH_UNRELIABLE;
      break;
    case TransferMode.UNRELIABLE_ORDERED:
      flags = PacketFlag.UNRELIABLE_FRAGMENT;
      channel = SYSCH_UNRELIABLE;
      break;
    default:
      flags = PacketFlag.RELIABLE;
      channel = SYSCH_RELIABLE;
  }
  if (transferChannel > 0) channel = SYSCH_MAX + transferChannel - 1;
  return { channel, flags };
}

/** The transfer mode a received packet reports, from the flags it arrived with. */
export function receivedMode(flags: number): TransferMode {
  if ((flags & PacketFlag.RELIABLE) !== 0) return TransferMode.RELIABLE;
  if ((flags & PacketFlag.UNSEQUENCED) !== 0) return TransferMode.UNRELIABLE;
  return TransferMode.UNRELIABLE_ORDERED;
}

/** `get_packet_channel()`: 0 for the reserved ENet channels, else the ENet channel − 1. */
export function receivedChannel(enetChannel: number): number {
  return enetChannel >= SYSCH_MAX ? enetChannel - SYSCH_MAX + 1 : 0;
}

/** The channel count a client requests: `channelCount + 2`, or 255 for 0. */
export function clientChannels(channelCount: number): number {
  return channelCount > 0 ? channelCount + SYSCH_MAX : 0;
}
