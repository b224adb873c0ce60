import { Server, connect, type ListenOptions, type Socket } from 'node:net';
import { ErrorCode, type GodotError } from '@pp/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamPeerTCP, TCPServer, TCPStatus } from '../../src/index.js';
import { until, useSockets, withTimeout } from '../support/sockets.js';

const sockets = useSockets();
const raws: Socket[] = [];

afterEach(() => {
  for (const socket of raws.splice(0)) socket.destroy();
});

function rawClient(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket));
    socket.on('error', reject);
    raws.push(socket);
  });
}

function ended(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed || socket.readableEnded) resolve();
    socket.once('close', () => resolve());
    socket.resume();
  });
}

describe('TCPServer.listen', () => {
  it("listens; a second listen is ERR_ALREADY_IN_USE; stop() makes it reusable", async () => {
    const server = new TCPServer();
    try {
      expect(server.isListening()).toBe(false);
      expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
      expect(server.isListening()).toBe(true);
      expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.ERR_ALREADY_IN_USE);
      await until(() => server.getLocalPort() > 0);
      server.stop();
      expect([server.isListening(), server.getLocalPort()]).toEqual([false, 0]);
      await server.listenAsync(0, '127.0.0.1');
      expect(server.getLocalPort()).toBeGreaterThan(0);
    } finally {
      server.stop();
    }
  });

  it('refuses bad ports and addresses with ERR_INVALID_PARAMETER', () => {
    const server = new TCPServer();
    expect(server.listen(-1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.listen(65536)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.listen(0, 'localhost')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.isListening()).toBe(false);
  });

  it("with '*' a taken port is ERR_ALREADY_IN_USE at once (as Godot 3.2.3 answers)", async () => {
    const taken = await sockets.server();
    const blocked = new TCPServer();
    const first = new TCPServer();
    try {
      await first.listenAsync(0, '*');
      expect(blocked.listen(first.getLocalPort(), '*')).toBe(ErrorCode.ERR_ALREADY_IN_USE);
      expect(blocked.isListening()).toBe(false);
    } finally {
      first.stop();
      blocked.stop();
    }
    expect(taken.isListening()).toBe(true);
  });

  it('with an IP address a taken port shows up as an error event, isListening() false, listenAsync rejecting', async () => {
    const taken = await sockets.server();
    const server = new TCPServer();
    try {
      const errors: GodotError[] = [];
      server.on('error', (error) => errors.push(error));
      expect(server.listen(taken.getLocalPort(), '127.0.0.1')).toBe(ErrorCode.OK);
      await until(() => errors.length === 1);
      expect(errors[0]?.code).toBe(ErrorCode.ERR_ALREADY_IN_USE);
      expect(server.isListening()).toBe(false);
      await expect(server.listenAsync(taken.getLocalPort(), '127.0.0.1')).rejects.toMatchObject({
        code: ErrorCode.ERR_ALREADY_IN_USE, message: expect.stringContaining('EADDRINUSE'),
      });
      expect(server.isListening()).toBe(false);
    } finally {
      server.stop();
    }
  });

  it('stop() right after listen() leaves nothing listening', async () => {
    const server = new TCPServer();
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
    server.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.isListening()).toBe(false);
    expect(server.getLocalPort()).toBe(0);
  });
});

describe('TCPServer connections', () => {
  it('hands connections out oldest first, each CONNECTED', async () => {
    const server = await sockets.server();
    const clients: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      clients.push(await rawClient(server.getLocalPort()));
      await until(() => server.pendingConnectionCount === i + 1);
    }
    for (const client of clients) {
      const peer = sockets.track(server.takeConnection() as StreamPeerTCP);
      expect(peer.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
      expect([peer.getConnectedHost(), peer.getConnectedPort()]).toEqual(['127.0.0.1', client.localPort]);
    }
    expect(server.isConnectionAvailable()).toBe(false);
    expect(server.takeConnection()).toBeNull();
  });

  it('closes connections beyond maxPendingConnections (default 8) and counts them', async () => {
    expect(new TCPServer().maxPendingConnections).toBe(8);
    const server = await sockets.server({ maxPendingConnections: 2 });
    await rawClient(server.getLocalPort());
    await rawClient(server.getLocalPort());
    await until(() => server.pendingConnectionCount === 2);
    const third = await rawClient(server.getLocalPort());
    await withTimeout(ended(third), 5000, 'the refused connection to close');
    expect(server.refusedConnections).toBe(1);
    expect(server.pendingConnectionCount).toBe(2);
  });

  it("gives the kernel a listen backlog of its own (default 511, Node's), not Godot's 8 pending connections", async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    try {
      const byDefault = await sockets.server();
      const chosen = await sockets.server({ backlog: 2048, maxPendingConnections: 3 });
      const backlogs = listen.mock.calls.map((args) => (args[0] as ListenOptions).backlog);
      expect(backlogs).toEqual([511, 2048]);
      expect([byDefault.backlog, byDefault.maxPendingConnections]).toEqual([511, 8]);
      expect([chosen.backlog, chosen.maxPendingConnections]).toEqual([2048, 3]);
    } finally {
      listen.mockRestore();
    }
  });

  it.each([0, -1, 1.5, 65536, Number.NaN])('refuses backlog %s with ERR_INVALID_PARAMETER', (backlog) => {
    expect(() => new TCPServer({ backlog })).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
  });

  it('forgets a pending connection its client closed', async () => {
    const server = await sockets.server();
    const client = await rawClient(server.getLocalPort());
    await until(() => server.pendingConnectionCount === 1);
    client.end();
    await until(() => server.pendingConnectionCount === 0);
    expect(server.takeConnection()).toBeNull();
  });

  it('stop() closes the connections not taken and keeps the taken ones', async () => {
    const server = await sockets.server();
    const takenClient = new StreamPeerTCP();
    sockets.track(takenClient);
    await takenClient.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 });
    const taken = sockets.track(await server.accept({ timeoutMs: 5000 }));
    const waiting = await rawClient(server.getLocalPort());
    await until(() => server.pendingConnectionCount === 1);
    server.stop();
    await withTimeout(ended(waiting), 5000, 'the pending connection to close');
    takenClient.putVar('after stop');
    expect(await taken.getVarAsync(false, { timeoutMs: 5000 })).toBe('after stop');
    await expect(server.accept({ timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
  });

  it('accept() times out with ERR_TIMEOUT, and a waiting accept() fails when the server stops', async () => {
    const server = await sockets.server();
    await expect(server.accept({ timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    const waiting = server.accept({ timeoutMs: 5000 });
    server.stop();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
  });

  it("'*' accepts IPv4 and IPv6 clients, showing IPv4 as plain IPv4", async () => {
    const server = new TCPServer();
    try {
      expect(server.listen(0, '*')).toBe(ErrorCode.OK);
      expect(server.getLocalPort()).toBeGreaterThan(0);
      await rawClient(server.getLocalPort(), '127.0.0.1');
      const v4 = sockets.track(await server.accept({ timeoutMs: 5000 }));
      await rawClient(server.getLocalPort(), '::1');
      const v6 = sockets.track(await server.accept({ timeoutMs: 5000 }));
      expect([v4.getConnectedHost(), v6.getConnectedHost()]).toEqual(['127.0.0.1', '::1']);
    } finally {
      server.stop();
    }
  });
});
