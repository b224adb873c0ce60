/**
 * FastLZ (the byte-aligned LZ77 Godot bundles, 0.5.0): the level-1 compressor Godot uses for
 * every ENet datagram (inputs below 64 KiB), and decompressors for both levels, bounds-checked
 * like FastLZ's safe decoder. No Node API; pure functions.
 */
const MAX_COPY = 32;
const MAX_LEN = 264;
const MAX_L1_DISTANCE = 8192;
const MAX_L2_DISTANCE = 8191;
const HASH_LOG = 13;
const HASH_SIZE = 1 << HASH_LOG;
const HASH_MASK = HASH_SIZE - 1;

const hashTable = new Int32Array(HASH_SIZE);

function readU16(data: Uint8Array, at: number): number {
  return (data[at] as number) | ((data[at + 1] as number) << 8);
}

function hash(data: Uint8Array, at: number): number {
  let v = readU16(data, at);
  v ^= readU16(data, at + 1) ^ (v >> (16 - HASH_LOG));
  return v & HASH_MASK;
}

/** `fastlz1_compress`: the level-1 block for `input` (its first byte's top bits say level 1). */
export function fastlzCompress(input: Uint8Array): Uint8Array {
  const length = input.length;
  const out = new Uint8Array(Math.max(66, Math.ceil(length * 1.06) + 2));
  let op = 0;
  if (length < 4) {
    if (length === 0) return out.subarray(0, 0);
    out[op++] = length - 1;
    for (let i = 0; i < length; i++) out[op++] = input[i] as number;
    return out.slice(0, op);
  }

  const ipBound = length - 2;
  const ipLimit = length - 12 - 1;
  hashTable.fill(0);
  let ip = 0;
  let copy = 2;
  out[op++] = MAX_COPY - 1;
  out[op++] = input[ip++] as number;
  out[op++] = input[ip++] as number;

  while (ip < ipLimit) {
    const anchor = ip;
    const h = hash(input, ip);
    let ref = hashTable[h] as number;
    hashTable[h] = anchor;
    let distance = anchor - ref;

    if (distance === 0 || distance >= MAX_L1_DISTANCE ||
      input[ref++] !== input[ip++] || input[ref++] !== input[ip++] || input[ref++] !== input[ip++]) {
      out[op++] = input[anchor] as number;
      ip = anchor + 1;
      copy++;
      if (copy === MAX_COPY) {
        copy = 0;
        out[op++] = MAX_COPY - 1;
      }
      continue;
    }

    ip = anchor + 3;
    distance--;
    if (distance === 0) {
      const x = input[ip - 1];
      while (ip < ipBound) {
        if (input[ref++] !== x) break;
        ip++;
      }
    } else {
      // Matches while bytes agree; the byte that differs is consumed too (undone below).
      for (;;) {
        let stop = false;
        for (let k = 0; k < 8; k++) {
          if (input[ref++] !== input[ip++]) {
            stop = true;
            break;
          }
        }
        if (stop) break;
        while (ip < ipBound) {
          if (input[ref++] !== input[ip++]) break;
        }
        break;
      }
    }

    if (copy !== 0) out[op - copy - 1] = copy - 1;
    else op--;
    copy = 0;

    ip -= 3;
    let len = ip - anchor;
    while (len > MAX_LEN - 2) {
      out[op++] = (7 << 5) + (distance >> 8);
      out[op++] = MAX_LEN - 2 - 7 - 2;
      out[op++] = distance & 255;
      len -= MAX_LEN - 2;
    }
    if (len < 7) {
      out[op++] = (len << 5) + (distance >> 8);
      out[op++] = distance & 255;
    } else {
      out[op++] = (7 << 5) + (distance >> 8);
      out[op++] = len - 7;
      out[op++] = distance & 255;
    }

    hashTable[hash(input, ip)] = ip;
    ip++;
    hashTable[hash(input, ip)] = ip;
    ip++;
    out[op++] = MAX_COPY - 1;
  }

  while (ip <= ipBound + 1) {
    out[op++] = input[ip++] as number;
    copy++;
    if (copy === MAX_COPY) {
      copy = 0;
      out[op++] = MAX_COPY - 1;
    }
  }
  if (copy !== 0) out[op - copy - 1] = copy - 1;
  else op--;
  return out.slice(0, op);
}

function copyMatch(out: Uint8Array, op: number, ref: number, len: number): void {
  // Forward, byte by byte: overlapping matches repeat the bytes just written (runs).
  for (let i = 0; i < len; i++) out[op + i] = out[ref + i] as number;
}

function decompressLevel1(input: Uint8Array, out: Uint8Array): number {
  const ipLimit = input.length;
  const ipBound = ipLimit - 2;
  const opLimit = out.length;
  let ip = 0;
  let op = 0;
  let ctrl = (input[ip++] as number) & 31;
  for (;;) {
    if (ctrl >= 32) {
      let len = (ctrl >> 5) - 1;
      const ofs = (ctrl & 31) << 8;
      let ref = op - ofs - 1;
      if (len === 7 - 1) {
        if (ip > ipBound) return 0;
        len += input[ip++] as number;
      }
      if (ip >= ipLimit) return 0;
      ref -= input[ip++] as number;
      len += 3;
      if (op + len > opLimit || ref < 0) return 0;
      copyMatch(out, op, ref, len);
      op += len;
    } else {
      ctrl++;
      if (op + ctrl > opLimit || ip + ctrl > ipLimit) return 0;
      out.set(input.subarray(ip, ip + ctrl), op);
      ip += ctrl;
      op += ctrl;
    }
    if (ip > ipBound) break;
    ctrl = input[ip++] as number;
  }
  return op;
}

function decompressLevel2(input: Uint8Array, out: Uint8Array): number {
  const ipLimit = input.length;
  const ipBound = ipLimit - 2;
  const opLimit = out.length;
  let ip = 0;
  let op = 0;
  let ctrl = (input[ip++] as number) & 31;
  for (;;) {
    if (ctrl >= 32) {
      let len = (ctrl >> 5) - 1;
      let ofs = (ctrl & 31) << 8;
      let ref = op - ofs - 1;
      let code: number;
      if (len === 7 - 1) {
        do {
          if (ip > ipBound) return 0;
          code = input[ip++] as number;
          len += code;
        } while (code === 255);
      }
      if (ip >= ipLimit) return 0;
      code = input[ip++] as number;
      ref -= code;
      len += 3;
      if (code === 255 && ofs === 31 << 8) {
        if (ip >= ipBound) return 0;
        ofs = (input[ip++] as number) << 8;
        ofs += input[ip++] as number;
        ref = op - ofs - MAX_L2_DISTANCE - 1;
      }
      if (op + len > opLimit || ref < 0) return 0;
      copyMatch(out, op, ref, len);
      op += len;
    } else {
      ctrl++;
      if (op + ctrl > opLimit || ip + ctrl > ipLimit) return 0;
      out.set(input.subarray(ip, ip + ctrl), op);
      ip += ctrl;
      op += ctrl;
    }
    if (ip >= ipLimit) break;
    ctrl = input[ip++] as number;
  }
  return op;
}

/** `fastlz_decompress`: at most `maxOut` bytes, or null for a corrupt block or unknown level. */
export function fastlzDecompress(input: Uint8Array, maxOut: number): Uint8Array | null {
  if (input.length === 0 || maxOut <= 0) return null;
  const level = ((input[0] as number) >> 5) + 1;
  const out = new Uint8Array(maxOut);
  const length = level === 1 ? decompressLevel1(input, out) : level === 2 ? decompressLevel2(input, out) : 0;
  return length === 0 ? null : out.slice(0, length);
}
