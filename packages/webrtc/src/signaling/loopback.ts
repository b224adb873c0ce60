/**
 * Relays for tests, which may only talk over 127.0.0.1: `loopbackOnlyRelay` keeps only 127.0.0.1
 * candidates (in `CANDIDATE` messages and in the SDP of offers and answers).
 *
 * Chromium (and so Godot's web build) offers no 127.0.0.1 candidate even with
 * `--allow-loopback-in-peer-connection`, only its other interfaces; its sockets are bound to
 * every address, though. To let two browser peers reach each other, `rewriteHostCandidates` turns
 * each IPv4 host candidate into the same port on 127.0.0.1, so every packet still goes over
 * loopback. Peers that are not browsers bind 127.0.0.1 themselves.
 */
import { candidateAddress, isLoopbackCandidate, loopbackOnlySdp } from '../sdp.js';
import { Message, decodeCandidate, encodeCandidate, type SignalingMessage } from './protocol.js';

/** Options of `loopbackOnlyRelay`. */
export interface LoopbackRelayOptions {
  /** Forward a browser's IPv4 host candidates as the same port on 127.0.0.1 (see the file header). @default false */
  rewriteHostCandidates?: boolean;
}

/** An IPv4 host candidate moved to 127.0.0.1 (same port), or `undefined` if it is not one. */
export function toLoopbackCandidate(candidate: string): string | undefined {
  const address = candidateAddress(candidate);
  if (address === undefined || !/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/ typ host( |$)/.test(candidate)) return undefined;
  const fields = candidate.split(' ');
  fields[4] = '127.0.0.1';
  return fields.join(' ');
}

/** A `SignalingServer` relay that only lets 127.0.0.1 candidates through. */
export function loopbackOnlyRelay(options: LoopbackRelayOptions = {}): (message: SignalingMessage) => string | null {
  const keep = (candidate: string): string | undefined => {
    if (isLoopbackCandidate(candidate)) return candidate;
    return options.rewriteHostCandidates === true ? toLoopbackCandidate(candidate) : undefined;
  };
  return (message) => {
    if (message.type === Message.OFFER || message.type === Message.ANSWER) return loopbackOnlySdp(message.data);
    if (message.type !== Message.CANDIDATE) return message.data;
    const candidate = decodeCandidate(message.data);
    if (candidate === null) return null;
    const kept = keep(candidate.sdp);
    return kept === undefined ? null : encodeCandidate(candidate.mid, candidate.index, kept);
  };
}
