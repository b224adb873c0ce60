import { TLSStatus } from '@pp/core';

/** Godot's `PacketPeerDTLS.Status`: the same members and numbers as core's `TLSStatus`. */
export const DTLSStatus = TLSStatus;
/** A `DTLSStatus` value (0 … 4). */
export type DTLSStatus = TLSStatus;
