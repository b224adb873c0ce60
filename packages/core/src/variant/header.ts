/** The header word that starts every encoded Variant (`core/io/marshalls.cpp`). */

/** Low byte: the type id. Decoders must not use more bits than this. */
export const HEADER_TYPE_MASK = 0xff;

/** INT, FLOAT and real-valued math types: the payload uses 64-bit numbers. */
export const HEADER_FLAG_64 = 1 << 16;

/** OBJECT: the payload is an 8-byte instance id instead of a full object. */
export const HEADER_FLAG_OBJECT_AS_ID = 1 << 16;

/** ARRAY: bits 16–17 hold the element's container type kind. */
export const HEADER_TYPED_ARRAY_SHIFT = 16;

/** DICTIONARY: bits 16–17 hold the key's container type kind, bits 18–19 the value's. */
export const HEADER_TYPED_DICTIONARY_KEY_SHIFT = 16;
export const HEADER_TYPED_DICTIONARY_VALUE_SHIFT = 18;

/** Container type kinds (2-bit fields). */
export const CONTAINER_NONE = 0;
export const CONTAINER_BUILTIN = 1;
export const CONTAINER_CLASS_NAME = 2;
export const CONTAINER_SCRIPT = 3;

/** NodePath: the high bit of the first word marks the (only supported) new format. */
export const NODE_PATH_NEW_FORMAT = 0x80000000;
