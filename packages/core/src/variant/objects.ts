/**
 * Variant types that refer to engine-side things a Node.js process cannot own: resource ids,
 * objects, callables and signals. They travel as data so that a round trip is lossless.
 */
import type { Variant } from './value.js';

/** Godot's `RID`: an opaque 64-bit resource id, meaningless outside the process that made it. */
export class RID {
  constructor(readonly id: bigint = 0n) {}

  toString(): string {
    return `RID(${this.id})`;
  }
}

/**
 * An Object sent as its instance id (`var_to_bytes` / `put_var` without full objects). Godot's
 * receiving side sees an `EncodedObjectAsID`; this is the same thing.
 */
export class EncodedObjectAsID {
  constructor(readonly objectId: bigint) {}

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
  readonly properties: Map<string, Variant>;

  constructor(
    readonly className: string,
    properties: Iterable<readonly [string, Variant]> | Record<string, Variant> = [],
  ) {
    this.properties = new Map(
      Symbol.iterator in properties
        ? (properties as Iterable<readonly [string, Variant]>)
        : Object.entries(properties),
    );
  }

  toString(): string {
    return `${this.className}(${[...this.properties.keys()].join(', ')})`;
  }
}

/** Godot's `Callable`. Only the empty Callable can travel: Godot sends no target or method. */
export class Callable {
  toString(): string {
    return 'Callable()';
  }
}

/** Godot's `Signal`: a signal name on an object, referred to by instance id (0 = none). */
export class Signal {
  constructor(
    readonly name: string,
    readonly objectId: bigint = 0n,
  ) {}

  toString(): string {
    return `Signal(${this.name}, ${this.objectId})`;
  }
}
