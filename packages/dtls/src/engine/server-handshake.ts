/**
 * The server's side of the DTLS 1.2 handshake, started only for a ClientHello whose cookie
 * verified (`CookieExchange`): ServerHello, Certificate, ServerKeyExchange, ServerHelloDone →
 * ClientKeyExchange, ChangeCipherSpec, Finished → ChangeCipherSpec, Finished. No client
 * certificate is asked for, as in Godot.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { concatBytes } from './bytes.js';
import type { CipherSuite } from './cipher-suites.js';
import { AlertDescription, DTLS_1_2, EMPTY_RENEGOTIATION_INFO_SCSV, ExtensionType, HandshakeType, NamedGroup } from './constants.js';
import type { VerifiedClientHello } from './cookie.js';
import { DtlsError } from './dtls-error.js';
import { generateEphemeralKey, type EphemeralKey } from './ecdhe.js';
import type { Handshake, HandshakeHost } from './handshake-host.js';
import { encodeHandshake } from './handshake-message.js';
import {
  EMPTY, EMPTY_RENEGOTIATION_INFO, POINT_FORMATS_UNCOMPRESSED, encodeCertificate, encodeEcdheParams, encodeServerHello,
  encodeServerKeyExchange, parseClientKeyExchange, parseU16List, type ClientHello,
} from './messages.js';
import type { Negotiation } from './negotiation.js';
import { Transcript } from './prf.js';
import type { HandshakeMessage } from './reassembler.js';
import { checkFinished, deriveSessionKeys, finishedBody } from './session-keys.js';
import { chooseScheme, keyKind, signWith } from './signatures.js';

export interface ServerHandshakeConfig {
  readonly negotiation: Negotiation;
  readonly privateKey: KeyObject;
  /** DER certificates, leaf first. */
  readonly chain: readonly Uint8Array[];
}

type Step = 'client-key-exchange' | 'change-cipher-spec' | 'finished' | 'done';

/** DTLS versions are ones' complement: 1.2 (0xfefd) is numerically below 1.0 (0xfeff). */
const supportsDtls12 = (version: number): boolean => version <= DTLS_1_2 && version >= 0xfe00;

export class ServerHandshake implements Handshake {
  readonly #host: HandshakeHost;
  readonly #config: ServerHandshakeConfig;
  readonly #client: VerifiedClientHello;
  readonly #random = new Uint8Array(randomBytes(32));
  readonly #transcript = new Transcript();
  #suite: CipherSuite | undefined;
  #ephemeral: EphemeralKey | undefined;
  #extendedMasterSecret = false;
  #master: Uint8Array = EMPTY;
  #step: Step = 'client-key-exchange';

  constructor(host: HandshakeHost, config: ServerHandshakeConfig, client: VerifiedClientHello) {
    this.#host = host;
    this.#config = config;
    this.#client = client;
  }

  get cipherSuite(): string | undefined {
    return this.#suite?.name;
  }

