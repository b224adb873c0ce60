/**
 * WebRTC over loopback in the Godot 4 browser. Chromium hides and refuses loopback candidates
 * by default; tests may only talk over 127.0.0.1. With these flags the Godot
 * 4.6 web build's WebRTC reaches a node-datachannel peer bound to 127.0.0.1, as long as the
 * signalling forwards only 127.0.0.1 candidates.
 */
import { requireChromiumFlags } from './chromium-extra-flags.js';

/** The Chromium flags of WebRTC over loopback. */
export const WEBRTC_LOOPBACK_CHROMIUM_FLAGS: readonly string[] = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/**
 * Makes this process' Godot 4 runs use a Chromium started with
 * {@link WEBRTC_LOOPBACK_CHROMIUM_FLAGS}. Call it before the first run (in `beforeAll`); if a
 * browser without them is running, it is closed first (and its runs stopped).
 */
export function enableWebRtcLoopback(): Promise<void> {
  return requireChromiumFlags(WEBRTC_LOOPBACK_CHROMIUM_FLAGS);
}
