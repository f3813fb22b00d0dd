/**
 * A JSON reader that keeps the written form of numbers.
 *
 * Lambda compares plain (equals) values by their JSON text: "300, 300.0, and 3.0e2 are not
 * considered equal" (invocation-eventfiltering). `JSON.parse` turns all three into the same
 * double, so patterns and payloads given as text are read here instead. A number whose text is
 * already what `String(n)` prints stays a plain `number` (the common case, and free to compare);
 * any other spelling becomes a {@link JsonNumber} that remembers its text.
 */

/** A JSON number written in a non-canonical way (`300.0`, `3.0e2`, `-0`, too many digits), with its text. */
export class JsonNumber {
  constructor(
    /** The number exactly as written in the JSON text. */
    readonly text: string,
    /** Its value as a double (may be ±Infinity for absurdly large literals). */
    readonly value: number,
  ) {}
}

/** The outcome of reading JSON text: the value, or where and why the text is not JSON. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string; offset: number };

/** Deepest nesting accepted, so that hostile text cannot exhaust the call stack. */
export const MAX_JSON_DEPTH = 512;

/** Reads JSON text, keeping non-canonical number spellings as {@link JsonNumber}; never throws. */
export function parseJsonText(text: string): JsonParseResult {
  const reader = new Reader(text);
  try {
    return { ok: true, value: reader.readDocument() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** The numeric value of a JSON number however it was read, or undefined for anything else. */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof JsonNumber) return value.value;
  return undefined;
}

/**
 * JSON text for a value, writing {@link JsonNumber}s as they were spelled; for messages and display.
 * Stops soon after `maxLength` characters, so that a huge (or, from JavaScript callers, cyclic)
 * value costs no more than the message that shows it.
 */
export function stringifyJson(value: unknown, maxLength = Infinity): string {
  const out: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    out.push(text);
    length += text.length;
  };
  const write = (v: unknown, depth: number): void => {
    if (length > maxLength) return;
    if (v instanceof JsonNumber) return push(v.text);
    if (v === null) return push('null');
    switch (typeof v) {
      case 'string':
        return push(JSON.stringify(v));
      case 'number':
        // Non-finite numbers are not JSON; show them as JavaScript prints them so a message can name them.
        return push(Number.isFinite(v) ? JSON.stringify(v) : String(v));
      case 'boolean':
        return push(v ? 'true' : 'false');
      case 'object': {
        if (depth > MAX_JSON_DEPTH) return push('…');
        if (Array.isArray(v)) {
          push('[');
          v.forEach((item, i) => {
            if (i > 0) push(',');
            write(item, depth + 1);
          });
          return push(']');
        }
        push('{');
        Object.keys(v).forEach((k, i) => {
          if (i > 0) push(',');
          push(`${JSON.stringify(k)}:`);
          write((v as Record<string, unknown>)[k], depth + 1);
        });
        return push('}');
      }
      default:
        return push(String(v));
    }
  };
  write(value, 0);
  return out.join('');
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const BACKSLASH = 92;

class Reader {
  private i = 0;

  constructor(private readonly s: string) {}

  readDocument(): unknown {
    this.skipSpace();
    const value = this.value(0);
    this.skipSpace();
    if (this.i < this.s.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.i);
  }

  private skipSpace(): void {
    const s = this.s;
    let i = this.i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  private value(depth: number): unknown {
    const c = this.s.charCodeAt(this.i);
    switch (c) {
      case 123: // {
        return this.object(depth + 1);
      case 91: // [
        return this.array(depth + 1);
      case QUOTE:
        return this.string();
      case 116: // t
        return this.literal('true', true);
      case 102: // f
        return this.literal('false', false);
      case 110: // n
        return this.literal('null', null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number();
        if (this.i >= this.s.length) this.fail('unexpected end of text');
        return this.fail(`unexpected character ${JSON.stringify(this.s[this.i])}`);
    }
  }

  private literal<T>(word: string, value: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail(`unexpected character ${JSON.stringify(this.s[this.i])}`);
    this.i += word.length;
    return value;
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    const s = this.s;
    this.i++;
    const result: Record<string, unknown> = {};
    this.skipSpace();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      return result;
    }
    for (;;) {
      if (s.charCodeAt(this.i) !== QUOTE) this.fail('expected a field name in double quotes');
      const key = this.string();
      this.skipSpace();
      if (s.charCodeAt(this.i) !== 58) this.fail("expected ':' after a field name");
      this.i++;
      this.skipSpace();
      const value = this.value(depth);
      // A repeated key keeps its last value, as JSON.parse does and as EventBridge documents for
      // patterns. "__proto__" must become an own field, not the object's prototype.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      if (!this.more(125, "expected ',' or '}'")) return result;
    }
  }

  /**
   * After an item of an object or array: consumes a ',' (more items follow, returns true)
   * or the closing character `close` (returns false); anything else is an error.
   */
  private more(close: number, expected: string): boolean {
    this.skipSpace();
    const c = this.s.charCodeAt(this.i);
    if (c === 44) {
      this.i++;
      this.skipSpace();
      return true;
    }
    if (c === close) {
      this.i++;
      return false;
    }
    return this.fail(expected);
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    const s = this.s;
    this.i++;
    const result: unknown[] = [];
    this.skipSpace();
    if (s.charCodeAt(this.i) === 93) {
      this.i++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth));
      if (!this.more(93, "expected ',' or ']'")) return result;
    }
  }

  private string(): string {
    const s = this.s;
    const start = this.i + 1;
    let i = start;
    // Most strings have no escapes: find the closing quote and slice, without building anything.
    for (;;) {
      if (i >= s.length) {
        this.i = i;
        this.fail('unterminated string');
      }
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.i = i + 1;
        return s.slice(start, i);
      }
      if (c === BACKSLASH) return this.escapedString(start, i);
      if (c < 32) {
        this.i = i;
        this.fail('control character inside a string');
      }
      i++;
    }
  }

  private escapedString(start: number, firstEscape: number): string {
    const s = this.s;
    let out = s.slice(start, firstEscape);
    let i = firstEscape;
    for (;;) {
      if (i >= s.length) {
        this.i = i;
        this.fail('unterminated string');
      }
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.i = i + 1;
        return out;
      }
      if (c < 32) {
        this.i = i;
        this.fail('control character inside a string');
      }
      if (c !== BACKSLASH) {
        out += s[i];
        i++;
        continue;
      }
      const e = s[i + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = s.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) {
            this.i = i;
            this.fail('bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          this.i = i;
          this.fail('bad escape in string');
      }
      i += 2;
    }
  }

  private number(): number | JsonNumber {
    const s = this.s;
    const start = this.i;
    let i = start;
    const negative = s.charCodeAt(i) === 45;
    if (negative) i++;
    // Digits are accumulated as an integer while they are few enough to be exact, so the common
    // short literal needs neither a substring nor a print-back check (see the end).
    let mantissa = 0;
    let significant = 0;
    let fractionDigits = 0;
    let lastDigit = 0;
    const firstDigit = s.charCodeAt(i);
    if (firstDigit === 48) {
      i++;
    } else if (firstDigit >= 49 && firstDigit <= 57) {
      while (isDigit(s.charCodeAt(i))) {
        mantissa = mantissa * 10 + (s.charCodeAt(i) - 48);
        significant++;
        i++;
      }
    } else {
      this.i = i;
      this.fail('expected a digit');
    }
    if (s.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(s.charCodeAt(i))) {
        this.i = i;
        this.fail('expected a digit after the decimal point');
      }
      while (isDigit(s.charCodeAt(i))) {
        lastDigit = s.charCodeAt(i) - 48;
        mantissa = mantissa * 10 + lastDigit;
        if (significant > 0 || lastDigit !== 0) significant++;
        fractionDigits++;
        i++;
      }
    }
    let exponent = false;
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      exponent = true;
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(s.charCodeAt(i))) {
        this.i = i;
        this.fail('expected a digit in the exponent');
      }
      while (isDigit(s.charCodeAt(i))) i++;
    }
    this.i = i;
    // With at most 15 significant digits the integer mantissa and 10^k (k ≤ 22) are exact, so one
    // division is correctly rounded: it is the double the literal denotes. Such a literal prints
    // back unchanged unless it has a trailing fractional zero, is a negative zero, or is small
    // enough for JavaScript to print in exponent form (below 1e-6).
    if (!exponent && significant <= 15 && fractionDigits <= 22) {
      const magnitude = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits]!;
      const value = negative ? -magnitude : magnitude;
      const canonical = (fractionDigits === 0 || lastDigit !== 0) && !(negative && magnitude === 0) && (magnitude === 0 || magnitude >= 1e-6);
      if (canonical) return value;
      return new JsonNumber(s.slice(start, i), value);
    }
    const text = s.slice(start, i);
    const value = Number(text);
    return String(value) === text ? value : new JsonNumber(text, value);
  }
}

// Read from literals, which are correctly rounded (and exact up to 1e22), rather than computed.
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
