/**
 * An experiment's start (start.ts) as the one string the page carries to the island.
 *
 * Astro writes an island's props into an HTML attribute, wrapping every value in a type tag
 * and escaping every quote: a 45-minute experiment's chart points came to about 85 KB per
 * island that way, and a lab page with four of them to 370 KB of HTML for the browser to parse
 * before the page can respond. Written here as JSON, with each series' points as one flat list
 * of numbers (x, y, x, y, …) and each period's binding limit as an index into the few texts
 * there are, the same start is about a quarter of that. `decodeStart(encodeStart(s))` equals s.
 */
import type { ExperimentStart } from './start.ts';

/** Points as written: [x0, y0, x1, y1, …]. */
type FlatPoints = number[];

/** The bindings as written: the distinct texts, and per period an index into them (-1: none). */
interface PackedBindings {
  texts: string[];
  at: number[];
}

/** The start as one string: see the module's comment. */
export function encodeStart(start: ExperimentStart): string {
  return JSON.stringify(start, (key, value: unknown) => {
    if (key === 'points' && Array.isArray(value)) return flatten(value as { x: number; y: number }[]);
    if (key === 'bindings' && Array.isArray(value)) return pack(value as (string | null)[]);
    // JSON has no Infinity or NaN (a spike never absorbed within the run has recoverySeconds Infinity).
    if (typeof value === 'number' && !Number.isFinite(value)) return { [NUMBER]: String(value) };
    return value;
  });
}

/** The start `encodeStart` wrote. */
export function decodeStart(text: string): ExperimentStart {
  return JSON.parse(text, (key, value: unknown) => {
    if (isSpecialNumber(value)) return Number(value[NUMBER]);
    if (key === 'points' && Array.isArray(value)) return pairs(value as FlatPoints);
    if (key === 'bindings' && value !== null && typeof value === 'object' && !Array.isArray(value)) return unpack(value as PackedBindings);
    return value;
  }) as ExperimentStart;
}

/** Marks a number JSON cannot write: { "$number": "Infinity" }. */
const NUMBER = '$number';

function isSpecialNumber(value: unknown): value is { [NUMBER]: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === NUMBER && ['Infinity', '-Infinity', 'NaN'].includes(String((value as Record<string, unknown>)[NUMBER]));
}

function flatten(points: readonly { x: number; y: number }[]): FlatPoints {
  const flat: FlatPoints = [];
  for (const p of points) flat.push(p.x, p.y);
  return flat;
}

function pairs(flat: FlatPoints): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) points.push({ x: flat[i] as number, y: flat[i + 1] as number });
  return points;
}

function pack(bindings: readonly (string | null)[]): PackedBindings {
  const texts: string[] = [];
  const at = bindings.map((text) => {
    if (text === null) return -1;
    let index = texts.indexOf(text);
    if (index < 0) index = texts.push(text) - 1;
    return index;
  });
  return { texts, at };
}

function unpack(packed: PackedBindings): (string | null)[] {
  return packed.at.map((index) => (index < 0 ? null : (packed.texts[index] ?? null)));
}
