/** DTLS record framing (RFC 6347 §4.1): a 13-byte header, then the (possibly protected) fragment. */
import { RECORD_HEADER_SIZE } from './constants.js';

export interface DtlsRecord {
  readonly type: number;
  readonly version: number;
  readonly epoch: number;
  /** 48-bit sequence number within the epoch. */
  readonly sequence: number;
  readonly fragment: Uint8Array;
}

/**
 * The records of one datagram. A record whose header or length runs past the end of the
 * datagram ends parsing (RFC 6347 §4.1.2.7: the rest of the datagram is discarded); records
 * longer than `maxFragment` are skipped.
 */
export function parseRecords(datagram: Uint8Array, maxFragment: number): DtlsRecord[] {
  const records: DtlsRecord[] = [];
  let offset = 0;
  while (datagram.length - offset >= RECORD_HEADER_SIZE) {
    const d = datagram;
    const length = (d[offset + 11]! << 8) | d[offset + 12]!;
    const end = offset + RECORD_HEADER_SIZE + length;
    if (end > d.length) break;
    if (length <= maxFragment) {
      records.push({
        type: d[offset]!,
        version: (d[offset + 1]! << 8) | d[offset + 2]!,
        epoch: (d[offset + 3]! << 8) | d[offset + 4]!,
        sequence: ((d[offset + 5]! << 8) | d[offset + 6]!) * 2 ** 32
          + (((d[offset + 7]! << 24) >>> 0) + ((d[offset + 8]! << 16) | (d[offset + 9]! << 8) | d[offset + 10]!)),
        fragment: d.subarray(offset + RECORD_HEADER_SIZE, end),
      });
    }
    offset = end;
  }
  return records;
}

/** Writes a record header into `out` at `offset`. */
export function writeRecordHeader(
  out: Uint8Array, offset: number, type: number, version: number, epoch: number, sequence: number, length: number,
): void {
  out[offset] = type;
  out[offset + 1] = version >>> 8;
  out[offset + 2] = version & 0xff;
  writeEpochSequence(out, offset + 3, epoch, sequence);
  out[offset + 11] = length >>> 8;
  out[offset + 12] = length & 0xff;
}

/** The 64-bit epoch ‖ 48-bit sequence number, as in record headers, nonces and MAC input. */
export function writeEpochSequence(out: Uint8Array, offset: number, epoch: number, sequence: number): void {
  const high = Math.floor(sequence / 2 ** 32);
  out[offset] = epoch >>> 8;
  out[offset + 1] = epoch & 0xff;
  out[offset + 2] = high >>> 8;
  out[offset + 3] = high & 0xff;
  out[offset + 4] = (sequence >>> 24) & 0xff;
  out[offset + 5] = (sequence >>> 16) & 0xff;
  out[offset + 6] = (sequence >>> 8) & 0xff;
  out[offset + 7] = sequence & 0xff;
}

/** A whole record: header plus fragment. */
export function encodeRecord(type: number, version: number, epoch: number, sequence: number, fragment: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_SIZE + fragment.length);
  writeRecordHeader(out, 0, type, version, epoch, sequence, fragment.length);
  out.set(fragment, RECORD_HEADER_SIZE);
  return out;
}
