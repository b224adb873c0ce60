/**
 * Peer state changes and the events they raise (`enet_protocol_change_state`,
 * `…_dispatch_state`, `…_notify_connect`, `…_notify_disconnect`). "Notify" raises the event at
 * once, as ENet does inside `enet_host_service`; "dispatch" queues the peer so the event comes
 * out of the dispatch queue in order with the peer's received packets.
 */
import { EventType, PeerState } from './constants.js';
import { PEER_FLAG_NEEDS_DISPATCH, type Peer } from './peer.js';

export function changeState(peer: Peer, state: PeerState): void {
  if (state === PeerState.CONNECTED || state === PeerState.DISCONNECT_LATER) peer.onConnect();
  else peer.onDisconnect();
  peer.state = state;
}

export function dispatchState(peer: Peer, state: PeerState): void {
  changeState(peer, state);
  if ((peer.flags & PEER_FLAG_NEEDS_DISPATCH) === 0) {
    peer.host.dispatchQueue.pushBack(peer);
    peer.flags |= PEER_FLAG_NEEDS_DISPATCH;
  }
}

export function notifyConnect(peer: Peer): void {
  peer.host.recalculateBandwidthLimits = true;
  changeState(peer, PeerState.CONNECTED);
  peer.host.pushEvent(EventType.CONNECT, peer, peer.eventData);
}

/** The connection failed or ended: a DISCONNECT event (data 0) if the application knew of it. */
export function notifyDisconnect(peer: Peer): void {
  if (peer.state >= PeerState.CONNECTION_PENDING) peer.host.recalculateBandwidthLimits = true;
  if (peer.state !== PeerState.CONNECTING && peer.state < PeerState.CONNECTION_SUCCEEDED) {
    peer.reset();
  } else {
    peer.host.pushEvent(EventType.DISCONNECT, peer, 0);
    peer.reset();
  }
}
