import { WebRTCPeerConnectionBase, type WebRTCPeerConnectionOptions } from '../webrtc-peer-connection-base.js';
import { browserBackend } from './native-rtc.js';

/** Godot's `WebRTCPeerConnection` for browsers, on the native `RTCPeerConnection` (as Godot's web build). */
export class WebRTCPeerConnection extends WebRTCPeerConnectionBase {
  constructor(options: WebRTCPeerConnectionOptions = {}) {
    super(browserBackend, options);
  }
}
