/**
 * Malformed inputs for the decoder, one per failure `decode_variant` (Godot's `core/io/marshalls.cpp`) reports. The
 * expected code is not written here: the test compares ours with the one the real engine logs.
 */
export interface ErrorCase {
  name: string;
  bytes: Uint8Array;
}

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function nested(depth: number): Uint8Array {
  const out = new Uint8Array(depth * 8 + 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < depth; i++) {
    view.setUint32(i * 8, 0x1c, true);
    view.setUint32(i * 8 + 4, 1, true);
  }
  return out;
}

/** Godot 4 inputs. */
export const GODOT4_ERROR_CASES: ErrorCase[] = [
  { name: 'a single byte', bytes: hex('00') },
  { name: 'a header and half an int', bytes: hex('02 00 00 00 01 00') },
  { name: 'a 64-bit int cut short', bytes: hex('02 00 01 00 01 00 00 00') },
  { name: 'a Vector2 cut short', bytes: hex('05 00 00 00 00 00 80 3f') },
  { name: 'a Transform3D cut short', bytes: hex(`12 00 00 00 ${'00 '.repeat(40)}`) },
  { name: 'an RID cut short', bytes: hex('17 00 00 00 01 00 00 00') },
  { name: 'type id 39', bytes: hex('27 00 00 00') },
  { name: 'type id 255', bytes: hex('ff 00 00 00') },
  { name: 'a string with a negative length', bytes: hex('04 00 00 00 ff ff ff ff 00 00 00 00') },
  { name: 'a string with a huge length', bytes: hex('04 00 00 00 ff ff ff 7f 61 62 63 64') },
  { name: 'a string longer than the input', bytes: hex('04 00 00 00 09 00 00 00 61 00 00 00') },
  { name: 'a string without its padding', bytes: hex('04 00 00 00 02 00 00 00 48 69') },
  { name: 'a string length cut short', bytes: hex('04 00 00 00 01 00') },
  { name: 'invalid UTF-8: lead byte ff', bytes: hex('04 00 00 00 01 00 00 00 ff 00 00 00') },
  { name: 'invalid UTF-8: missing continuation', bytes: hex('04 00 00 00 02 00 00 00 c3 41 00 00') },
  { name: 'invalid UTF-8: overlong', bytes: hex('04 00 00 00 02 00 00 00 c0 af 00 00') },
  { name: 'invalid UTF-8: encoded surrogate', bytes: hex('04 00 00 00 03 00 00 00 ed a0 80 00') },
  { name: 'invalid UTF-8: above U+10FFFF', bytes: hex('04 00 00 00 04 00 00 00 f4 90 80 80') },
  { name: 'a StringName with invalid UTF-8', bytes: hex('15 00 00 00 01 00 00 00 80 00 00 00') },
  { name: 'a NodePath in the old format', bytes: hex('16 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00') },
  { name: 'a NodePath cut short', bytes: hex('16 00 00 00 01 00 00 80 00 00 00 00') },
  { name: 'a NodePath with more names than bytes', bytes: hex('16 00 00 00 ff 00 00 80 00 00 00 00 00 00 00 00') },
  { name: 'a Signal without its object id', bytes: hex('1a 00 00 00 01 00 00 00 61 00 00 00') },
  { name: 'an Array count cut short', bytes: hex('1c 00 00 00 01 00') },
  { name: 'an Array claiming 2^31 - 1 elements', bytes: hex('1c 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00') },
  { name: 'an Array whose element is a bad string', bytes: hex('1c 00 00 00 01 00 00 00 04 00 00 00 09 00 00 00') },
  { name: 'a Dictionary missing its value', bytes: hex('1b 00 00 00 01 00 00 00 00 00 00 00') },
  { name: 'a typed Array with element type 39', bytes: hex('1c 00 01 00 27 00 00 00 00 00 00 00') },
  { name: 'a typed Array without its element type', bytes: hex('1c 00 01 00') },
  { name: 'a typed Dictionary with value type 200', bytes: hex('1b 00 05 00 02 00 00 00 c8 00 00 00 00 00 00 00') },
  { name: 'a PackedByteArray with a negative count', bytes: hex('1d 00 00 00 ff ff ff ff') },
  { name: 'a PackedByteArray longer than the input', bytes: hex('1d 00 00 00 05 00 00 00 01 02 03 04') },
  { name: 'a PackedInt32Array claiming 2^31 - 1 elements', bytes: hex('1e 00 00 00 ff ff ff 7f 00 00 00 00') },
  { name: 'a PackedFloat64Array with a negative count', bytes: hex('21 00 00 00 00 00 00 80') },
  { name: 'a PackedStringArray element past the end', bytes: hex('22 00 00 00 02 00 00 00 02 00 00 00 61 00 00 00') },
  { name: 'a PackedVector3Array longer than the input', bytes: hex('24 00 00 00 02 00 00 00 00 00 80 3f') },
  { name: 'a PackedColorArray cut short', bytes: hex('25 00 00 00 01 00 00 00 00 00 00 00') },
  { name: 'a full object without allow_objects', bytes: hex('18 00 00 00 08 00 00 00 52 65 73 6f 75 72 63 65 00 00 00 00') },
  { name: 'a full object inside an Array without allow_objects', bytes: hex('1c 00 00 00 01 00 00 00 18 00 00 00 04 00 00 00 4e 6f 64 65 00 00 00 00') },
  { name: 'nesting 1025 Arrays deep', bytes: nested(1025) },
];

