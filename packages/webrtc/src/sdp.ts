/**
 * Small readers and filters of SDP text and ICE candidates: the `a=max-message-size` a peer
 * advertises, and the loopback-only filter every test of this repository puts in its signalling
 * (ICE gathers candidates on every interface; tests may only talk over 127.0.0.1).
 */

/** The `a=max-message-size` of an SDP, `undefined` without one (RFC 8841: then 65536 applies). */
export function remoteMaxMessageSize(sdp: string | undefined): number | undefined {
  const match = sdp === undefined ? null : /^a=max-message-size:(\d+)\s*$/m.exec(sdp);
  return match === null ? undefined : Number(match[1]);
}

/** The connection address of an ICE candidate (`candidate:…` or `a=candidate:…`), `undefined` if unreadable. */
export function candidateAddress(candidate: string): string | undefined {
  const fields = candidate.replace(/^a=/, '').trim().split(/\s+/);
  return fields[0]?.startsWith('candidate:') === true && fields.length >= 8 ? fields[4] : undefined;
}

/** Whether an ICE candidate is on 127.0.0.1. */
export function isLoopbackCandidate(candidate: string): boolean {
  return candidateAddress(candidate) === '127.0.0.1';
}

/** `sdp` without the `a=candidate` lines `keep` refuses. */
export function filterSdpCandidates(sdp: string, keep: (candidate: string) => boolean): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(eol)
    .filter((line) => !line.startsWith('a=candidate:') || keep(line))
    .join(eol);
}

/** `sdp` with only its 127.0.0.1 candidates. */
export function loopbackOnlySdp(sdp: string): string {
  return filterSdpCandidates(sdp, isLoopbackCandidate);
}
