/**
 * A Node `Duplex` over one of our `StreamPeer`s, so `node:tls` can run over any of them
 * (`StreamPeerTCP`, `PacketPeerStream`'s stream, an in-memory stream). Reads follow the peer's
 * `readable` event and stop when the duplex's buffer is full; writes wait for `drain` when the
 * peer's write buffer is full.
 */
import { Duplex } from 'node:stream';
import { ErrorCode } from '@pp/core';
import type { StreamPeer } from './stream-peer.js';

/** Bytes pulled from the peer per read. */
const READ_CHUNK = 65_536;

export function streamPeerDuplex(peer: StreamPeer): Duplex {
  let ended = false;
  const pull = (): void => {
    while (!ended) {
      const [error, data] = peer.getPartialData(READ_CHUNK);
      if (error === ErrorCode.ERR_FILE_EOF || error === ErrorCode.FAILED) {
        finish();
        return;
      }
      if (error !== ErrorCode.OK || data.length === 0) return;
      if (!duplex.push(data)) return;
    }
  };
  const finish = (): void => {
    if (ended) return;
    ended = true;
    duplex.push(null);
  };
  const duplex = new Duplex({
    read: pull,
    write(chunk: Buffer, _encoding, callback) {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const attempt = (): void => {
        const code = peer.putData(bytes);
        if (code === ErrorCode.OK) callback();
        else if (code === ErrorCode.ERR_BUSY) peer.once('drain', attempt);
        else callback(new Error(`The underlying stream refused the write (error ${code})`));
      };
      attempt();
    },
    final(callback) {
      callback();
    },
    destroy(error, callback) {
      peer.off('readable', pull);
      peer.off('close', finish);
      callback(error);
    },
  });
  peer.on('readable', pull);
  peer.on('close', finish);
  return duplex;
}
