/**
 * The element type of a typed Array (`Array[int]`) and the key/value types of a typed Dictionary
 * (`Dictionary[String, int]`), as Godot 4.4+ writes them in the container header.
 */
import { VariantType } from './variant-type.js';

/** A container's element type: a built-in type, a native class, or a script (see the cases). */
export type ContainerType =
  /** A built-in type, e.g. `Array[int]` is `{ kind: 'builtin', type: VariantType.INT }`. */
  | {
      /** `'builtin'`: a built-in Variant type. */
      readonly kind: 'builtin';
      /** The Variant type id, e.g. `VariantType.INT` for `Array[int]`. */
      readonly type: VariantType;
    }
  /** Objects of a native class, e.g. `Array[Node]`. */
  | {
      /** `'class'`: objects of a native class. */
      readonly kind: 'class';
      /** The native class name, e.g. `'Node'`. */
      readonly className: string;
    }
  /** Objects with a script, e.g. `Array[MyScript]`: the script's `res://` path. */
  | {
      /** `'script'`: objects with a given script. */
      readonly kind: 'script';
      /** The script's resource path, e.g. `'res://player.gd'`. */
      readonly path: string;
    };

/** The class name Godot uses for typed object containers decoded without `allowObjects`. */
export const ENCODED_OBJECT_AS_ID = 'EncodedObjectAsID';

/** `{ kind: 'builtin', type }`, the common case. */
export function builtin(type: VariantType): ContainerType {
  return { kind: 'builtin', type };
}

/** The Variant type of the elements a container type admits (OBJECT for class and script kinds). */
export function containerElementType(type: ContainerType): VariantType {
  return type.kind === 'builtin' ? type.type : VariantType.OBJECT;
}

/** Godot's spelling of a container type, e.g. `int`, `Node`, `"res://a.gd"`. */
export function containerTypeName(type: ContainerType | null, names: (t: number) => string): string {
  if (type === null) return 'Variant';
  if (type.kind === 'builtin') return names(type.type);
  return type.kind === 'class' ? type.className : JSON.stringify(type.path);
}
