/**
 * Every constant GDScript finds on a Godot class (its own and those it inherits) exists on the
 * @pp export implementing it, with Godot 4.6's value, read from the engine's ClassDB dump.
 */
import { ConnectionStatus, MultiplayerPeer, TARGET_PEER_BROADCAST, TransferMode } from '@pp/core';
import { CompressionMode, ENetConnection, ENetMultiplayerPeer, ENetPacketPeer, PeerState } from '@pp/enet';
import { godot4ClassDb } from '@pp/interop';
import { StreamPeerTCP, TCPStatus } from '@pp/stream';
import { WebRTCMultiplayerPeer } from '@pp/webrtc';
import { State, WebSocketMultiplayerPeer, WebSocketPeer, WriteMode } from '@pp/websocket';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED, NOT_IMPLEMENTED, visibleConstants } from '../../src/index.js';

const dump = godot4ClassDb();

describe("Godot 4.6's constants on @pp's classes", () => {
  it('places every class of the dump: implemented, or listed with a reason', () => {
    const dumped = Object.keys(dump.classes).sort();
    const placed = [...Object.keys(IMPLEMENTED), ...Object.keys(NOT_IMPLEMENTED)].sort();
    expect(placed).toEqual(dumped);
    expect(Object.keys(IMPLEMENTED).filter((name) => name in NOT_IMPLEMENTED)).toEqual([]);
    expect(Object.keys(NOT_IMPLEMENTED)).toEqual([
      'StreamPeerSocket', 'SocketServer', 'MultiplayerAPI', 'SceneReplicationConfig', 'MultiplayerSpawner',
      'MultiplayerSynchronizer', 'JSON', 'IP',
    ]);
  });

  for (const [godotClass, implementations] of Object.entries(IMPLEMENTED)) {
    const constants = visibleConstants(dump, godotClass);
    for (const { name, target } of implementations) {
      it(`${name} has the ${constants.length} constants GDScript finds on ${godotClass}`, () => {
        const wrong = constants
          .filter(({ constant, value }) => (target as Record<string, unknown>)[constant] !== value)
          .map(({ constant, value, declaredBy }) => `${declaredBy}.${constant} = ${value}, ours ${String((target as Record<string, unknown>)[constant])}`);
        expect(wrong).toEqual([]);
      });
    }
  }

  it('counts what it checks: every constant of the dump on an implemented class or inherited by one', () => {
    const checked = new Set(Object.keys(IMPLEMENTED).flatMap((c) => visibleConstants(dump, c).map((k) => `${k.declaredBy}.${k.constant}`)));
    const all = Object.entries(dump.classes).flatMap(([c, info]) => Object.keys(info.constants).map((k) => `${c}.${k}`));
    // The unchecked ones belong to classes with no implementation (listed above) and nothing below them.
    expect(all.filter((k) => !checked.has(k)).map((k) => k.split('.')[0]).filter((c, i, list) => list.indexOf(c) === i))
      .toEqual(['SceneReplicationConfig', 'MultiplayerSynchronizer', 'IP']);
  });

  it("are the existing enums' values, inherited as in GDScript", () => {
    expect(WebSocketPeer.STATE_OPEN).toBe(State.OPEN);
    expect(WebSocketPeer.WRITE_MODE_BINARY).toBe(WriteMode.BINARY);
    expect(MultiplayerPeer.TRANSFER_MODE_RELIABLE).toBe(TransferMode.RELIABLE);
    expect(MultiplayerPeer.CONNECTION_CONNECTED).toBe(ConnectionStatus.CONNECTED);
    expect(MultiplayerPeer.TARGET_PEER_BROADCAST).toBe(TARGET_PEER_BROADCAST);
    expect(WebSocketMultiplayerPeer.TARGET_PEER_SERVER).toBe(1);
    expect(ENetMultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED).toBe(TransferMode.UNRELIABLE_ORDERED);
    expect(WebRTCMultiplayerPeer.CONNECTION_CONNECTING).toBe(ConnectionStatus.CONNECTING);
    expect(ENetConnection.COMPRESS_ZSTD).toBe(CompressionMode.COMPRESS_ZSTD);
    expect(ENetPacketPeer.STATE_ZOMBIE).toBe(PeerState.STATE_ZOMBIE);
    expect(StreamPeerTCP.STATUS_CONNECTED).toBe(TCPStatus.STATUS_CONNECTED);
    // Typed as the enums: these assignments only compile because the statics are enum members.
    const mode: TransferMode = WebSocketMultiplayerPeer.TRANSFER_MODE_RELIABLE;
    const state: State = WebSocketPeer.STATE_CLOSED;
    expect([mode, state]).toEqual([2, 3]);
  });
});
