/**
 * Godot's `StringName`: an interned string with its own Variant type (`&"name"` in GDScript).
 * As a Dictionary key it is the same key as a String with the same text, as in Godot 4.
 */
export class StringName {
  constructor(
    /** The name's text. */
    readonly value: string = '',
  ) {}

  /** The text, as `str(&"name")` gives it. */
  toString(): string {
    return this.value;
  }
}
