/**
 * Leaf rules: the list at the end of a pattern path, e.g. `"Price": [ 100, { "numeric": [ ">", 200 ] } ]`.
 * The list matches when any of its entries matches (invocation-eventfiltering, "Or"; EventBridge
 * eb-event-patterns-arrays). Compiled once into one closure per field so that matching a record
 * only reads fields and compares.
 */
import { JsonNumber, numberValue } from './json-text.ts';
import { inNumericRange, numericKey, parseNumericRange, NUMERIC_LIMIT } from './numeric-range.ts';
import { indexPath } from './problems.ts';
import type { ValueMatcher } from './types.ts';

/** The operators in Lambda's comparison-operator table (invocation-eventfiltering, "Filter rule syntax"). */
export const SUPPORTED_OPERATORS = ['equals-ignore-case', 'anything-but', 'numeric', 'exists', 'prefix', 'suffix'] as const;

/** Operator names that cannot double as field names directly inside `$or` (aws/event-ruler rejects them there). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...SUPPORTED_OPERATORS, 'wildcard', 'cidr']);

/** Records a problem at a path inside the pattern. */
export type Report = (path: string, value: unknown, allowed: string) => void;

type Test = (leaf: unknown) => boolean;

const VALUE_ALLOWED = 'must be a string, number, true, false, null or an operator object such as { "prefix": "us-" }';

/**
 * Compiles a pattern list into a matcher for the value found at that field, or returns undefined
 * after reporting every malformed entry.
 */
export function compileLeafList(list: readonly unknown[], path: string, report: Report): ValueMatcher | undefined {
  if (list.length === 0) {
    report(path, list, 'must list at least one value to match');
    return undefined;
  }
  let valid = true;
  const strings = new Set<string>();
  const numbers = new Set<number>();
  const spelledNumbers = new Set<string>();
  let matchNull = false;
  let matchTrue = false;
  let matchFalse = false;
  let existsTrue = false;
  let existsFalse = false;
  const tests: Test[] = [];

  list.forEach((item, i) => {
    if (item === null) matchNull = true;
    else if (item === true) matchTrue = true;
    else if (item === false) matchFalse = true;
    else if (typeof item === 'string') strings.add(item);
    else if (typeof item === 'number') {
      if (Number.isFinite(item)) numbers.add(item);
      else {
        report(indexPath(path, i), item, 'is not a JSON number');
        valid = false;
      }
    } else if (item instanceof JsonNumber) spelledNumbers.add(item.text);
    else if (typeof item === 'object' && !Array.isArray(item)) {
      const op = compileOperator(item as Record<string, unknown>, indexPath(path, i), path, report);
      if (op === undefined) valid = false;
      else if (op === 'exists') existsTrue = true;
      else if (op === 'absent') existsFalse = true;
      else tests.push(op);
    } else {
      report(indexPath(path, i), item, VALUE_ALLOWED);
      valid = false;
    }
  });
  if (!valid) return undefined;

  const equality = equalityTest(strings, numbers, spelledNumbers, matchNull, matchTrue, matchFalse);
  if (equality !== undefined) tests.unshift(equality);
  const matcher = leafMatcher(anyOf(tests), existsTrue, existsFalse);
  // The most common rule, one exact string, decides a string field without a further call.
  if (tests.length === 1 && equality !== undefined && !existsTrue && !existsFalse && strings.size === 1 && numbers.size + spelledNumbers.size === 0 && !matchNull && !matchTrue && !matchFalse) {
    const only = strings.values().next().value as string;
    return (value) => value === only || (value !== null && typeof value === 'object' && matcher(value));
  }
  return matcher;
}

/**
 * The matcher for one field. Only leaves count: a string, number, boolean or null, or the leaves
 * of an array ("if the value in the event is an array, then the event pattern matches if the
 * intersection … is non-empty"). An object is an intermediate node, which no operator matches and
 * which `exists: false` treats as absent (EventBridge: "exists matching only works on leaf nodes").
 *
 * `exists: true` matches any leaf including null, because "the value of the field is not considered"
 * (EventBridge exists matching); an empty array holds no leaf, so it counts as absent.
 */
