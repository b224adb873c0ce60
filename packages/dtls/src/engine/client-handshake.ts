/**
 * The client's side of the DTLS 1.2 handshake (RFC 6347 §4.2, RFC 5246 §7.3):
 * ClientHello → [HelloVerifyRequest → ClientHello with cookie] → ServerHello, Certificate,
 * ServerKeyExchange, [CertificateRequest], ServerHelloDone → [Certificate], ClientKeyExchange,
 * ChangeCipherSpec, Finished → ChangeCipherSpec, Finished.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { concatBytes } from './bytes.js';
import { checkCertificateChain, type CertificatePolicy } from './certificate-check.js';
import { suiteById, type CipherSuite } from './cipher-suites.js';
import { AlertDescription, DTLS_1_2, EMPTY_RENEGOTIATION_INFO_SCSV, ExtensionType, HandshakeType } from './constants.js';
import { DtlsError } from './dtls-error.js';
import { generateEphemeralKey } from './ecdhe.js';
import type { Handshake, HandshakeHost } from './handshake-host.js';
import { encodeHandshake } from './handshake-message.js';
import {
  EMPTY, POINT_FORMATS_UNCOMPRESSED, encodeCertificate, encodeClientHello, encodeClientKeyExchange, parseCertificate,
  parseHelloVerifyRequest, parseServerHello, parseServerKeyExchange, serverNameExtension, u16List,
  type ClientHello,
} from './messages.js';
import type { Negotiation } from './negotiation.js';
import { Transcript } from './prf.js';
import type { HandshakeMessage } from './reassembler.js';
import { checkFinished, deriveSessionKeys, finishedBody } from './session-keys.js';
import { OFFERED_SCHEMES, keyKind, verifyWith } from './signatures.js';

export interface ClientHandshakeConfig {
  readonly negotiation: Negotiation;
  readonly certificates: CertificatePolicy;
  /** Sent as SNI when not empty and not an IP address. */
  readonly serverName: string;
  readonly maxCertificates: number;
}

/** HelloVerifyRequests followed before giving up (a server that keeps asking is broken). */
const MAX_HELLO_VERIFY = 4;

type Step = 'server-hello' | 'certificate' | 'server-key-exchange' | 'server-hello-done' | 'change-cipher-spec' | 'finished' | 'done';

const unexpected = (message: HandshakeMessage, step: Step): DtlsError =>
  new DtlsError('protocol', AlertDescription.UNEXPECTED_MESSAGE, `handshake message ${message.type} while waiting for ${step}`);

export class ClientHandshake implements Handshake {
  readonly #host: HandshakeHost;
  readonly #config: ClientHandshakeConfig;
  readonly #random = new Uint8Array(randomBytes(32));
  #hello: ClientHello;
  #helloExtensions: Array<[number, Uint8Array]>;
  #helloVerifies = 0;
  #step: Step = 'server-hello';
  #transcript = new Transcript();
  #suite: CipherSuite | undefined;
  #serverRandom: Uint8Array = EMPTY;
  #extendedMasterSecret = false;
  #serverKey: KeyObject | undefined;
  #preMaster: Uint8Array | undefined;
  #ourPublic: Uint8Array = EMPTY;
  #certificateRequested = false;
  #master: Uint8Array = EMPTY;

