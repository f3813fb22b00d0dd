/**
 * Hostile inputs for the fuzz tests: arbitrary strings, arbitrary JSON, and mutations of a
 * genuine value (its text cut short or edited, or one of its values or keys replaced by
 * something nasty: another type, a huge or non-finite number, a prototype key, deep nesting).
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** A value in the genuine JSON is replaced by this placeholder, then its JSON text by raw nasty text. */
const VALUE_MARK = '\u0000value\u0000';
/** A key added to an object is this placeholder, then (with its value) raw nasty text. */
const KEY_MARK = '\u0000key\u0000';

/** Raw JSON text to put where a value was: other types, odd numbers, prototype keys, deep nesting, big arrays. */
const nastyValues: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null', 'true', 'false', '0', '-0', '-1', '1.5', '1e308', '-1e308', '1e999', '-1e999', '9007199254740993', '5e-324',
    '"NaN"', '"Infinity"', '"-Infinity"', '"1e999"', '"0x10"', '""', '"\\u0000"', '"\\ud800"', '[]', '{}', '[null]',
    '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"prototype":{"polluted":true}}',
    '{"__proto__":null}', '{"toString":1,"valueOf":2,"hasOwnProperty":3}',
  ),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 1_500 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `[${'0,'.repeat(n)}0]`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

/** Raw key text (with its quotes) to add to an object. */
const nastyKeys: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('"__proto__"', '"constructor"', '"prototype"', '""', '"toString"', '"hasOwnProperty"', '"0"', '"-1"', '"\\u0000"'),
  fc.string({ maxLength: 12 }).map((k) => JSON.stringify(k)),
  fc.integer({ min: 101, max: 400 }).map((n) => JSON.stringify('k'.repeat(n))),
);

/** Every place in a JSON value that holds a value, as a path of keys and indexes. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value !== null && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  return here;
}

/** A deep copy of `value` with `edit` applied to what `path` leads to. */
function edited(value: unknown, path: readonly (string | number)[], edit: (old: unknown) => unknown): unknown {
  if (path.length === 0) return edit(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? edited(v, rest, edit) : v));
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) Object.defineProperty(copy, k, { value: k === head ? edited(v, rest, edit) : v, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The JSON text of `value` with the placeholder `mark` (a JSON string in it) replaced by raw text. */
function swapped(value: unknown, mark: string, raw: string): string {
  return JSON.stringify(value).replace(mark, () => raw);
}

/**
 * Text to store or decode: a quarter arbitrary strings (any UTF-16, lone surrogates included),
 * a quarter arbitrary JSON, half mutations of `genuine` (text edits and structural edits).
 */
export function hostileTexts(genuine: string): fc.Arbitrary<string> {
  const value = JSON.parse(genuine) as unknown;
  const places = paths(value);
  const objects = places.filter((p) => {
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const n = genuine.length;
  const textEdits = fc.oneof(
    fc.nat({ max: n }).map((at) => genuine.slice(0, at)),
    fc.tuple(fc.nat({ max: n - 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })).map(([at, c]) => genuine.slice(0, at) + c + genuine.slice(at + 1)),
    fc.tuple(fc.nat({ max: n }), fc.string({ unit: 'binary', maxLength: 8 })).map(([at, s]) => genuine.slice(0, at) + s + genuine.slice(at)),
    fc.tuple(fc.nat({ max: n }), fc.nat({ max: 16 })).map(([at, cut]) => genuine.slice(0, at) + genuine.slice(at + cut)),
    fc.integer({ min: 2, max: 40 }).map((times) => genuine.repeat(times)),
  );
  const valueEdits = fc.tuple(fc.constantFrom(...places), nastyValues).map(([path, raw]) => swapped(edited(value, path, () => VALUE_MARK), JSON.stringify(VALUE_MARK), raw));
  const keyEdits = fc
    .tuple(fc.constantFrom(...objects), nastyKeys, nastyValues)
    .map(([path, key, raw]) => swapped(edited(value, path, (old) => ({ ...(old as object), [KEY_MARK]: VALUE_MARK })), `${JSON.stringify(KEY_MARK)}:${JSON.stringify(VALUE_MARK)}`, `${key}:${raw}`));
  return fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
    textEdits,
    textEdits,
    valueEdits,
    valueEdits,
    keyEdits,
  );
}

/**
 * Wraps `decode` so that each call must take at most `maxMs` and leave the shared prototypes
 * as they were; `slowest()` gives the slowest call so far, in ms. Time is measured with
 * performance.now(). The machine is shared (two cores, other processes), so a call over the
 * bound is timed twice more and its fastest time counts; and a call still over it fails only
 * if it also used more than `maxMs` of this process's CPU time, which other processes cannot
 * inflate. A pathological input is slow on both clocks every time.
 */
export function timedDecode<A extends unknown[], T>(decode: (...input: A) => T, maxMs = 50): { run: (...input: A) => T; slowest: () => number } {
  let slowest = 0;
  const timed = (input: A): { result: T; ms: number; cpuMs: number } => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = decode(...input);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { result, ms, cpuMs: (used.user + used.system) / 1000 };
  };
  return {
    run(...input) {
      const first = timed(input);
      let { ms, cpuMs } = first;
      for (let again = 0; again < 2 && ms > maxMs; again++) {
        const next = timed(input);
        if (next.ms < ms) ({ ms, cpuMs } = next);
      }
      const counted = ms > maxMs ? Math.max(maxMs, Math.min(ms, cpuMs)) : ms;
      slowest = Math.max(slowest, counted);
      expect(counted, `decoding ${describe(input[0])} took ${ms.toFixed(1)} ms (${cpuMs.toFixed(1)} ms of CPU time)`).toBeLessThanOrEqual(maxMs);
      expectPrototypesClean();
      return first.result;
    },
    slowest: () => slowest,
  };
}

/** The start of an input, for a failure message. */
function describe(input: unknown): string {
  try {
    return `${String(JSON.stringify(input) ?? typeof input).slice(0, 80)}…`;
  } catch {
    return typeof input;
  }
}

const objectKeys = Object.getOwnPropertyNames(Object.prototype).length;
const arrayKeys = Object.getOwnPropertyNames(Array.prototype).length;

/** No input may add a property to the shared prototypes. */
export function expectPrototypesClean(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).toHaveLength(objectKeys);
  expect(Object.getOwnPropertyNames(Array.prototype)).toHaveLength(arrayKeys);
}
