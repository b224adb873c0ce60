/** The engine's limits and timers, each with its default (Godot's / mbedTLS' where it has one). */

export interface DtlsLimits {
  /**
   * Largest plaintext per record, sent or received (TLS' 2^14; mbedTLS' content length).
   * @default 16384
   */
  maxRecordSize?: number;
  /**
   * Largest handshake message accepted (reassembly buffers are allocated only up to this).
   * mbedTLS' default input buffer bounds it at 16384 too.
   * @default 16384
   */
  maxHandshakeMessageSize?: number;
  /** Handshake messages buffered ahead of the next expected one. @default 8 */
  maxBufferedMessages?: number;
  /** Records of the next epoch buffered until ChangeCipherSpec arrives. @default 16 */
  maxBufferedRecords?: number;
  /** Certificates accepted in the server's Certificate message. @default 10 */
  maxCertificates?: number;
  /**
   * Largest datagram the engine writes during the handshake: flights are fragmented to fit.
   * `undefined` = no DTLS-level fragmentation, as in Godot (each handshake message in one
   * record; flights packed into datagrams up to 16384 bytes).
   * @default undefined
   */
  mtu?: number | undefined;
  /** First retransmission timeout in milliseconds (mbedTLS: 1 s). @default 1000 */
  handshakeTimeoutMinMs?: number;
  /** The timeout doubles up to this; when it expires the handshake fails (mbedTLS: 60 s). @default 60000 */
  handshakeTimeoutMaxMs?: number;
  /** Anti-replay window in records. @default 64 */
  replayWindow?: number;
}

export interface ResolvedLimits {
  readonly maxRecordSize: number;
  readonly maxHandshakeMessageSize: number;
  readonly maxBufferedMessages: number;
  readonly maxBufferedRecords: number;
  readonly maxCertificates: number;
  readonly mtu: number | undefined;
  readonly handshakeTimeoutMinMs: number;
  readonly handshakeTimeoutMaxMs: number;
  readonly replayWindow: number;
}

/** Datagrams are packed up to this when no MTU is set. */
export const UNFRAGMENTED_PACKING_LIMIT = 16_384;
/**
 * Smallest MTU: a ClientHello is never fragmented (mbedTLS and our cookie check refuse fragmented
 * ClientHellos), and ours with a cookie and a host name fits in 256 bytes.
 */
export const MIN_MTU = 256;

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in ${min}…${max}, got ${String(value)}`);
  }
  return value;
}

/** @throws {RangeError} For a value out of range. */
export function resolveLimits(limits: DtlsLimits): ResolvedLimits {
  const handshakeTimeoutMinMs = integer('handshakeTimeoutMinMs', limits.handshakeTimeoutMinMs, 1000, 1, 3_600_000);
  return {
    maxRecordSize: integer('maxRecordSize', limits.maxRecordSize, 16_384, 1, 16_384),
    maxHandshakeMessageSize: integer('maxHandshakeMessageSize', limits.maxHandshakeMessageSize, 16_384, 256, 1 << 24),
    maxBufferedMessages: integer('maxBufferedMessages', limits.maxBufferedMessages, 8, 1, 64),
    maxBufferedRecords: integer('maxBufferedRecords', limits.maxBufferedRecords, 16, 0, 256),
    maxCertificates: integer('maxCertificates', limits.maxCertificates, 10, 1, 64),
    mtu: limits.mtu === undefined ? undefined : integer('mtu', limits.mtu, 0, MIN_MTU, 65_507),
    handshakeTimeoutMinMs,
    handshakeTimeoutMaxMs: integer('handshakeTimeoutMaxMs', limits.handshakeTimeoutMaxMs, 60_000, handshakeTimeoutMinMs, 3_600_000),
    replayWindow: integer('replayWindow', limits.replayWindow, 64, 1, 1024),
  };
}
