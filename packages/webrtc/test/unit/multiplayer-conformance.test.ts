/**
 * The core MultiplayerPeer conformance suite on WebRTCMultiplayerPeer: a server and clients in
 * this process, connected over loopback (127.0.0.1 only) by in-process signalling.
 */
import { multiplayerPeerSuite } from '@pp/conformance';
import { TransferMode } from '@pp/core';
import { multiplayerHarness } from '../support/multiplayer.js';

multiplayerPeerSuite(multiplayerHarness('WebRTCMultiplayerPeer'));
multiplayerPeerSuite(multiplayerHarness('WebRTCMultiplayerPeer, custom channels, partial reliability', { partialReliability: true }, [
  TransferMode.UNRELIABLE, TransferMode.RELIABLE,
]));