/** Godot 3 inputs (Godot 3 type ids). */
export const GODOT3_ERROR_CASES: ErrorCase[] = [
  { name: 'a single byte', bytes: hex('00') },
  { name: 'a header and half an int', bytes: hex('02 00 00 00 01 00') },
  { name: 'a Vector2 cut short', bytes: hex('05 00 00 00 00 00 80 3f') },
  { name: 'type id 27', bytes: hex('1b 00 00 00') },
  { name: 'a string with a negative length', bytes: hex('04 00 00 00 ff ff ff ff 00 00 00 00') },
  { name: 'a string longer than the input', bytes: hex('04 00 00 00 09 00 00 00 61 00 00 00') },
  { name: 'invalid UTF-8: lead byte ff', bytes: hex('04 00 00 00 01 00 00 00 ff 00 00 00') },
  { name: 'invalid UTF-8: overlong', bytes: hex('04 00 00 00 02 00 00 00 c0 af 00 00') },
  { name: 'a NodePath in the old format', bytes: hex('0f 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00') },
  { name: 'an Array claiming 2^31 - 1 elements', bytes: hex('13 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00') },
  { name: 'a Dictionary missing its value', bytes: hex('12 00 00 00 01 00 00 00 00 00 00 00') },
  { name: 'a PoolByteArray with a negative count', bytes: hex('14 00 00 00 ff ff ff ff') },
  { name: 'a PoolIntArray claiming 2^31 - 1 elements', bytes: hex('15 00 00 00 ff ff ff 7f 00 00 00 00') },
  { name: 'a full object without allow_objects', bytes: hex('11 00 00 00 08 00 00 00 52 65 73 6f 75 72 63 65 00 00 00 00') },
];

/**
 * Godot checks that log a message without the returned code. The codes are the ones those checks
 * return in `core/io/marshalls.cpp` (`ERR_FAIL_INDEX_V(…, ERR_INVALID_DATA)` in
 * `_decode_container_type`, `ERR_FAIL_COND_V_MSG(…, ERR_OUT_OF_MEMORY, "Variant is too deep…")`).
 */
const SILENT_CHECKS: Array<[RegExp, string]> = [
  [/Index bt = -?\d+ is out of bounds/, 'ERR_INVALID_DATA'],
  [/Variant is too deep/, 'ERR_OUT_OF_MEMORY'],
];

/**
 * The error code the engine logged for each case: the first `Returning: ERR_…` (Godot 4) or
 * `Returned: ERR_…` (Godot 3) after the case's `PP|case|i` marker (printed with `printerr`) is the
 * innermost failure.
 */
export function engineErrorCodes(lines: ReadonlyArray<{ text: string }>): Map<number, string> {
  const codes = new Map<number, string>();
  let current = -1;
  for (const line of lines) {
    // Scripts print the marker with printerr: on the error stream, it stays in order with the errors.
    const marker = /^PP\|case\|(\d+)$/.exec(line.text);
    if (marker) {
      current = Number(marker[1]);
      continue;
    }
    if (current < 0 || codes.has(current)) continue;
    const code = /Return(?:ing|ed): (ERR_[A-Z_]+)/.exec(line.text)?.[1] ?? SILENT_CHECKS.find(([pattern]) => pattern.test(line.text))?.[1];
    if (code !== undefined) codes.set(current, code);
  }
  return codes;
}
