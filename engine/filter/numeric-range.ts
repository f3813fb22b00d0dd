/**
 * The `numeric` operator: `[ "=", 100 ]`, `[ "<", 10 ]`, `[ ">", 10, "<=", 20 ]`.
 *
 * EventBridge documents numeric matching as working "with values that are JSON numbers", "limited
 * to values between -1.0e9 and +1.0e9 inclusive, with 15 digits of precision, or six digits to the
 * right of the decimal point" (eb-event-patterns-content-based-filtering). The engine behind it,
 * aws/event-ruler, now documents ±5.0e9 in its README and ComparableNumber; the simulator uses that
 * wider, current range so that epoch-second timestamps can be filtered. Numbers are compared at
 * six decimal places, as both sources say.
 */
import { numberValue, stringifyJson } from './json-text.ts';

/** Largest magnitude a numeric pattern may name and a numeric operator can compare. */
export const NUMERIC_LIMIT = 5e9;

/** Comparison happens in millionths, the documented precision. */
const SCALE = 1e6;

/** A numeric interval, its bounds already scaled by {@link numericKey}. */
export interface NumericRange {
  readonly low: number;
  readonly lowInclusive: boolean;
  readonly high: number;
  readonly highInclusive: boolean;
}

/** A validated range, or the reason the operator's list is malformed (worded to follow the list's JSON). */
export type NumericRangeResult = { ok: true; range: NumericRange } | { ok: false; allowed: string };

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);
const COMPARISONS = new Set(['<', '<=', '=', '>=', '>']);
const LIMIT_TEXT = `${(-NUMERIC_LIMIT).toLocaleString('en-US')} to ${NUMERIC_LIMIT.toLocaleString('en-US')}`;

/**
 * A number as numeric matching sees it: scaled to whole millionths, or undefined when it is outside
 * the supported range (such a value simply never satisfies a numeric operator).
 */
export function numericKey(x: number): number | undefined {
  // The comparison form also rejects NaN.
  if (!(x >= -NUMERIC_LIMIT && x <= NUMERIC_LIMIT)) return undefined;
  // ±5e9 × 1e6 stays below 2^53, so the scaled value is an exact integer.
  return Math.round(x * SCALE);
}

/** Whether a value scaled by {@link numericKey} lies in the range. */
export function inNumericRange(range: NumericRange, key: number): boolean {
  return (range.lowInclusive ? key >= range.low : key > range.low) && (range.highInclusive ? key <= range.high : key < range.high);
}

/** Validates the list given to `numeric`, as Lambda does when the mapping is created. */
export function parseNumericRange(items: unknown): NumericRangeResult {
  if (!Array.isArray(items)) return fail('must be a list such as [ ">", 10, "<=", 20 ] or [ "=", 100 ]');
  const n = items.length;
  if (n === 0) return fail('is empty; it needs a comparison and a number, such as [ "<", 10 ]');
  if (n % 2 === 1) return fail(`has ${n} items; it takes a comparison and a number, or two such pairs: [ "=", 100 ], [ "<", 10 ], [ ">", 10, "<=", 20 ]`);
  if (n > 4) return fail(`has ${n} items; a range has at most one lower bound (> or >=) and one upper bound (< or <=)`);

  const ops: string[] = [];
  const keys: number[] = [];
  for (let i = 0; i < n; i += 2) {
    const op = items[i];
    if (typeof op !== 'string' || !COMPARISONS.has(op)) return fail(`has ${stringifyJson(op)} at position ${i} where a comparison must be (use <, <=, =, >=, >)`);
    const bound = numberValue(items[i + 1]);
    if (bound === undefined) return fail(`has ${stringifyJson(items[i + 1])} at position ${i + 1} where a number must be`);
    const key = numericKey(bound);
    if (key === undefined) return fail(`has ${stringifyJson(items[i + 1])} at position ${i + 1}, outside the range numeric matching supports (${LIMIT_TEXT})`);
    ops.push(op);
    keys.push(key);
  }

  const [op1, op2] = ops as [string, string | undefined];
  const [key1, key2] = keys as [number, number | undefined];
  if (op2 === undefined || key2 === undefined) {
    if (op1 === '=') return ok({ low: key1, lowInclusive: true, high: key1, highInclusive: true });
    if (UPPER.has(op1)) return ok({ low: -Infinity, lowInclusive: false, high: key1, highInclusive: op1 === '<=' });
    return ok({ low: key1, lowInclusive: op1 === '>=', high: Infinity, highInclusive: false });
  }
  if (op1 === '=' || op2 === '=') return fail('uses "=" inside a range; "=" stands alone: [ "=", 100 ]');
  if (UPPER.has(op1)) return fail(`starts with the upper bound ${JSON.stringify(op1)}; a range lists its lower bound (> or >=) first, then its upper bound (< or <=)`);
  if (LOWER.has(op2)) return fail(`has two lower bounds (${JSON.stringify(op1)} and ${JSON.stringify(op2)}); a range takes one lower bound (> or >=) then one upper bound (< or <=)`);
  // The reference engine refuses a range whose bottom is not below its top (compared at six decimals).
  if (key1 >= key2) return fail(`is empty: the lower bound ${stringifyJson(items[1])} must be below the upper bound ${stringifyJson(items[3])}`);
  return ok({ low: key1, lowInclusive: op1 === '>=', high: key2, highInclusive: op2 === '<=' });
}

function ok(range: NumericRange): NumericRangeResult {
  return { ok: true, range };
}

function fail(allowed: string): NumericRangeResult {
  return { ok: false, allowed };
}
