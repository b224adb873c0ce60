/**
 * The tokenizer of Godot's text parser (`VariantParser::get_token`), for both dialects. It keeps
 * Godot's quirks where they decide what text means: any character up to U+0020 is blank, `;`
 * starts a comment, `-` glues to the following number or identifier (`-inf` is an identifier),
 * and Godot 3 has no StringNames and no `E` exponent.
 */
import { ErrorCode } from '../error.js';
import { Color } from '../variant/math.js';
import { godotStringToFloat, godotStringToInt } from './godot-number.js';
import { type TextPosition, VariantParseError } from './parse-error.js';

export type TokenType =
  | '{' | '}' | '[' | ']' | '(' | ')' | ':' | ',' | '.' | '='
  | 'identifier' | 'string' | 'string_name' | 'number' | 'color' | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly at: TextPosition;
  /** Identifier name or string contents. */
  readonly text: string;
  /** For numbers: the value, `bigint` for an int token, `number` for a float token. */
  readonly number?: bigint | number;
  /** For `#rrggbb` color tokens. */
  readonly color?: Color;
}

const PUNCTUATION = new Set('{}[]():,.=');

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isHex = (c: string | undefined): boolean => isDigit(c) || (c !== undefined && /^[a-fA-F]$/.test(c));

/** The names the lexer shows in errors, as Godot's `tk_name`. */
export function tokenName(type: TokenType): string {
  if (type === 'eof') return 'EOF';
  if (type === 'identifier' || type === 'string' || type === 'string_name' || type === 'number' || type === 'color') return type;
  return `'${type}'`;
}

