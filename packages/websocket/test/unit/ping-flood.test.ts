/**
 * A client that sends Pings faster than the Pongs can be written (issue 9 §2): `ws` used to drop
 * it with close code -1, no reason and no error. The connection is still dropped (a Ping flood
 * must not queue Pongs without bound), but the `error` event and `lastError` say why; Pings that
 * are answered in time keep the connection.
 */
import { ErrorCode } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { State } from '../../src/index.js';
import { Opcode } from '../support/raw-client.js';
import { until, useScope } from '../support/scope.js';
import { rawPair } from '../support/raw-pair.js';

const scope = useScope();


describe('a Ping flood', () => {
  it('is dropped with a reason: the error event and lastError name the Pings', async () => {
    const { client, remote, errors } = await rawPair(scope);
    client.socket.pause();
    client.write(Buffer.concat(Array.from({ length: 200 }, () => Buffer.from([0x89, 0x81, 0, 0, 0, 0, 0x70]))));
    await until(() => remote.getReadyState() === State.CLOSED, 'the flooding client to be dropped');
    expect(remote.getCloseCode()).toBe(-1);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    expect(errors[0]?.message).toMatch(/Too many Pings: 60 Pongs/);
    expect(remote.lastError).toBe(errors[0]);
  });

  it('Pings answered as they come keep the connection, each with its Pong', async () => {
    const { client, remote, errors } = await rawPair(scope);
    for (let i = 0; i < 100; i++) {
      client.send(Opcode.PING, `p${i}`);
      const pong = await client.readFrame();
      expect([pong.opcode, pong.payload.toString()]).toEqual([Opcode.PONG, `p${i}`]);
    }
    expect([remote.getReadyState(), errors]).toEqual([State.OPEN, []]);
  });
});
