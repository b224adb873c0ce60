import { ConnectionStatus, ErrorCode } from '@pp/core';
import { until, useScope } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import { ENetConnection, ENetMultiplayerPeer, PeerState } from '../../src/index.js';

const scope = useScope();

async function serverAndClient(server: ENetMultiplayerPeer, maxChannels: number) {
  scope.add(server, (s) => s.close());
  server.setBindIp('127.0.0.1');
  expect(server.createServer(0, 4, maxChannels, 1000, 2000)).toBe(ErrorCode.OK);
  const client = scope.add(new ENetMultiplayerPeer(), (c) => c.close());
  expect(client.createClient('127.0.0.1', server.host!.getLocalPort())).toBe(ErrorCode.OK);
  await until(() => client.getConnectionStatus() === ConnectionStatus.CONNECTED, 'the client connecting');
  return client;
}

describe('ENetMultiplayerPeer', () => {
  it('passes create_server arguments where they belong by default', async () => {
    const server = new ENetMultiplayerPeer();
    const client = await serverAndClient(server, 4);
    expect(server.host!.getMaxChannels()).toBe(6);
    const toServer = client.getPeer(1)!;
    expect(toServer.getChannels()).toBe(6);
    expect(client.host!.host!.peers[0]!.incomingBandwidth).toBe(1000);
  });

  it("godotServerArgumentShift reproduces Godot's: 255 channels, incoming bandwidth max_channels + 2", async () => {
    const server = new ENetMultiplayerPeer({ godotServerArgumentShift: true });
    const client = await serverAndClient(server, 4);
    expect(server.host!.getMaxChannels()).toBe(255);
    expect(client.getPeer(1)!.getChannels()).toBe(255);
    expect(client.host!.host!.peers[0]!.incomingBandwidth).toBe(6);
  });

  it('mesh: addMeshPeer needs exactly one connected peer; packets are attributed to the given id', async () => {
    const a = scope.add(new ENetConnection(), (c) => c.destroy());
    const b = scope.add(new ENetConnection(), (c) => c.destroy());
    a.createHostBound('127.0.0.1', 0, 1);
    b.createHostBound('127.0.0.1', 0, 1);
    a.autoService = true;
    const accepted = new Promise((resolve) => a.once('connect', resolve));
    await b.connectToHostAsync('127.0.0.1', a.getLocalPort(), 4, 0, { timeoutMs: 5000 });
    await accepted;
    const meshA = scope.add(new ENetMultiplayerPeer(), (m) => m.close());
    const meshB = scope.add(new ENetMultiplayerPeer(), (m) => m.close());
    expect(meshA.addMeshPeer(2, a)).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(meshA.createMesh(0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(meshA.createMesh(1)).toBe(ErrorCode.OK);
    expect(meshB.createMesh(2)).toBe(ErrorCode.OK);
    expect(meshA.addMeshPeer(2, new ENetConnection())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(meshA.addMeshPeer(2, a)).toBe(ErrorCode.OK);
    expect(meshB.addMeshPeer(1, b)).toBe(ErrorCode.OK);
    expect(meshA.isServerRelaySupported()).toBe(false);
    meshB.setTargetPeer(1);
    expect(meshB.putPacket(Uint8Array.of(5))).toBe(ErrorCode.OK);
    await until(() => meshA.getAvailablePacketCount() > 0, 'the mesh packet');
    expect(meshA.getPacketPeer()).toBe(2);
    expect([...meshA.getPacket()]).toEqual([5]);
    meshA.disconnectPeer(2);
    await until(() => b.getPeers().every((p) => p.getState() !== PeerState.STATE_CONNECTED), 'the mesh link closing');
  });
});