  /** Answers the verified ClientHello with the server's first flight. */
  begin(): void {
    const hello = this.#client.hello;
    if (!supportsDtls12(hello.version)) {
      throw new DtlsError('protocol-version', AlertDescription.PROTOCOL_VERSION, `the client offers version 0x${hello.version.toString(16)}`);
    }
    if (!hello.compressionMethods.includes(0)) {
      throw new DtlsError('handshake-failure', AlertDescription.ILLEGAL_PARAMETER, 'the client does not offer null compression');
    }
    const kind = keyKind(this.#config.privateKey);
    const suite = this.#config.negotiation.suites.find((candidate) => candidate.auth === kind && hello.cipherSuites.includes(candidate.id));
    if (suite === undefined) throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'no cipher suite in common');
    const group = this.#chooseGroup(hello);
    const scheme = chooseScheme(kind!, this.#config.privateKey, this.#signatureSchemes(hello));
    if (scheme === undefined) throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'no signature scheme in common');
    this.#extendedMasterSecret = hello.extensions.has(ExtensionType.EXTENDED_MASTER_SECRET);
    if (!this.#extendedMasterSecret && this.#config.negotiation.requireExtendedMasterSecret) {
      throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'the client does not support extended master secret');
    }
    const renegotiation = hello.extensions.get(ExtensionType.RENEGOTIATION_INFO);
    if (renegotiation !== undefined && !(renegotiation.length === 1 && renegotiation[0] === 0)) {
      throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'non-empty renegotiation_info on an initial handshake');
    }
    this.#suite = suite;
    this.#transcript.add(this.#client.raw);

    const extensions: Array<[number, Uint8Array]> = [];
    if (renegotiation !== undefined || hello.cipherSuites.includes(EMPTY_RENEGOTIATION_INFO_SCSV)) {
      extensions.push([ExtensionType.RENEGOTIATION_INFO, EMPTY_RENEGOTIATION_INFO]);
    }
    if (this.#extendedMasterSecret) extensions.push([ExtensionType.EXTENDED_MASTER_SECRET, EMPTY]);
    if (hello.extensions.has(ExtensionType.EC_POINT_FORMATS)) extensions.push([ExtensionType.EC_POINT_FORMATS, POINT_FORMATS_UNCOMPRESSED]);
    const serverHello = encodeServerHello({
      version: DTLS_1_2, random: this.#random, sessionId: EMPTY, cipherSuite: suite.id, compressionMethod: 0, extensions: new Map(),
    }, extensions);

    this.#ephemeral = generateEphemeralKey(group);
    const params = encodeEcdheParams(group, this.#ephemeral.publicKey);
    const signature = signWith(scheme, this.#config.privateKey, concatBytes(hello.random, this.#random, params));
    const messages = [
      encodeHandshake(HandshakeType.SERVER_HELLO, this.#host.nextMessageSeq(), serverHello),
      encodeHandshake(HandshakeType.CERTIFICATE, this.#host.nextMessageSeq(), encodeCertificate(this.#config.chain)),
      encodeHandshake(HandshakeType.SERVER_KEY_EXCHANGE, this.#host.nextMessageSeq(), encodeServerKeyExchange(params, scheme, signature)),
      encodeHandshake(HandshakeType.SERVER_HELLO_DONE, this.#host.nextMessageSeq(), EMPTY),
    ];
    for (const message of messages) this.#transcript.add(message);
    this.#host.sendFlight(messages.map((message) => ({ kind: 'handshake', epoch: 0, message })), true, this.#client.messageSeq);
  }

  #chooseGroup(hello: ClientHello): NamedGroup {
    const data = hello.extensions.get(ExtensionType.SUPPORTED_GROUPS);
    // RFC 8422 §4: without the extension, the client supports P-256 at least.
    const offered = data === undefined ? [NamedGroup.SECP256R1] : parseU16List(data, 'supported_groups');
    const group = this.#config.negotiation.groups.find((ours) => offered.includes(ours));
    if (group === undefined) throw new DtlsError('handshake-failure', AlertDescription.HANDSHAKE_FAILURE, 'no ECDHE group in common');
    return group;
  }

  #signatureSchemes(hello: ClientHello): number[] | undefined {
    const data = hello.extensions.get(ExtensionType.SIGNATURE_ALGORITHMS);
    return data === undefined ? undefined : parseU16List(data, 'signature_algorithms');
  }

  onMessage(message: HandshakeMessage): void {
    if (this.#step === 'client-key-exchange' && message.type === HandshakeType.CLIENT_KEY_EXCHANGE) return this.#onClientKeyExchange(message);
    if (this.#step === 'finished' && message.type === HandshakeType.FINISHED) return this.#onFinished(message);
    throw new DtlsError('protocol', AlertDescription.UNEXPECTED_MESSAGE, `handshake message ${message.type} while waiting for ${this.#step}`);
  }

  onChangeCipherSpec(): void {
    // Early (its flight's key exchange was lost) or repeated (a retransmitted flight): ignored.
    if (this.#step !== 'change-cipher-spec') return;
    this.#host.activateReadEpoch();
    this.#step = 'finished';
  }

  #onClientKeyExchange(message: HandshakeMessage): void {
    const suite = this.#suite!;
    let preMaster: Uint8Array;
    try {
      preMaster = this.#ephemeral!.deriveSecret(parseClientKeyExchange(message.body));
    } catch (error) {
      if (error instanceof DtlsError) throw error;
      throw new DtlsError('handshake-failure', AlertDescription.ILLEGAL_PARAMETER, 'invalid ECDHE public key');
    }
    this.#transcript.add(message.raw);
    const keys = deriveSessionKeys(suite, preMaster, this.#extendedMasterSecret, this.#transcript, this.#client.hello.random, this.#random);
    this.#master = keys.master;
    this.#host.setWriteProtection(keys.server);
    this.#host.setPendingReadProtection(keys.client);
    this.#step = 'change-cipher-spec';
  }

  #onFinished(message: HandshakeMessage): void {
    const suite = this.#suite!;
    checkFinished(suite, this.#master, 'client finished', this.#transcript, message.body);
    this.#transcript.add(message.raw);
    const finished = encodeHandshake(HandshakeType.FINISHED, this.#host.nextMessageSeq(),
      finishedBody(suite, this.#master, 'server finished', this.#transcript));
    this.#step = 'done';
    // The last flight is not retransmitted on a timer, only when the client repeats its Finished.
    this.#host.sendFlight([{ kind: 'change-cipher-spec', epoch: 0 }, { kind: 'handshake', epoch: 1, message: finished }], false, message.messageSeq);
    this.#host.established();
  }
}
