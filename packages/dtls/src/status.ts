/** Godot's `PacketPeerDTLS.Status`: the same members and numbers as core's `TLSStatus`. */
import { TLSStatus } from '@pp/core';

export const DTLSStatus = TLSStatus;
export type DTLSStatus = TLSStatus;
