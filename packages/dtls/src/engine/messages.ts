/** Bodies of the handshake messages this engine sends and reads (RFC 5246 §7.4, RFC 6347 §4.2). */
import { ByteReader, ByteWriter, DecodeError } from './bytes.js';
import { EC_CURVE_TYPE_NAMED, ExtensionType } from './constants.js';

export type Extensions = ReadonlyMap<number, Uint8Array>;

export interface ClientHello {
  readonly version: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cookie: Uint8Array;
  readonly cipherSuites: readonly number[];
  readonly compressionMethods: Uint8Array;
  readonly extensions: Extensions;
}

export interface ServerHello {
  readonly version: number;
  readonly random: Uint8Array;
  readonly sessionId: Uint8Array;
  readonly cipherSuite: number;
  readonly compressionMethod: number;
  readonly extensions: Extensions;
}

function readExtensions(reader: ByteReader): Map<number, Uint8Array> {
  const extensions = new Map<number, Uint8Array>();
  if (reader.remaining === 0) return extensions;
  const block = new ByteReader(reader.vector16('extensions'));
  while (block.remaining > 0) {
    const type = block.u16('extension type');
    const data = block.vector16('extension data');
    if (extensions.has(type)) throw new DecodeError(`extension ${type} appears twice`);
    extensions.set(type, data);
  }
  return extensions;
}

function writeExtensions(writer: ByteWriter, extensions: ReadonlyArray<[number, Uint8Array]>): void {
  if (extensions.length === 0) return;
  writer.block16((w) => {
    for (const [type, data] of extensions) w.u16(type).vector16(data);
  });
}

export function parseClientHello(body: Uint8Array): ClientHello {
  const reader = new ByteReader(body);
  const version = reader.u16('client_version');
  const random = reader.bytes(32, 'random');
  const sessionId = reader.vector8('session_id');
  if (sessionId.length > 32) throw new DecodeError('session_id longer than 32 bytes');
  const cookie = reader.vector8('cookie');
  const suites = reader.vector16('cipher_suites');
  if (suites.length % 2 !== 0 || suites.length === 0) throw new DecodeError('bad cipher_suites length');
  const cipherSuites: number[] = [];
  for (let i = 0; i < suites.length; i += 2) cipherSuites.push((suites[i]! << 8) | suites[i + 1]!);
  const compressionMethods = reader.vector8('compression_methods');
  if (compressionMethods.length === 0) throw new DecodeError('no compression methods');
  const extensions = readExtensions(reader);
  reader.end('ClientHello');
  return { version, random, sessionId, cookie, cipherSuites, compressionMethods, extensions };
}

export function encodeClientHello(hello: ClientHello, extensionOrder: ReadonlyArray<[number, Uint8Array]>): Uint8Array {
  const writer = new ByteWriter(256);
  writer.u16(hello.version).bytes(hello.random).vector8(hello.sessionId).vector8(hello.cookie);
  writer.u16(hello.cipherSuites.length * 2);
  for (const suite of hello.cipherSuites) writer.u16(suite);
  writer.vector8(hello.compressionMethods);
  writeExtensions(writer, extensionOrder);
  return writer.finish();
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const reader = new ByteReader(body);
  const version = reader.u16('server_version');
  const random = reader.bytes(32, 'random');
  const sessionId = reader.vector8('session_id');
  const cipherSuite = reader.u16('cipher_suite');
  const compressionMethod = reader.u8('compression_method');
  const extensions = readExtensions(reader);
  reader.end('ServerHello');
  return { version, random, sessionId, cipherSuite, compressionMethod, extensions };
}

export function encodeServerHello(hello: ServerHello, extensionOrder: ReadonlyArray<[number, Uint8Array]>): Uint8Array {
  const writer = new ByteWriter(128);
  writer.u16(hello.version).bytes(hello.random).vector8(hello.sessionId).u16(hello.cipherSuite).u8(hello.compressionMethod);
  writeExtensions(writer, extensionOrder);
  return writer.finish();
}

export function encodeHelloVerifyRequest(version: number, cookie: Uint8Array): Uint8Array {
  return new ByteWriter(40).u16(version).vector8(cookie).finish();
}

export function parseHelloVerifyRequest(body: Uint8Array): { version: number; cookie: Uint8Array } {
  const reader = new ByteReader(body);
  const version = reader.u16('server_version');
  const cookie = reader.vector8('cookie');
  reader.end('HelloVerifyRequest');
  return { version, cookie };
}

