/**
 * ENet's range coder (`compress.c`): an adaptive order-2 PPM model over a range coder, reset for
 * every datagram, bit-exact with C ENet so either side can read the other's datagrams. Godot's
 * `COMPRESS_RANGE_CODER` is this coder.
 *
 * C's integer widths matter here and are kept: the coder's low/range/code are 32-bit, the model's
 * counts and totals 16-bit (`& 0xffff`), symbol values 8-bit. Tree links are stored, as in C, as
 * offsets from the node that holds them; `parent` and `predicted` are absolute indices.
 */
import type { Compressor } from './compressor.js';

const TOP = 1 << 24;
const BOTTOM = 1 << 16;
const CONTEXT_SYMBOL_DELTA = 3;
const CONTEXT_SYMBOL_MINIMUM = 1;
const CONTEXT_ESCAPE_MINIMUM = 1;
const SUBCONTEXT_ORDER = 2;
const SUBCONTEXT_SYMBOL_DELTA = 2;
const SUBCONTEXT_ESCAPE_DELTA = 5;
const SYMBOL_COUNT = 4096;
const ROOT = 0;
/** `parentRef` value meaning "the `predicted` variable" rather than a symbol's parent field. */
const PREDICTED = -1;

export class RangeCoder implements Compressor {
  readonly #value = new Uint8Array(SYMBOL_COUNT);
  readonly #count = new Uint8Array(SYMBOL_COUNT);
  readonly #under = new Uint16Array(SYMBOL_COUNT);
  readonly #left = new Uint16Array(SYMBOL_COUNT);
  readonly #right = new Uint16Array(SYMBOL_COUNT);
  readonly #symbols = new Uint16Array(SYMBOL_COUNT);
  readonly #escapes = new Uint16Array(SYMBOL_COUNT);
  readonly #total = new Uint16Array(SYMBOL_COUNT);
  readonly #parent = new Uint16Array(SYMBOL_COUNT);
  readonly #out = new Uint8Array(65536);
  #nextSymbol = 0;
  #predicted = 0;
  #order = 0;

