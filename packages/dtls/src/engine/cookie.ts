import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ByteWriter } from './bytes.js';
import { ContentType, DTLS_1_0, DTLS_1_2, HandshakeType } from './constants.js';
import { encodeHandshake, parseHandshakeFragments } from './handshake-message.js';
import { encodeHelloVerifyRequest, parseClientHello, type ClientHello } from './messages.js';
import { encodeRecord, parseRecords } from './record.js';

const COOKIE_LENGTH = 32;
const MAC_LENGTH = COOKIE_LENGTH - 4;

/** A ClientHello whose cookie verified: everything a server connection needs to start. */
export interface VerifiedClientHello {
  /** The parsed ClientHello. */
  readonly hello: ClientHello;
  /** The message with its header, as the transcript hashes it. */
  readonly raw: Uint8Array;
  /** Its handshake `message_seq`; the server's first message takes the same number (RFC 6347 §4.2.2). */
  readonly messageSeq: number;
  /** The sequence number of the record that carried it; the server's first record takes the same one (RFC 6347 §4.2.1). */
  readonly recordSequence: number;
}

/** What `CookieExchange.check` says about a datagram, by `kind`. */
export type CookieResult =
  /** The cookie verified: start a server connection for `client`. */
  | {
      /** `'verified'`. */
      readonly kind: 'verified';
      /** The verified ClientHello. */
      readonly client: VerifiedClientHello;
    }
  /** Send `datagram` (a HelloVerifyRequest) back; keep nothing. */
  | {
      /** `'hello-verify-request'`. */
      readonly kind: 'hello-verify-request';
      /** The HelloVerifyRequest record to send to the client. */
      readonly datagram: Uint8Array;
    }
  /** Not an initial ClientHello: ignore the datagram. */
  | {
      /** `'invalid'`. */
      readonly kind: 'invalid';
      /** Why, for logs. */
      readonly reason: string;
    };

/** Options of a `CookieExchange` (a DTLS server's stateless HelloVerifyRequest cookies). Every field is optional. */
export interface CookieOptions {
  /** HMAC key. @default 32 random bytes */
  readonly secret?: Uint8Array;
  /** How long a cookie stays valid, in ms (mbedTLS' default is 60 s). @default 60000 */
  readonly lifetimeMs?: number;
  /** Largest datagram looked at. @default 16384 */
  readonly maxDatagramSize?: number;
}

/**
 * Whether `datagram` starts with an epoch-0 handshake record holding a ClientHello: a client
 * starting over from an address that still has a session (RFC 6347 §4.2.8). A cheap look at
 * three bytes; `CookieExchange.check` does the real parsing.
 */
export function startsWithClientHello(datagram: Uint8Array): boolean {
  return datagram.length > 25 && datagram[0] === ContentType.HANDSHAKE && datagram[3] === 0 && datagram[4] === 0
    && datagram[13] === HandshakeType.CLIENT_HELLO;
}

/**
 * Stateless cookies (RFC 6347 §4.2.1). The server answers a ClientHello without a valid cookie
 * with a HelloVerifyRequest computed from the datagram alone: nothing is stored per client, so a
 * flood of ClientHellos from spoofed addresses costs one HMAC each and no memory.
 *
 * cookie = u32 issue time (seconds) ‖ HMAC-SHA256(secret, time ‖ client id ‖ the ClientHello's
 * version, random, session id, suites and compression methods)[0..28].
 */
export class CookieExchange {
  readonly #secret: Uint8Array;
  readonly #lifetimeMs: number;
  readonly #maxDatagramSize: number;

  constructor(options: CookieOptions = {}) {
    this.#secret = options.secret ?? randomBytes(32);
    this.#lifetimeMs = options.lifetimeMs ?? 60_000;
    this.#maxDatagramSize = options.maxDatagramSize ?? 16_384;
  }

  /**
   * Looks at the first datagram of a would-be client (`clientId` = its address, e.g.
   * `"127.0.0.1:5000"`) at time `now` (ms, any monotonic origin the server keeps).
   */
  check(datagram: Uint8Array, clientId: string, now: number): CookieResult {
    if (datagram.length > this.#maxDatagramSize) return { kind: 'invalid', reason: 'datagram too large' };
    const record = parseRecords(datagram, this.#maxDatagramSize)[0];
    if (record === undefined || record.type !== ContentType.HANDSHAKE || record.epoch !== 0) {
      return { kind: 'invalid', reason: 'not a handshake record in epoch 0' };
    }
    if (record.version !== DTLS_1_2 && record.version !== DTLS_1_0) return { kind: 'invalid', reason: 'not a DTLS record' };
    let hello: ClientHello;
    let messageSeq: number;
    let body: Uint8Array;
    try {
      const fragment = parseHandshakeFragments(record.fragment)[0];
      if (fragment === undefined || fragment.type !== HandshakeType.CLIENT_HELLO) return { kind: 'invalid', reason: 'not a ClientHello' };
      if (fragment.offset !== 0 || fragment.body.length !== fragment.length) return { kind: 'invalid', reason: 'fragmented ClientHello' };
      hello = parseClientHello(fragment.body);
      messageSeq = fragment.messageSeq;
      body = fragment.body;
    } catch (error) {
      return { kind: 'invalid', reason: error instanceof Error ? error.message : 'malformed ClientHello' };
    }
    if (hello.cookie.length === COOKIE_LENGTH && this.#valid(hello, clientId, now)) {
      return {
        kind: 'verified',
        client: { hello, raw: encodeHandshake(HandshakeType.CLIENT_HELLO, messageSeq, body), messageSeq, recordSequence: record.sequence },
      };
    }
    const cookie = this.#make(hello, clientId, Math.floor(now / 1000) >>> 0);
    const message = encodeHandshake(HandshakeType.HELLO_VERIFY_REQUEST, messageSeq, encodeHelloVerifyRequest(DTLS_1_2, cookie));
    // RFC 6347 §4.2.1: the HelloVerifyRequest reuses the ClientHello's record sequence number.
    return { kind: 'hello-verify-request', datagram: encodeRecord(ContentType.HANDSHAKE, DTLS_1_2, 0, record.sequence, message) };
  }

  #valid(hello: ClientHello, clientId: string, now: number): boolean {
    const cookie = hello.cookie;
    const issued = ((cookie[0]! << 24) >>> 0) + ((cookie[1]! << 16) | (cookie[2]! << 8) | cookie[3]!);
    const age = now / 1000 - issued;
    if (age < -1 || age * 1000 > this.#lifetimeMs + 1000) return false;
    const expected = this.#make(hello, clientId, issued);
    return timingSafeEqual(expected, cookie);
  }

  #make(hello: ClientHello, clientId: string, issued: number): Uint8Array {
    const fields = new ByteWriter(128).u32(issued).vector16(new TextEncoder().encode(clientId))
      .u16(hello.version).bytes(hello.random).vector8(hello.sessionId);
    for (const suite of hello.cipherSuites) fields.u16(suite);
    fields.vector8(hello.compressionMethods);
    const mac = createHmac('sha256', this.#secret).update(fields.finish()).digest().subarray(0, MAC_LENGTH);
    const cookie = new Uint8Array(COOKIE_LENGTH);
    cookie[0] = issued >>> 24; cookie[1] = (issued >>> 16) & 0xff; cookie[2] = (issued >>> 8) & 0xff; cookie[3] = issued & 0xff;
    cookie.set(mac, 4);
    return cookie;
  }
}
