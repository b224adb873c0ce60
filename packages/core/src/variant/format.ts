/**
 * The wire dialects the codec speaks. Type ids and a few layouts differ between them; a
 * connection's dialect is configured, never sniffed (0x0E is COLOR in Godot 3 and PLANE in 4).
 */
import { ErrorCode } from '../error.js';
import { VariantError } from './variant-error.js';
import { VariantType } from './variant-type.js';

/**
 * - `'godot4'` (default): Godot 4.4 and newer, with typed Array/Dictionary headers.
 * - `'godot4.3'`: Godot 4.0–4.3 peers: typed containers are sent untyped, no PackedVector4Array.
 * - `'godot3'`: Godot 3.x type ids and rules; Godot 4-only values are refused.
 */
export type VariantFormat = 'godot4' | 'godot4.3' | 'godot3';

/** Every `VariantFormat`, in the order `formatRules` names them in its error: `'godot4'`, `'godot4.3'`, `'godot3'`. */
export const VARIANT_FORMATS: readonly VariantFormat[] = ['godot4', 'godot4.3', 'godot3'];

export interface FormatRules {
  readonly name: VariantFormat;
  /** Godot 4 type id → wire id; -1 when the dialect has no such type. */
  readonly toWire: Int8Array;
  /** Wire id → Godot 4 type id; its length is the dialect's VARIANT_MAX. */
  readonly fromWire: Int8Array;
  /** Typed container headers are written and read (4.4+). */
  readonly typedContainers: boolean;
  /** RID carries its 64-bit id (Godot 4) or nothing (Godot 3). */
  readonly ridHasId: boolean;
  /** Math types may be 64-bit (flag 64); Godot 3 always reads and writes 32-bit. */
  readonly realMayBeDouble: boolean;
}

const T = VariantType;

/** Godot 3's `Variant::Type` order, as Godot 4 ids. */
const GODOT3_TYPES: readonly VariantType[] = [
  T.NIL, T.BOOL, T.INT, T.FLOAT, T.STRING, T.VECTOR2, T.RECT2, T.VECTOR3, T.TRANSFORM2D, T.PLANE,
  T.QUATERNION, T.AABB, T.BASIS, T.TRANSFORM3D, T.COLOR, T.NODE_PATH, T.RID, T.OBJECT,
  T.DICTIONARY, T.ARRAY, T.PACKED_BYTE_ARRAY, T.PACKED_INT32_ARRAY, T.PACKED_FLOAT32_ARRAY,
  T.PACKED_STRING_ARRAY, T.PACKED_VECTOR2_ARRAY, T.PACKED_VECTOR3_ARRAY, T.PACKED_COLOR_ARRAY,
];

function tables(wireOrder: readonly VariantType[]): { toWire: Int8Array; fromWire: Int8Array } {
  const toWire = new Int8Array(39).fill(-1);
  wireOrder.forEach((type, wireId) => (toWire[type] = wireId));
  return { toWire, fromWire: Int8Array.from(wireOrder) };
}

const GODOT4_ORDER = Array.from({ length: 39 }, (_, i) => i as VariantType);

const RULES: Record<VariantFormat, FormatRules> = {
  godot4: { name: 'godot4', ...tables(GODOT4_ORDER), typedContainers: true, ridHasId: true, realMayBeDouble: true },
  'godot4.3': (() => {
    const t = tables(GODOT4_ORDER);
    t.toWire[T.PACKED_VECTOR4_ARRAY] = -1;
    return { name: 'godot4.3', ...t, typedContainers: false, ridHasId: true, realMayBeDouble: true } as const;
  })(),
  godot3: { name: 'godot3', ...tables(GODOT3_TYPES), typedContainers: false, ridHasId: false, realMayBeDouble: false },
};

/** The rules of a dialect; an unknown name is a `VariantError` (`ERR_INVALID_PARAMETER`). */
export function formatRules(format: VariantFormat = 'godot4'): FormatRules {
  const rules = Object.hasOwn(RULES, format) ? RULES[format] : undefined;
  if (!rules) {
    throw new VariantError(ErrorCode.ERR_INVALID_PARAMETER, `Unknown Variant format '${String(format)}' (expected ${VARIANT_FORMATS.join(', ')})`);
  }
  return rules;
}