function leafMatcher(test: Test | undefined, existsTrue: boolean, existsFalse: boolean): ValueMatcher {
  // 0: no leaf at all; 1: leaves, none matching; 2: a leaf matched.
  const scan = (items: readonly unknown[]): 0 | 1 | 2 => {
    let sawLeaf = false;
    for (const item of items) {
      if (Array.isArray(item)) {
        const inner = scan(item);
        if (inner === 2) return 2;
        if (inner === 1) sawLeaf = true;
      } else if (item !== null && typeof item === 'object' && !(item instanceof JsonNumber)) {
        continue;
      } else {
        if (existsTrue || (test !== undefined && test(item))) return 2;
        sawLeaf = true;
      }
    }
    return sawLeaf ? 1 : 0;
  };
  return (value) => {
    if (value === undefined) return existsFalse;
    if (value !== null && typeof value === 'object' && !(value instanceof JsonNumber)) {
      if (!Array.isArray(value)) return existsFalse;
      const found = scan(value);
      return found === 2 || (found === 0 && existsFalse);
    }
    return existsTrue || (test !== undefined && test(value));
  };
}

/**
 * Plain values, compared as EventBridge does: strings character by character, numbers by their JSON
 * text ("300, 300.0, and 3.0e2 are not considered equal"), and null, true, false as themselves.
 */
function equalityTest(
  strings: ReadonlySet<string>,
  numbers: ReadonlySet<number>,
  spelledNumbers: ReadonlySet<string>,
  matchNull: boolean,
  matchTrue: boolean,
  matchFalse: boolean,
): Test | undefined {
  const count = strings.size + numbers.size + spelledNumbers.size + Number(matchNull) + Number(matchTrue) + Number(matchFalse);
  if (count === 0) return undefined;
  if (count === 1 && strings.size === 1) {
    const only = strings.values().next().value as string;
    return (leaf) => leaf === only;
  }
  return (leaf) => {
    switch (typeof leaf) {
      case 'string':
        return strings.has(leaf);
      case 'number':
        // A plain number prints canonically, so its text equals a canonical pattern number exactly
        // when the doubles are equal; it can never equal a non-canonical spelling.
        return numbers.has(leaf);
      case 'boolean':
        return leaf ? matchTrue : matchFalse;
      case 'object':
        if (leaf === null) return matchNull;
        return leaf instanceof JsonNumber && spelledNumbers.has(leaf.text);
      default:
        return false;
    }
  };
}

function anyOf(tests: readonly Test[]): Test | undefined {
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (leaf) => {
    for (const test of tests) if (test(leaf)) return true;
    return false;
  };
}

/**
 * Compiles `{ operator: argument }`. Returns a leaf test, `'exists'`/`'absent'` for the exists
 * operator (which is about the field, not a leaf), or undefined after reporting a problem.
 */
