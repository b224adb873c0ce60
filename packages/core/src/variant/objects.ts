/**
 * Variant types that refer to engine-side things a Node.js process cannot own: resource ids,
 * objects, callables and signals. They travel as data so that a round trip is lossless.
 */
import type { Variant } from './value.js';

/** Godot's `RID`: an opaque 64-bit resource id, meaningless outside the process that made it. */
export class RID {
  constructor(
    /** The id, an unsigned 64-bit number; 0 is Godot's invalid RID. */
    readonly id: bigint = 0n,
  ) {}

  /** `RID(id)`, the form `str()` gives in Godot 4. */
  toString(): string {
    return `RID(${this.id})`;
  }
}

/**
 * An Object sent as its instance id (`var_to_bytes` / `put_var` without full objects). Godot's
 * receiving side sees an `EncodedObjectAsID`; this is the same thing.
 */
export class EncodedObjectAsID {
  constructor(
    /** Godot's instance id of the object (`get_object_id()`), an unsigned 64-bit number. */
    readonly objectId: bigint,
  ) {}

  /** `EncodedObjectAsID(id)`, for logs. */
  toString(): string {
    return `EncodedObjectAsID(${this.objectId})`;
  }
}

/**
 * A full Object (`var_to_bytes_with_objects`, `put_var(value, true)`): its native class name and
 * its stored properties, in the order Godot listed them. Decoding one requires `allowObjects`.
 * Since Godot 4.4 the `script` property is a `res://` path String (or `null`).
 */
export class GodotObject {
  /** The stored properties by name, in Godot's order (`script` included when it has one). */
  readonly properties: Map<string, Variant>;

  constructor(
    /** The native class name, e.g. `'Node2D'` or `'RefCounted'`. */
    readonly className: string,
    properties: Iterable<readonly [string, Variant]> | Record<string, Variant> = [],
  ) {
    this.properties = new Map(
      Symbol.iterator in properties
        ? (properties as Iterable<readonly [string, Variant]>)
        : Object.entries(properties),
    );
  }

  /** `ClassName(prop1, prop2, …)`: the class name and the property names, for logs. */
  toString(): string {
    return `${this.className}(${[...this.properties.keys()].join(', ')})`;
  }
}

/** Godot's `Callable`. Only the empty Callable can travel: Godot sends no target or method. */
export class Callable {
  /** `Callable()`, as the empty Callable prints. */
  toString(): string {
    return 'Callable()';
  }
}

/** Godot's `Signal`: a signal name on an object, referred to by instance id (0 = none). */
export class Signal {
  constructor(
    /** The signal's name. */
    readonly name: string,
    /** The instance id of the object that owns the signal; 0 for none. */
    readonly objectId: bigint = 0n,
  ) {}

  /** `Signal(name, objectId)`, for logs. */
  toString(): string {
    return `Signal(${this.name}, ${this.objectId})`;
  }
}
