/**
 * In-process signalling for tests, loopback only: every connection binds 127.0.0.1
 * (`LOOPBACK`), only 127.0.0.1 candidates are forwarded, and other `a=candidate` lines are
 * dropped from the SDP. Tests may only talk over 127.0.0.1.
 */
import { ErrorCode } from '@pp/core';
import {
  ConnectionState, WebRTCPeerConnection, isLoopbackCandidate, loopbackOnlySdp, type DataChannelOptions,
  type WebRTCConfiguration, type WebRTCDataChannel, type WebRTCPeerConnectionOptions,
} from '../../src/index.js';

/** The configuration of every test connection: ICE binds 127.0.0.1 only. */
export const LOOPBACK: WebRTCConfiguration = Object.freeze({ bindAddress: '127.0.0.1' });

export interface LinkOptions {
  /** Changes a description on its way (what `from` sent). */
  rewrite?(sdp: string, from: WebRTCPeerConnection): string;
}

/**
 * Signals between `a` and `b` the way Godot's scripts do: each description is set as local
 * description and handed to the other side (without candidates not on 127.0.0.1), and each
 * 127.0.0.1 candidate is added on the other side. Returns a function that stops it.
 */
export function link(a: WebRTCPeerConnection, b: WebRTCPeerConnection, options: LinkOptions = {}): () => void {
  const wires: Array<() => void> = [];
  for (const [from, to] of [[a, b], [b, a]] as const) {
    const onDescription = (type: 'offer' | 'answer', sdp: string): void => {
      from.setLocalDescription(type, sdp);
      const sent = loopbackOnlySdp(sdp);
      to.setRemoteDescription(type, options.rewrite?.(sent, from) ?? sent);
    };
    const onCandidate = (media: string, index: number, name: string): void => {
      if (isLoopbackCandidate(name)) to.addIceCandidate(media, index, name);
    };
    from.on('sessionDescriptionCreated', onDescription).on('iceCandidateCreated', onCandidate);
    wires.push(() => from.off('sessionDescriptionCreated', onDescription).off('iceCandidateCreated', onCandidate));
  }
  return () => wires.forEach((unwire) => unwire());
}

/** A new connection initialised for loopback. */
export function loopbackConnection(options: WebRTCPeerConnectionOptions = {}, configuration: WebRTCConfiguration = {}): WebRTCPeerConnection {
  const pc = new WebRTCPeerConnection(options);
  const error = pc.initialize({ ...LOOPBACK, ...configuration });
  if (error !== ErrorCode.OK) throw pc.lastError ?? new Error(`initialize failed: ${error}`);
  return pc;
}

export interface ChannelPair {
  a: WebRTCPeerConnection;
  b: WebRTCPeerConnection;
  /** `a`'s end of the negotiated channel. */
  ca: WebRTCDataChannel;
  /** `b`'s end. */
  cb: WebRTCDataChannel;
  close(): void;
}

/** Two linked connections with one negotiated channel (id 1 unless `channel` says otherwise), open. */
export async function openChannelPair(
  options: WebRTCPeerConnectionOptions = {}, channel: DataChannelOptions = { negotiated: true, id: 1 },
  { timeoutMs = 10_000, linkOptions = {}, optionsB = options }: { timeoutMs?: number; linkOptions?: LinkOptions; optionsB?: WebRTCPeerConnectionOptions } = {},
): Promise<ChannelPair> {
  const a = loopbackConnection(options);
  const b = loopbackConnection(optionsB);
  const unlink = link(a, b, linkOptions);
  const close = (): void => {
    unlink();
    a.close();
    b.close();
  };
  try {
    const ca = a.createDataChannel('test', channel);
    const cb = b.createDataChannel('test', channel);
    if (ca === null || cb === null) throw a.lastError ?? b.lastError ?? new Error('createDataChannel failed');
    if (a.createOffer() !== ErrorCode.OK) throw a.lastError ?? new Error('createOffer failed');
    await Promise.all([ca.waitForOpen({ timeoutMs }), cb.waitForOpen({ timeoutMs })]);
    if (a.getConnectionState() !== ConnectionState.CONNECTED) await a.waitForConnected({ timeoutMs });
    return { a, b, ca, cb, close };
  } catch (error) {
    close();
    throw error;
  }
}