function compileOperator(item: Record<string, unknown>, itemPath: string, fieldPath: string, report: Report): Test | 'exists' | 'absent' | undefined {
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    report(itemPath, item, keys.length === 0 ? 'must hold one operator, such as { "prefix": "us-" }' : `holds ${keys.length} operators; each object holds exactly one (list alternatives as separate items)`);
    return undefined;
  }
  const op = keys[0] as string;
  const arg = item[op];
  const opPath = `${itemPath}.${op}`;
  switch (op) {
    case 'equals-ignore-case': {
      if (typeof arg !== 'string') return mustBeString(report, opPath, arg);
      const lower = arg.toLowerCase();
      return (leaf) => typeof leaf === 'string' && leaf.toLowerCase() === lower;
    }
    case 'prefix': {
      if (typeof arg !== 'string') return mustBeString(report, opPath, arg);
      return (leaf) => typeof leaf === 'string' && leaf.startsWith(arg);
    }
    case 'suffix': {
      if (typeof arg !== 'string') return mustBeString(report, opPath, arg);
      return (leaf) => typeof leaf === 'string' && leaf.endsWith(arg);
    }
    case 'exists':
      if (typeof arg !== 'boolean') {
        report(opPath, arg, 'must be true or false');
        return undefined;
      }
      return arg ? 'exists' : 'absent';
    case 'numeric': {
      const parsed = parseNumericRange(arg);
      if (!parsed.ok) {
        report(opPath, arg, parsed.allowed);
        return undefined;
      }
      const range = parsed.range;
      // "Numeric matching works with values that are JSON numbers": strings like "46" never match.
      return (leaf) => {
        const x = numberValue(leaf);
        if (x === undefined) return false;
        const key = numericKey(x);
        return key !== undefined && inNumericRange(range, key);
      };
    }
    case 'anything-but':
      return compileAnythingBut(arg, opPath, report);
    default:
      // Worded as the reader sees it: the operator name against the field it was written under.
      report(fieldPath, op, `is not a supported operator (Lambda supports: ${SUPPORTED_OPERATORS.join(', ')})`);
      return undefined;
  }
}

function mustBeString(report: Report, path: string, arg: unknown): undefined {
  const extra = arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? ' (Lambda event filtering has no nested operator here, e.g. no case-insensitive prefix)' : '';
  report(path, arg, `must be a string${extra}`);
  return undefined;
}

/**
 * `anything-but` takes "strings and numeric values, including lists that contain only strings, or
 * only numbers" (EventBridge). Lambda's table lists only that form; the nested forms EventBridge
 * added later (anything-but with prefix, suffix, equals-ignore-case, wildcard) are marked
 * unsupported for pipes and absent from Lambda's table, so they are rejected.
 *
 * The result matches any present leaf that is not excluded, null included, and never an absent
 * field (there is nothing to be "anything but"). Excluded numbers are compared numerically, as the
 * reference engine does for anything-but lists.
 */
function compileAnythingBut(arg: unknown, path: string, report: Report): Test | undefined {
  const shapes = 'a string, a number, or a list of only strings or only numbers';
  if (typeof arg === 'string') return (leaf) => leaf !== arg;
  if (numberValue(arg) !== undefined) return excludeNumbers([arg], path, report);
  if (Array.isArray(arg)) {
    if (arg.length === 0) {
      report(path, arg, 'must list at least one value to exclude');
      return undefined;
    }
    let bad = false;
    arg.forEach((v, i) => {
      if (typeof v !== 'string' && numberValue(v) === undefined) {
        report(indexPath(path, i), v, 'must be a string or a number');
        bad = true;
      }
    });
    if (bad) return undefined;
    const allStrings = arg.every((v) => typeof v === 'string');
    if (allStrings) {
      const excluded = new Set(arg as string[]);
      return (leaf) => typeof leaf !== 'string' || !excluded.has(leaf);
    }
    if (arg.some((v) => typeof v === 'string')) {
      report(path, arg, 'mixes strings and numbers; list only strings or only numbers');
      return undefined;
    }
    return excludeNumbers(arg, path, report);
  }
  if (arg !== null && typeof arg === 'object') {
    report(path, arg, `holds an operator; Lambda supports anything-but with a value or a list of values only (${shapes})`);
    return undefined;
  }
  report(path, arg, `must be ${shapes}`);
  return undefined;
}

function excludeNumbers(values: readonly unknown[], path: string, report: Report): Test | undefined {
  const keys = new Set<number>();
  for (const v of values) {
    const key = numericKey(numberValue(v) ?? NaN);
    if (key === undefined) {
      report(path, v, `is outside the range numeric matching supports (${(-NUMERIC_LIMIT).toLocaleString('en-US')} to ${NUMERIC_LIMIT.toLocaleString('en-US')})`);
      return undefined;
    }
    keys.add(key);
  }
  return (leaf) => {
    const x = numberValue(leaf);
    if (x === undefined) return true;
    const key = numericKey(x);
    return key === undefined || !keys.has(key);
  };
}
