/** Godot's `WebRTCPeerConnection` for Node.js, on node-datachannel (libdatachannel, as Godot's native extension). */
import { WebRTCPeerConnectionBase, type WebRTCPeerConnectionOptions } from '../webrtc-peer-connection-base.js';
import { nodeBackend } from './datachannel.js';

export class WebRTCPeerConnection extends WebRTCPeerConnectionBase {
  constructor(options: WebRTCPeerConnectionOptions = {}) {
    super(nodeBackend, options);
  }
}
