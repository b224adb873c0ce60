import { WebRTCPeerConnectionBase, type WebRTCPeerConnectionOptions } from '../webrtc-peer-connection-base.js';
import { nodeBackend } from './datachannel.js';

/** Godot's `WebRTCPeerConnection` for Node.js, on node-datachannel (libdatachannel, as Godot's native extension). */
export class WebRTCPeerConnection extends WebRTCPeerConnectionBase {
  constructor(options: WebRTCPeerConnectionOptions = {}) {
    super(nodeBackend, options);
  }
}
