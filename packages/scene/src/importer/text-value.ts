/** One value of a text resource, as written (nothing is converted to a Variant yet). */
export type TextValue =
  | {
    /** An integer literal (`1`, `-3`). */
    readonly kind: 'int';
    /** Its value. */
    readonly value: number;
  }
  | {
    /** A float literal (`0.5`, `1e3`, `inf`, `nan`). */
    readonly kind: 'float';
    /** Its value. */
    readonly value: number;
  }
  | {
    /** A string literal: `"text"`, a StringName `&"name"` or a NodePath `^"path"`. */
    readonly kind: 'string';
    /** The text, escapes resolved. */
    readonly value: string;
    /** `''` for a String, `&` for a StringName, `^` for a NodePath. */
    readonly prefix: '' | '&' | '^';
  }
  | {
    /** `true` or `false`. */
    readonly kind: 'bool';
    /** Its value. */
    readonly value: boolean;
  }
  | {
    /** `null`. */
    readonly kind: 'null';
  }
  | {
    /** An array literal `[…]`. */
    readonly kind: 'array';
    /** Its elements, in order. */
    readonly items: readonly TextValue[];
  }
  | {
    /** A dictionary literal `{ key: value, … }`. */
    readonly kind: 'dict';
    /** Its key–value pairs, in order. */
    readonly entries: ReadonlyArray<readonly [TextValue, TextValue]>;
  }
  | {
    /** A constructor call: `Vector2(1, 2)`, `NodePath("../x")`, `ExtResource("1_ab")`. */
    readonly kind: 'call';
    /** The called name (`Vector2`, `ExtResource`). */
    readonly name: string;
    /** Its arguments, in order. */
    readonly args: readonly TextValue[];
  }
  | {
    /** Any other bare identifier, kept as written. */
    readonly kind: 'word';
    /** The identifier. */
    readonly value: string;
  };

/**
 * Godot's text Variant syntax as `.tscn`, `.tres` and `project.godot` write it: `1`, `0.5`,
 * `"text"`, `&"name"`, `^"path"`, `true`, `null`, `[...]`, `{...}` and constructor calls
 * (`Vector2(1, 2)`, `NodePath("../x")`, `ExtResource("1_ab")`, `PackedStringArray("a")`).
 */
export class TextValueError extends Error {
  /** Always `TextValueError`. */
  override readonly name = 'TextValueError';
}

/** Parses one value; throws a `TextValueError` for text that is not one. */
export function parseTextValue(text: string): TextValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.done()) throw new TextValueError(`unexpected "${text.slice(parser.at, parser.at + 20)}" after a value`);
  return value;
}

/** The string inside `"…"`, `&"…"`, `^"…"`, or a one-string call (`NodePath("…")`); else `undefined`. */
export function stringOf(value: TextValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'call' && value.args.length === 1) return stringOf(value.args[0]);
  return undefined;
}

export function numberOf(value: TextValue | undefined): number | undefined {
  return value && (value.kind === 'int' || value.kind === 'float') ? value.value : undefined;
}

export function boolOf(value: TextValue | undefined): boolean | undefined {
  return value?.kind === 'bool' ? value.value : undefined;
}

class Parser {
  at = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  done(): boolean {
    return this.at >= this.#text.length;
  }

  skipSpace(): void {
    while (!this.done() && /\s/.test(this.#text[this.at] as string)) this.at++;
  }

  #peek(): string {
    return this.#text[this.at] ?? '';
  }

  #expect(c: string): void {
    this.skipSpace();
    if (this.#peek() !== c) throw new TextValueError(`expected "${c}" at ${this.at}`);
    this.at++;
  }

  value(): TextValue {
    this.skipSpace();
    const c = this.#peek();
    if (c === '"') return { kind: 'string', value: this.#string(), prefix: '' };
    if ((c === '&' || c === '^') && this.#text[this.at + 1] === '"') {
      this.at++;
      return { kind: 'string', value: this.#string(), prefix: c };
    }
    if (c === '[') return { kind: 'array', items: this.#list('[', ']') };
    if (c === '{') return this.#dict();
    const number = /^[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|inf|nan)/i.exec(this.#text.slice(this.at));
    if (number && /[\d.]/.test(number[0])) {
      this.at += number[0].length;
      const isFloat = /[.eE]/.test(number[0]);
      return { kind: isFloat ? 'float' : 'int', value: Number(number[0]) };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.#text.slice(this.at));
    if (!word) throw new TextValueError(`unexpected "${c}" at ${this.at}`);
    this.at += word[0].length;
    if (word[0] === 'true' || word[0] === 'false') return { kind: 'bool', value: word[0] === 'true' };
    if (word[0] === 'null') return { kind: 'null' };
    if (word[0] === 'inf' || word[0] === 'nan') return { kind: 'float', value: word[0] === 'inf' ? Infinity : NaN };
    this.skipSpace();
    if (this.#peek() === '(') return { kind: 'call', name: word[0], args: this.#list('(', ')') };
    return { kind: 'word', value: word[0] };
  }

  #string(): string {
    this.at++; // opening quote
    let out = '';
    for (;;) {
      if (this.done()) throw new TextValueError('unterminated string');
      const c = this.#text[this.at++] as string;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.#text[this.at++] ?? '';
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'u' || e === 'U') {
        const digits = this.#text.slice(this.at, this.at + (e === 'u' ? 4 : 6));
        this.at += digits.length;
        out += String.fromCodePoint(parseInt(digits, 16));
      } else out += e;
    }
  }

  #list(open: string, close: string): TextValue[] {
    this.#expect(open);
    const items: TextValue[] = [];
    this.skipSpace();
    if (this.#peek() === close) {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const c = this.#peek();
      this.at++;
      if (c === close) return items;
      if (c !== ',') throw new TextValueError(`expected "," or "${close}" at ${this.at - 1}`);
      this.skipSpace();
      if (this.#peek() === close) {
        this.at++;
        return items;
      }
    }
  }

  #dict(): TextValue {
    this.#expect('{');
    const entries: Array<[TextValue, TextValue]> = [];
    this.skipSpace();
    if (this.#peek() === '}') {
      this.at++;
      return { kind: 'dict', entries };
    }
    for (;;) {
      const key = this.value();
      this.#expect(':');
      entries.push([key, this.value()]);
      this.skipSpace();
      const c = this.#peek();
      this.at++;
      if (c === '}') return { kind: 'dict', entries };
      if (c !== ',') throw new TextValueError(`expected "," or "}" at ${this.at - 1}`);
    }
  }
}
