import { builtin, type ContainerType } from './container-type.js';
import type { Variant } from './value.js';
import type { VariantType } from './variant-type.js';

/**
 * A typed Godot Array (`Array[int]`, `Array[Node]`…). Plain JavaScript arrays are untyped Godot
 * Arrays; a `TypedArray` remembers its element type so that it travels with the typed header
 * (Godot 4.4+) and decodes back into a typed Array on the other side.
 */
export class TypedArray<T extends Variant = Variant> extends Array<T> {
  /** The element type. */
  readonly elementType: ContainerType;

  constructor(elementType: ContainerType | VariantType, values: Iterable<T> = []) {
    super();
    this.elementType = typeof elementType === 'number' ? builtin(elementType) : elementType;
    for (const value of values) this.push(value);
  }

  /**
   * `Array`: methods that build new arrays (`map`, `filter`, `slice`…) return plain untyped
   * arrays, since the element type of their result is not known.
   */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}