  constructor(host: HandshakeHost, config: ClientHandshakeConfig) {
    this.#host = host;
    this.#config = config;
    this.#helloExtensions = this.#extensions();
    this.#hello = {
      version: DTLS_1_2, random: this.#random, sessionId: EMPTY, cookie: EMPTY,
      cipherSuites: [...config.negotiation.suites.map((suite) => suite.id), EMPTY_RENEGOTIATION_INFO_SCSV],
      compressionMethods: new Uint8Array([0]), extensions: new Map(),
    };
  }

  get cipherSuite(): string | undefined {
    return this.#suite?.name;
  }

  /** Sends the first ClientHello. */
  begin(): void {
    this.#sendHello();
  }

  #extensions(): Array<[number, Uint8Array]> {
    const list: Array<[number, Uint8Array]> = [];
    const name = this.#config.serverName;
    if (name !== '' && !/^[\d.]+$|:/.test(name)) list.push([ExtensionType.SERVER_NAME, serverNameExtension(name)]);
    list.push([ExtensionType.SUPPORTED_GROUPS, u16List(this.#config.negotiation.groups)]);
    list.push([ExtensionType.EC_POINT_FORMATS, POINT_FORMATS_UNCOMPRESSED]);
    list.push([ExtensionType.SIGNATURE_ALGORITHMS, u16List(OFFERED_SCHEMES)]);
    list.push([ExtensionType.EXTENDED_MASTER_SECRET, EMPTY]);
    return list;
  }

  #sendHello(): void {
    const message = encodeHandshake(HandshakeType.CLIENT_HELLO, this.#host.nextMessageSeq(), encodeClientHello(this.#hello, this.#helloExtensions));
    this.#transcript = new Transcript();
    this.#transcript.add(message);
    this.#host.sendFlight([{ kind: 'handshake', epoch: 0, message }], true, -1);
  }

  onMessage(message: HandshakeMessage): void {
    switch (this.#step) {
      case 'server-hello':
        if (message.type === HandshakeType.HELLO_VERIFY_REQUEST) return this.#onHelloVerifyRequest(message);
        if (message.type !== HandshakeType.SERVER_HELLO) throw unexpected(message, this.#step);
        return this.#onServerHello(message);
      case 'certificate':
        if (message.type !== HandshakeType.CERTIFICATE) throw unexpected(message, this.#step);
        return this.#onCertificate(message);
      case 'server-key-exchange':
        if (message.type !== HandshakeType.SERVER_KEY_EXCHANGE) throw unexpected(message, this.#step);
        return this.#onServerKeyExchange(message);
      case 'server-hello-done':
        if (message.type === HandshakeType.CERTIFICATE_REQUEST && !this.#certificateRequested) {
          this.#certificateRequested = true;
          this.#transcript.add(message.raw);
          return;
        }
        if (message.type !== HandshakeType.SERVER_HELLO_DONE) throw unexpected(message, this.#step);
        return this.#onServerHelloDone(message);
      case 'finished':
        if (message.type !== HandshakeType.FINISHED) throw unexpected(message, this.#step);
        return this.#onFinished(message);
      default:
        throw unexpected(message, this.#step);
    }
  }

  onChangeCipherSpec(): void {
    // Early (its flight's key exchange was lost) or repeated (a retransmitted flight): ignored.
    if (this.#step !== 'change-cipher-spec') return;
    this.#host.activateReadEpoch();
    this.#step = 'finished';
  }

  #onHelloVerifyRequest(message: HandshakeMessage): void {
    const { cookie } = parseHelloVerifyRequest(message.body);
    if (++this.#helloVerifies > MAX_HELLO_VERIFY || cookie.length === 0) {
      throw new DtlsError('protocol', AlertDescription.ILLEGAL_PARAMETER, 'bad or repeated HelloVerifyRequest');
    }
    // The first ClientHello and the HelloVerifyRequest are not part of the transcript (RFC 6347 §4.2.1).
    this.#hello = { ...this.#hello, cookie: cookie.slice() };
    this.#sendHello();
  }

  #onServerHello(message: HandshakeMessage): void {
    const hello = parseServerHello(message.body);
    if (hello.version !== DTLS_1_2) {
      throw new DtlsError('protocol-version', AlertDescription.PROTOCOL_VERSION, `the server chose version 0x${hello.version.toString(16)}`);
    }
    const suite = suiteById(hello.cipherSuite);
    if (suite === undefined || !this.#config.negotiation.suites.includes(suite) || hello.compressionMethod !== 0) {
      throw new DtlsError('handshake-failure', AlertDescription.ILLEGAL_PARAMETER, `the server chose suite 0x${hello.cipherSuite.toString(16)} we did not offer`);
    }
    for (const type of hello.extensions.keys()) {
      if (!this.#helloExtensions.some(([offered]) => offered === type) && type !== ExtensionType.RENEGOTIATION_INFO) {
        throw new DtlsError('protocol', AlertDescription.UNSUPPORTED_EXTENSION, `the server answered extension ${type} we did not send`);
      }
    }
    const renegotiation = hello.extensions.get(ExtensionType.RENEGOTIATION_INFO);
    if (renegotiation !== undefined && !(renegotiation.length === 1 && renegotiation[0] === 0)) {
      throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'non-empty renegotiation_info on an initial handshake');
    }
    this.#extendedMasterSecret = hello.extensions.has(ExtensionType.EXTENDED_MASTER_SECRET);
    if (!this.#extendedMasterSecret && this.#config.negotiation.requireExtendedMasterSecret) {
      throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'the server does not support extended master secret');
    }
    this.#suite = suite;
    this.#serverRandom = hello.random.slice();
    this.#transcript.add(message.raw);
    this.#step = 'certificate';
  }

  #onCertificate(message: HandshakeMessage): void {
    const chain = parseCertificate(message.body, this.#config.maxCertificates);
    const result = checkCertificateChain(chain, this.#config.certificates);
    if (!result.ok) throw new DtlsError('certificate', result.alert, result.message, result.failure);
    this.#serverKey = result.leaf.publicKey;
    if (keyKind(this.#serverKey) !== this.#suite!.auth) {
      throw new DtlsError('certificate', AlertDescription.UNSUPPORTED_CERTIFICATE, `a ${this.#suite!.auth.toUpperCase()} suite with a ${this.#serverKey.asymmetricKeyType} key`, 'bad-certificate');
    }
    this.#transcript.add(message.raw);
    this.#step = 'server-key-exchange';
  }

  #onServerKeyExchange(message: HandshakeMessage): void {
    const exchange = parseServerKeyExchange(message.body);
    const group = this.#config.negotiation.groups.find((offered) => offered === exchange.group);
    if (group === undefined) {
      throw new DtlsError('handshake-failure', AlertDescription.ILLEGAL_PARAMETER, `the server chose group ${exchange.group} we did not offer`);
    }
    const signed = concatBytes(this.#random, this.#serverRandom, exchange.params);
    if (!verifyWith(exchange.scheme, this.#serverKey!, signed, exchange.signature)) {
      throw new DtlsError('decrypt-error', AlertDescription.DECRYPT_ERROR, 'the ServerKeyExchange signature does not verify');
    }
    const ephemeral = generateEphemeralKey(group);
    try {
      this.#preMaster = ephemeral.deriveSecret(exchange.publicKey);
    } catch {
      throw new DtlsError('handshake-failure', AlertDescription.ILLEGAL_PARAMETER, 'invalid ECDHE public key');
    }
    this.#ourPublic = ephemeral.publicKey;
    this.#transcript.add(message.raw);
    this.#step = 'server-hello-done';
  }

  #onServerHelloDone(message: HandshakeMessage): void {
    this.#transcript.add(message.raw);
    const suite = this.#suite!;
    const entries: Array<{ kind: 'handshake'; epoch: number; message: Uint8Array }> = [];
    if (this.#certificateRequested) {
      // No client certificates (Godot's servers never ask): an empty list, RFC 5246 §7.4.6.
      const empty = encodeHandshake(HandshakeType.CERTIFICATE, this.#host.nextMessageSeq(), encodeCertificate([]));
      this.#transcript.add(empty);
      entries.push({ kind: 'handshake', epoch: 0, message: empty });
    }
    const keyExchange = encodeHandshake(HandshakeType.CLIENT_KEY_EXCHANGE, this.#host.nextMessageSeq(), encodeClientKeyExchange(this.#ourPublic));
    this.#transcript.add(keyExchange);
    entries.push({ kind: 'handshake', epoch: 0, message: keyExchange });

    const keys = deriveSessionKeys(suite, this.#preMaster!, this.#extendedMasterSecret, this.#transcript, this.#random, this.#serverRandom);
    this.#master = keys.master;
    this.#host.setWriteProtection(keys.client);
    this.#host.setPendingReadProtection(keys.server);

    const finished = encodeHandshake(HandshakeType.FINISHED, this.#host.nextMessageSeq(),
      finishedBody(suite, this.#master, 'client finished', this.#transcript));
    this.#transcript.add(finished);
    this.#host.sendFlight([
      ...entries,
      { kind: 'change-cipher-spec', epoch: 0 },
      { kind: 'handshake', epoch: 1, message: finished },
    ], true, message.messageSeq);
    this.#step = 'change-cipher-spec';
  }

  #onFinished(message: HandshakeMessage): void {
    checkFinished(this.#suite!, this.#master, 'server finished', this.#transcript, message.body);
    this.#step = 'done';
    this.#host.sendFlight([], false, message.messageSeq);
    this.#host.established();
  }
}