export class TextLexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly godot3: boolean,
    /** How float tokens become numbers: Godot's `String::to_float` unless told otherwise. */
    private readonly toFloat: (token: string) => number = godotStringToFloat,
  ) {}

  /** Where the lexer is now. */
  here(): TextPosition {
    return { line: this.line, column: this.pos - this.lineStart + 1, offset: this.pos };
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private fail(reason: string, at: TextPosition = this.here()): never {
    throw new VariantParseError(reason, at, ErrorCode.ERR_PARSE_ERROR);
  }

  private newline(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  next(): Token {
    const text = this.text;
    for (;;) {
      if (this.pos >= text.length || text[this.pos] === '\0') return { type: 'eof', at: this.here(), text: '' };
      const at = this.here();
      const c = text[this.pos] as string;
      this.pos++;
      if (c === '\n') {
        this.newline();
        continue;
      }
      if (PUNCTUATION.has(c)) return { type: c as TokenType, at, text: c };
      if (c === ';') {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '#') return this.color(at);
      if ((c === '&' || c === '@') && !this.godot3) {
        if (text[this.pos] !== '"') this.fail(`Expected '"' after '${c}'`, at);
        this.pos++;
        return { type: 'string_name', at, text: this.string(at) };
      }
      if (c === '"') return { type: 'string', at, text: this.string(at) };
      if (c.charCodeAt(0) <= 32) continue;
      return this.word(c, at);
    }
  }

  private color(at: TextPosition): Token {
    const start = this.pos;
    while (isHex(this.text[this.pos])) this.pos++;
    // Godot reads past the last hex digit; at the end of the text that read is its EOF.
    if (this.pos >= this.text.length) return { type: 'eof', at: this.here(), text: '' };
    const hex = this.text.slice(start, this.pos);
    return { type: 'color', at, text: `#${hex}`, color: htmlColor(hex, this.godot3) };
  }

  private string(at: TextPosition): string {
    const text = this.text;
    let out = '';
    let lead = 0;
    const unterminated = (): never => this.fail(this.godot3 ? 'Unterminated String' : 'Unterminated string', at);
    for (;;) {
      if (this.pos >= text.length || text[this.pos] === '\0') unterminated();
      const ch = text[this.pos] as string;
      this.pos++;
      if (ch === '"') break;
      if (ch !== '\\') {
        if (lead !== 0) this.fail('Invalid UTF-16 sequence in string, unpaired lead surrogate');
        out += ch;
        if (ch === '\n') this.newline();
        continue;
      }
      if (this.pos >= text.length || text[this.pos] === '\0') unterminated();
      const next = text[this.pos] as string;
      this.pos++;
      let code: number;
      switch (next) {
        case 'b': code = 8; break;
        case 't': code = 9; break;
        case 'n': code = 10; break;
        case 'f': code = 12; break;
        case 'r': code = 13; break;
        case 'u':
        case 'U': {
          if (next === 'U' && this.godot3) {
            code = 85;
            break;
          }
          code = 0;
          for (let j = 0; j < (next === 'U' ? 6 : 4); j++) {
            const h = text[this.pos];
            if (h === undefined || h === '\0') unterminated();
            if (!isHex(h)) this.fail('Malformed hex constant in string');
            code = code * 16 + parseInt(h as string, 16);
            this.pos++;
          }
          break;
        }
        default:
          code = text.codePointAt(this.pos - 1) as number;
          if (code > 0xffff) this.pos++;
      }
      if (this.godot3) {
        out += String.fromCodePoint(Math.min(code, 0x10ffff));
        continue;
      }
      if ((code & 0xfffffc00) === 0xd800) {
        if (lead !== 0) this.fail('Invalid UTF-16 sequence in string, unpaired lead surrogate');
        lead = code;
        continue;
      }
      if ((code & 0xfffffc00) === 0xdc00) {
        if (lead === 0) this.fail('Invalid UTF-16 sequence in string, unpaired trail surrogate');
        code = (lead - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000;
        lead = 0;
      }
      if (lead !== 0) this.fail('Invalid UTF-16 sequence in string, unpaired lead surrogate');
      // Godot 4 keeps code points above U+10FFFF in its UTF-32 strings; JavaScript cannot.
      if (code > 0x10ffff) this.fail('Invalid unicode code point in string');
      out += String.fromCodePoint(code);
    }
    if (lead !== 0) this.fail('Invalid UTF-16 sequence in string, unpaired lead surrogate');
    return out;
  }

  private word(first: string, at: TextPosition): Token {
    const text = this.text;
    let c: string | undefined = first;
    let prefix = '';
    if (c === '-') {
      prefix = '-';
      c = text[this.pos];
      this.pos++;
      // Godot 3 takes a lone '-' as the number 0.
      if (this.godot3 && !isDigit(c)) {
        this.pos--;
        return { type: 'number', at, text: '-', number: 0n };
      }
    }
    if (isDigit(c)) return this.number(prefix, at);
    if (isLetter(c)) {
      const start = this.pos - 1;
      while (isLetter(text[this.pos]) || isDigit(text[this.pos])) this.pos++;
      return { type: 'identifier', at, text: prefix + text.slice(start, this.pos) };
    }
    if (prefix) this.pos--;
    return this.fail(this.godot3 ? 'Unexpected character.' : 'Unexpected character', at);
  }

  private number(prefix: string, at: TextPosition): Token {
    const text = this.text;
    const start = this.pos - 1;
    let state: 'int' | 'dec' | 'exp' = 'int';
    let isFloat = false;
    let expSign = false;
    let expDigits = false;
    const isE = (c: string | undefined): boolean => c === 'e' || (c === 'E' && !this.godot3);
    for (;;) {
      const c = text[this.pos];
      if (state === 'int') {
        if (isDigit(c)) {
          // digits
        } else if (c === '.') {
          state = 'dec';
          isFloat = true;
        } else if (isE(c)) {
          state = 'exp';
          isFloat = true;
        } else {
          break;
        }
      } else if (state === 'dec') {
        if (isDigit(c)) {
          // digits
        } else if (isE(c)) {
          state = 'exp';
        } else {
          break;
        }
      } else if (isDigit(c)) {
        expDigits = true;
      } else if ((c === '-' || c === '+') && !expSign && !expDigits) {
        expSign = true;
      } else {
        break;
      }
      this.pos++;
    }
    const token = prefix + text.slice(start, this.pos);
    const number = isFloat ? this.toFloat(token) : godotStringToInt(token).value;
    return { type: 'number', at, text: token, number };
  }
}

/**
 * `Color::html` for `#…` tokens: `rgb`, `rgba`, `rrggbb`, `rrggbbaa` in Godot 4; Godot 3 reads
 * eight digits as `aarrggbb`. Other lengths give opaque black, as in Godot (which logs an error).
 */
export function htmlColor(hex: string, godot3: boolean): Color {
  const n = hex.length;
  if (n !== 3 && n !== 4 && n !== 6 && n !== 8) return new Color();
  const short = n < 5;
  const channel = (i: number): number => {
    const digits = short ? hex[i]!.repeat(2) : hex.slice(i * 2, i * 2 + 2);
    return Math.fround(parseInt(digits, 16) / 255);
  };
  const alpha = n === 4 || n === 8;
  if (godot3 && n === 8) return new Color(channel(1), channel(2), channel(3), channel(0));
  return new Color(channel(0), channel(1), channel(2), alpha ? channel(3) : 1);
}
