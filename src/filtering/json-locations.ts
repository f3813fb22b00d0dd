/**
 * Where each part of a JSON document sits in its text, keyed by the path the filter engine
 * uses in its problems (`data.speed[0].numeric`). The engine reports problems by path, not
 * by character, so the editor needs this to put a marker on the right line.
 */

/** A stretch of the text: `from` inclusive, `to` exclusive. */
export interface Span {
  from: number;
  to: number;
}

/** The text positions of one value, and of its key when it is an object member. */
export interface Location {
  /** The member's key token, quotes included; absent for list elements and the document itself. */
  key?: Span;
  value: Span;
}

/**
 * Maps every value in `text` to its location, under the engine's path spelling: members
 * join with `.`, list elements add `[i]`, and the whole document is `''`. Scanning stops at
 * the first syntax error and returns what it found before it, so it never throws.
 */
export function locateJson(text: string): Map<string, Location> {
  const found = new Map<string, Location>();
  const scanner = new Scanner(text, found);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof StopScan)) throw error;
  }
  return found;
}

class StopScan extends Error {}

/** A deliberately small recursive-descent reader: it records spans and checks only enough to find them. */
class Scanner {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly found: Map<string, Location>,
  ) {}

  document(): void {
    this.value('', undefined, 0);
  }

  private value(path: string, key: Span | undefined, depth: number): void {
    // The engine itself refuses deeper patterns, so nothing useful is lost here.
    if (depth > 512) throw new StopScan();
    this.skipSpace();
    const from = this.i;
    const c = this.text[this.i];
    if (c === '{') this.object(path, depth);
    else if (c === '[') this.list(path, depth);
    else if (c === '"') this.string();
    else this.bare();
    this.found.set(path, key === undefined ? { value: { from, to: this.i } } : { key, value: { from, to: this.i } });
  }

  private object(path: string, depth: number): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] !== '"') throw new StopScan();
      const keyFrom = this.i;
      const name = this.string();
      const key = { from: keyFrom, to: this.i };
      this.skipSpace();
      if (this.text[this.i] !== ':') throw new StopScan();
      this.i++;
      this.value(path === '' ? name : `${path}.${name}`, key, depth + 1);
      if (!this.separator('}')) return;
    }
  }

  private list(path: string, depth: number): void {
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(`${path}[${index}]`, undefined, depth + 1);
      if (!this.separator(']')) return;
    }
  }

  /** After a member or element: true to read another, false once the closing bracket is passed. */
  private separator(close: string): boolean {
    this.skipSpace();
    const c = this.text[this.i];
    this.i++;
    if (c === ',') return true;
    if (c === close) return false;
    throw new StopScan();
  }

  /** Reads a string token and returns its decoded text. */
  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        try {
          return JSON.parse(this.text.slice(start, this.i)) as string;
        } catch {
          throw new StopScan();
        }
      } else this.i++;
    }
    throw new StopScan();
  }

  /** Numbers, true, false, null: runs to the next delimiter. */
  private bare(): void {
    const start = this.i;
    while (this.i < this.text.length && !/[\s,\]}]/.test(this.text[this.i] as string)) this.i++;
    if (this.i === start) throw new StopScan();
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }
}

/** The path with its last member or element removed (`data.x[0]` → `data.x`), or undefined at the top. */
export function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const element = /\[\d+\]$/.exec(path);
  if (element) return path.slice(0, element.index);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(0, dot);
}