  #createSymbol(value: number, count: number): number {
    const s = this.#nextSymbol++;
    this.#value[s] = value;
    this.#count[s] = count;
    this.#under[s] = count;
    this.#left[s] = 0;
    this.#right[s] = 0;
    this.#symbols[s] = 0;
    this.#escapes[s] = 0;
    this.#total[s] = 0;
    this.#parent[s] = 0;
    return s;
  }

  #createContext(escapes: number, minimum: number): number {
    const context = this.#createSymbol(0, 0);
    this.#escapes[context] = escapes;
    this.#total[context] = escapes + 256 * minimum;
    this.#symbols[context] = 0;
    return context;
  }

  #reset(): void {
    this.#nextSymbol = 0;
    this.#createContext(CONTEXT_ESCAPE_MINIMUM, CONTEXT_SYMBOL_MINIMUM);
    this.#predicted = 0;
    this.#order = 0;
  }

  #rescaleSymbol(start: number): number {
    let total = 0;
    let symbol = start;
    for (;;) {
      this.#count[symbol] = (this.#count[symbol] as number) - ((this.#count[symbol] as number) >> 1);
      this.#under[symbol] = this.#count[symbol] as number;
      if (this.#left[symbol] !== 0) {
        this.#under[symbol] = (this.#under[symbol] as number) + this.#rescaleSymbol(symbol + (this.#left[symbol] as number));
      }
      total = (total + (this.#under[symbol] as number)) & 0xffff;
      if (this.#right[symbol] === 0) break;
      symbol += this.#right[symbol] as number;
    }
    return total;
  }

  #rescaleContext(context: number, minimum: number): void {
    let total = this.#symbols[context] !== 0 ? this.#rescaleSymbol(context + (this.#symbols[context] as number)) : 0;
    this.#escapes[context] = (this.#escapes[context] as number) - ((this.#escapes[context] as number) >> 1);
    total += (this.#escapes[context] as number) + 256 * minimum;
    this.#total[context] = total;
  }

  #setParent(ref: number, symbol: number): void {
    if (ref === PREDICTED) this.#predicted = symbol;
    else this.#parent[ref] = symbol;
  }

  // Results of #contextEncode / decode (C passes these as macro out-parameters).
  #symbol = 0;
  #under16 = 0;
  #count16 = 0;
  #decodedValue = 0;

  /** ENET_CONTEXT_ENCODE: finds or adds `value` in `context`, updating counts. */
  #contextEncode(context: number, value: number, update: number, minimum: number): void {
    let under = (value * minimum) & 0xffff;
    let count = minimum;
    if (this.#symbols[context] === 0) {
      this.#symbol = this.#createSymbol(value, update);
      this.#symbols[context] = this.#symbol - context;
    } else {
      let node = context + (this.#symbols[context] as number);
      for (;;) {
        const nodeValue = this.#value[node] as number;
        if (value < nodeValue) {
          this.#under[node] = (this.#under[node] as number) + update;
          if (this.#left[node] !== 0) {
            node += this.#left[node] as number;
            continue;
          }
          this.#symbol = this.#createSymbol(value, update);
          this.#left[node] = this.#symbol - node;
        } else if (value > nodeValue) {
          under = (under + (this.#under[node] as number)) & 0xffff;
          if (this.#right[node] !== 0) {
            node += this.#right[node] as number;
            continue;
          }
          this.#symbol = this.#createSymbol(value, update);
          this.#right[node] = this.#symbol - node;
        } else {
          count = (count + (this.#count[node] as number)) & 0xffff;
          under = (under + (this.#under[node] as number) - (this.#count[node] as number)) & 0xffff;
          this.#under[node] = (this.#under[node] as number) + update;
          this.#count[node] = (this.#count[node] as number) + update;
          this.#symbol = node;
        }
        break;
      }
    }
    this.#under16 = under;
    this.#count16 = count;
  }

  #freeSymbols(): void {
    if (this.#nextSymbol >= SYMBOL_COUNT - SUBCONTEXT_ORDER) this.#reset();
  }

  #advance(): void {
    if (this.#order >= SUBCONTEXT_ORDER) this.#predicted = this.#parent[this.#predicted] as number;
    else this.#order++;
    this.#freeSymbols();
  }

  compress(input: Uint8Array, limit: number): Uint8Array | null {
    if (input.length === 0 || limit <= 0) return null;
    const out = this.#out;
    const outLimit = Math.min(limit, out.length);
    let outAt = 0;
    let low = 0;
    let range = 0xffffffff;
    this.#reset();

    const encode = (under: number, count: number, total: number): boolean => {
      range = Math.floor(range / total) >>> 0;
      low = (low + Math.imul(under, range)) >>> 0;
      range = Math.imul(range, count) >>> 0;
      for (;;) {
        if (((low ^ ((low + range) >>> 0)) >>> 0) >= TOP) {
          if (range >= BOTTOM) break;
          range = ((-low) >>> 0) & (BOTTOM - 1);
        }
        if (outAt >= outLimit) return false;
        out[outAt++] = low >>> 24;
        range = (range << 8) >>> 0;
        low = (low << 8) >>> 0;
      }
      return true;
    };

    for (let i = 0; i < input.length; i++) {
      const value = input[i] as number;
      let parentRef = PREDICTED;
      let coded = false;
      for (let subcontext = this.#predicted; subcontext !== ROOT; subcontext = this.#parent[subcontext] as number) {
        this.#contextEncode(subcontext, value, SUBCONTEXT_SYMBOL_DELTA, 0);
        const symbol = this.#symbol;
        const under = this.#under16;
        const count = this.#count16;
        this.#setParent(parentRef, symbol);
        parentRef = symbol;
        const total = this.#total[subcontext] as number;
        const escapes = this.#escapes[subcontext] as number;
        if (count > 0) {
          if (!encode((escapes + under) & 0xffff, count, total)) return null;
        } else {
          if (escapes > 0 && escapes < total && !encode(0, escapes, total)) return null;
          this.#escapes[subcontext] = escapes + SUBCONTEXT_ESCAPE_DELTA;
          this.#total[subcontext] = (this.#total[subcontext] as number) + SUBCONTEXT_ESCAPE_DELTA;
        }
        this.#total[subcontext] = (this.#total[subcontext] as number) + SUBCONTEXT_SYMBOL_DELTA;
        if (count > 0xff - 2 * SUBCONTEXT_SYMBOL_DELTA || (this.#total[subcontext] as number) > BOTTOM - 0x100) {
          this.#rescaleContext(subcontext, 0);
        }
        if (count > 0) {
          coded = true;
          break;
        }
      }
      if (!coded) {
        this.#contextEncode(ROOT, value, CONTEXT_SYMBOL_DELTA, CONTEXT_SYMBOL_MINIMUM);
        this.#setParent(parentRef, this.#symbol);
        const count = this.#count16;
        if (!encode(((this.#escapes[ROOT] as number) + this.#under16) & 0xffff, count, this.#total[ROOT] as number)) return null;
        this.#total[ROOT] = (this.#total[ROOT] as number) + CONTEXT_SYMBOL_DELTA;
        if (count > 0xff - 2 * CONTEXT_SYMBOL_DELTA + CONTEXT_SYMBOL_MINIMUM || (this.#total[ROOT] as number) > BOTTOM - 0x100) {
          this.#rescaleContext(ROOT, CONTEXT_SYMBOL_MINIMUM);
        }
      }
      this.#advance();
    }

    while (low !== 0) {
      if (outAt >= outLimit) return null;
      out[outAt++] = low >>> 24;
      low = (low << 8) >>> 0;
    }
    return out.slice(0, outAt);
  }

  /** ENET_CONTEXT_DECODE for a subcontext: false when `code` names no symbol (corrupt input). */
  #tryDecode(context: number, code: number, update: number): boolean {
    let under = 0;
    let count = 0;
    if (this.#symbols[context] === 0) return false;
    let node = context + (this.#symbols[context] as number);
    for (;;) {
      const after = (under + (this.#under[node] as number)) & 0xffff;
      const before = this.#count[node] as number;
      if (code >= after) {
        under = (under + (this.#under[node] as number)) & 0xffff;
        if (this.#right[node] !== 0) {
          node += this.#right[node] as number;
          continue;
        }
        return false;
      } else if (code < after - before) {
        this.#under[node] = (this.#under[node] as number) + update;
        if (this.#left[node] !== 0) {
          node += this.#left[node] as number;
          continue;
        }
        return false;
      }
      this.#decodedValue = this.#value[node] as number;
      count = (count + (this.#count[node] as number)) & 0xffff;
      under = (after - before) & 0xffff;
      this.#under[node] = (this.#under[node] as number) + update;
      this.#count[node] = (this.#count[node] as number) + update;
      this.#symbol = node;
      this.#under16 = under;
      this.#count16 = count;
      return true;
    }
  }

  /** ENET_CONTEXT_ROOT_DECODE (minimum 1): always yields a symbol, adding it if new. */
  #rootDecode(code: number, update: number): void {
    const minimum = CONTEXT_SYMBOL_MINIMUM;
    let under = 0;
    let count = minimum;
    const context = ROOT;
    if (this.#symbols[context] === 0) {
      this.#decodedValue = Math.floor(code / minimum) & 0xff;
      under = (code - (code % minimum)) & 0xffff;
      this.#symbol = this.#createSymbol(this.#decodedValue, update);
      this.#symbols[context] = this.#symbol - context;
    } else {
      let node = context + (this.#symbols[context] as number);
      for (;;) {
        const after = (under + (this.#under[node] as number) + ((this.#value[node] as number) + 1) * minimum) & 0xffff;
        const before = ((this.#count[node] as number) + minimum) & 0xffff;
        if (code >= after) {
          under = (under + (this.#under[node] as number)) & 0xffff;
          if (this.#right[node] !== 0) {
            node += this.#right[node] as number;
            continue;
          }
          this.#decodedValue = ((this.#value[node] as number) + 1 + Math.floor((code - after) / minimum)) & 0xff;
          under = (code - ((code - after) % minimum)) & 0xffff;
          this.#symbol = this.#createSymbol(this.#decodedValue, update);
          this.#right[node] = this.#symbol - node;
        } else if (code < after - before) {
          this.#under[node] = (this.#under[node] as number) + update;
          if (this.#left[node] !== 0) {
            node += this.#left[node] as number;
            continue;
          }
          const gap = after - before - code - 1;
          this.#decodedValue = ((this.#value[node] as number) - 1 - Math.floor(gap / minimum)) & 0xff;
          under = (code - (gap % minimum)) & 0xffff;
          this.#symbol = this.#createSymbol(this.#decodedValue, update);
          this.#left[node] = this.#symbol - node;
        } else {
          this.#decodedValue = this.#value[node] as number;
          count = (count + (this.#count[node] as number)) & 0xffff;
          under = (after - before) & 0xffff;
          this.#under[node] = (this.#under[node] as number) + update;
          this.#count[node] = (this.#count[node] as number) + update;
          this.#symbol = node;
        }
        break;
      }
    }
    this.#under16 = under;
    this.#count16 = count;
  }

  decompress(input: Uint8Array, limit: number): Uint8Array | null {
    if (input.length === 0) return null;
    const out = this.#out;
    const outLimit = Math.min(limit, out.length);
    let outAt = 0;
    let inAt = 0;
    let low = 0;
    let code32 = 0;
    let range = 0xffffffff;
    this.#reset();

    for (let shift = 24; shift >= 0; shift -= 8) {
      if (inAt < input.length) code32 = (code32 | ((input[inAt++] as number) << shift)) >>> 0;
    }

    const read = (total: number): number => {
      range = Math.floor(range / total) >>> 0;
      if (range === 0) return -1;
      return Math.floor((((code32 - low) >>> 0) / range)) & 0xffff;
    };
    const decode = (under: number, count: number): void => {
      low = (low + Math.imul(under, range)) >>> 0;
      range = Math.imul(range, count) >>> 0;
      for (;;) {
        if (((low ^ ((low + range) >>> 0)) >>> 0) >= TOP) {
          if (range >= BOTTOM) break;
          range = ((-low) >>> 0) & (BOTTOM - 1);
        }
        code32 = (code32 << 8) >>> 0;
        if (inAt < input.length) code32 = (code32 | (input[inAt++] as number)) >>> 0;
        range = (range << 8) >>> 0;
        low = (low << 8) >>> 0;
      }
    };

    for (;;) {
      let parentRef = PREDICTED;
      let subcontext = this.#predicted;
      let bottom = 0;
      let found = false;
      for (; subcontext !== ROOT; subcontext = this.#parent[subcontext] as number) {
        const escapes = this.#escapes[subcontext] as number;
        if (escapes <= 0) continue;
        const total = this.#total[subcontext] as number;
        if (escapes >= total) continue;
        let code = read(total);
        if (code < 0) return null;
        if (code < escapes) {
          decode(0, escapes);
          continue;
        }
        code = (code - escapes) & 0xffff;
        if (!this.#tryDecode(subcontext, code, SUBCONTEXT_SYMBOL_DELTA)) return null;
        bottom = this.#symbol;
        const count = this.#count16;
        decode((escapes + this.#under16) & 0xffff, count);
        this.#total[subcontext] = (this.#total[subcontext] as number) + SUBCONTEXT_SYMBOL_DELTA;
        if (count > 0xff - 2 * SUBCONTEXT_SYMBOL_DELTA || (this.#total[subcontext] as number) > BOTTOM - 0x100) {
          this.#rescaleContext(subcontext, 0);
        }
        found = true;
        break;
      }
      if (!found) {
        const total = this.#total[ROOT] as number;
        let code = read(total);
        if (code < 0) return null;
        const escapes = this.#escapes[ROOT] as number;
        if (code < escapes) {
          decode(0, escapes);
          break;
        }
        code = (code - escapes) & 0xffff;
        this.#rootDecode(code, CONTEXT_SYMBOL_DELTA);
        bottom = this.#symbol;
        const count = this.#count16;
        decode((escapes + this.#under16) & 0xffff, count);
        this.#total[ROOT] = (this.#total[ROOT] as number) + CONTEXT_SYMBOL_DELTA;
        if (count > 0xff - 2 * CONTEXT_SYMBOL_DELTA + CONTEXT_SYMBOL_MINIMUM || (this.#total[ROOT] as number) > BOTTOM - 0x100) {
          this.#rescaleContext(ROOT, CONTEXT_SYMBOL_MINIMUM);
        }
      }

      const value = this.#decodedValue;
      for (let patch = this.#predicted; patch !== subcontext; patch = this.#parent[patch] as number) {
        this.#contextEncode(patch, value, SUBCONTEXT_SYMBOL_DELTA, 0);
        this.#setParent(parentRef, this.#symbol);
        parentRef = this.#symbol;
        const count = this.#count16;
        if (count <= 0) {
          this.#escapes[patch] = (this.#escapes[patch] as number) + SUBCONTEXT_ESCAPE_DELTA;
          this.#total[patch] = (this.#total[patch] as number) + SUBCONTEXT_ESCAPE_DELTA;
        }
        this.#total[patch] = (this.#total[patch] as number) + SUBCONTEXT_SYMBOL_DELTA;
        if (count > 0xff - 2 * SUBCONTEXT_SYMBOL_DELTA || (this.#total[patch] as number) > BOTTOM - 0x100) {
          this.#rescaleContext(patch, 0);
        }
      }
      this.#setParent(parentRef, bottom);

      if (outAt >= outLimit) return null;
      out[outAt++] = value;
      this.#advance();
    }
    return out.slice(0, outAt);
  }
}