export function encodeCertificate(chain: readonly Uint8Array[]): Uint8Array {
  const writer = new ByteWriter(4096);
  let total = 0;
  for (const der of chain) total += 3 + der.length;
  writer.u24(total);
  for (const der of chain) writer.vector24(der);
  return writer.finish();
}

export function parseCertificate(body: Uint8Array, maxCertificates: number): Uint8Array[] {
  const reader = new ByteReader(body);
  const list = new ByteReader(reader.vector24('certificate_list'));
  reader.end('Certificate');
  const chain: Uint8Array[] = [];
  while (list.remaining > 0) {
    if (chain.length >= maxCertificates) throw new DecodeError(`more than ${maxCertificates} certificates`);
    const der = list.vector24('certificate');
    if (der.length === 0) throw new DecodeError('empty certificate');
    chain.push(der);
  }
  return chain;
}

export interface ServerKeyExchange {
  readonly group: number;
  readonly publicKey: Uint8Array;
  /** The bytes the signature covers after the two randoms (curve type, group, public key). */
  readonly params: Uint8Array;
  readonly scheme: number;
  readonly signature: Uint8Array;
}

export function encodeEcdheParams(group: number, publicKey: Uint8Array): Uint8Array {
  return new ByteWriter(4 + publicKey.length).u8(EC_CURVE_TYPE_NAMED).u16(group).vector8(publicKey).finish();
}

export function encodeServerKeyExchange(params: Uint8Array, scheme: number, signature: Uint8Array): Uint8Array {
  return new ByteWriter(params.length + 4 + signature.length).bytes(params).u16(scheme).vector16(signature).finish();
}

export function parseServerKeyExchange(body: Uint8Array): ServerKeyExchange {
  const reader = new ByteReader(body);
  const curveType = reader.u8('curve_type');
  if (curveType !== EC_CURVE_TYPE_NAMED) throw new DecodeError(`curve type ${curveType} is not named_curve`);
  const group = reader.u16('named_curve');
  const publicKey = reader.vector8('public key');
  if (publicKey.length === 0) throw new DecodeError('empty ECDH public key');
  const params = body.subarray(0, reader.offset);
  const scheme = reader.u16('signature scheme');
  const signature = reader.vector16('signature');
  reader.end('ServerKeyExchange');
  return { group, publicKey, params, scheme, signature };
}

export function encodeClientKeyExchange(publicKey: Uint8Array): Uint8Array {
  return new ByteWriter(1 + publicKey.length).vector8(publicKey).finish();
}

export function parseClientKeyExchange(body: Uint8Array): Uint8Array {
  const reader = new ByteReader(body);
  const publicKey = reader.vector8('ECDH public key');
  reader.end('ClientKeyExchange');
  if (publicKey.length === 0) throw new DecodeError('empty ECDH public key');
  return publicKey;
}

export function parseFinished(body: Uint8Array): Uint8Array {
  if (body.length !== 12) throw new DecodeError(`Finished of ${body.length} bytes`);
  return body;
}

// --- extensions --------------------------------------------------------------------------

export function u16List(values: readonly number[]): Uint8Array {
  const writer = new ByteWriter(2 + values.length * 2).u16(values.length * 2);
  for (const value of values) writer.u16(value);
  return writer.finish();
}

export function parseU16List(data: Uint8Array, what: string): number[] {
  const reader = new ByteReader(data);
  const list = reader.vector16(what);
  reader.end(what);
  if (list.length % 2 !== 0) throw new DecodeError(`${what}: odd length`);
  const out: number[] = [];
  for (let i = 0; i < list.length; i += 2) out.push((list[i]! << 8) | list[i + 1]!);
  return out;
}

/** server_name with one host_name (RFC 6066 §3). */
export function serverNameExtension(hostname: string): Uint8Array {
  const name = new TextEncoder().encode(hostname);
  return new ByteWriter(5 + name.length).u16(3 + name.length).u8(0).vector16(name).finish();
}

export const EMPTY = new Uint8Array(0);
/** renegotiation_info for an initial handshake: an empty renegotiated_connection. */
export const EMPTY_RENEGOTIATION_INFO = new Uint8Array([0]);
/** ec_point_formats: uncompressed only. */
export const POINT_FORMATS_UNCOMPRESSED = new Uint8Array([1, 0]);

export { ExtensionType };
