/**
 * `openssl s_client -dtls1_2` against our DTLSServer (Godot's UDPServer loop): RSA and ECDSA
 * certificates, the chain and host name verified by OpenSSL (`-verify_return_error`), data both
 * ways, and close_notify when the client leaves.
 */
import { makeTestChain, opensslAvailability, startOpensslDtlsClient, type OpensslProcess } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { DTLSStatus } from '../../src/index.js';
import { startServerLoop, type ServerLoop } from '../support/server-loop.js';

const loops: ServerLoop[] = [];
const clients: OpensslProcess[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.stop()));
  for (const loop of loops.splice(0)) loop.stop();
});

describeWithPeer('openssl s_client against DTLSServer', opensslAvailability(), async () => undefined, () => {
  for (const keyType of ['rsa', 'ec'] as const) {
    it(`${keyType} certificate, chain and name verified by openssl`, async () => {
      const chain = makeTestChain({ keyType });
      const loop = startServerLoop(chain.key, chain.cert);
      loops.push(loop);
      const connected = loop.nextConnected();
      const client = startOpensslDtlsClient({ port: loop.port, ca: chain.caCert, hostname: 'localhost' });
      clients.push(client);
      const peer = await connected;
      await client.waitFor(/Verify return code: 0 \(ok\)/);
      expect(loop.dtls.stats.helloVerifyRequests).toBe(1);

      client.write('hello from openssl\n');
      await peer.waitForPacket({ timeoutMs: 15_000 });
      expect(new TextDecoder().decode(peer.getPacket())).toBe('hello from openssl\n');
      peer.putPacket(new TextEncoder().encode('hello from pp\n'));
      await client.waitFor(/hello from pp/);

      const closed = new Promise<void>((resolve) => peer.once('close', resolve));
      client.end(); // s_client sends close_notify at end of input
      await closed;
      expect(peer.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
    });
  }
});
