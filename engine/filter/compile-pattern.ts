/**
 * Compiles one filter pattern (a parsed JSON object) into a predicate over records.
 *
 * Semantics, from the EventBridge pages Lambda defers to ("Lambda supports the Amazon EventBridge
 * rules and uses the same syntax"): fields at one level are ANDed; "the event must contain all the
 * field names listed in the event pattern … with the same nesting structure"; fields the pattern
 * does not name are ignored; `$or` takes a list of at least two sub-patterns, any of which may hold.
 */
import { JsonNumber } from './json-text.ts';
import { compileLeafList, RESERVED_NAMES, type Report } from './operators.ts';
import { childPath, indexPath } from './problems.ts';
import type { SourceRules } from './sources.ts';
import type { ValueMatcher } from './types.ts';

/** Deepest object nesting a pattern may have; far beyond any real pattern, it bounds hostile input. */
export const MAX_PATTERN_DEPTH = 100;

/** What a pattern is compiled against: where problems go and which source's rules apply. */
export interface PatternContext {
  readonly report: Report;
  readonly rules: SourceRules | undefined;
}

/** Decides the fields of one object level (`undefined` when the object itself is absent). */
type FieldsMatcher = (record: Readonly<Record<string, unknown>> | undefined) => boolean;

/** One compiled object level: its fields and `$or` groups, and the predicate over both. */
interface ObjectNode {
  readonly fields: readonly Field[];
  readonly orGroups: readonly (readonly FieldsMatcher[])[];
  readonly matchFields: FieldsMatcher;
}

interface Field {
  readonly key: string;
  /** Keys such as `constructor` exist on every object's prototype; only those need an own-property check. */
  readonly guarded: boolean;
  readonly match: ValueMatcher;
}

interface Place {
  /** At the top of the record, where the source's rules on keys apply. */
  readonly atRoot: boolean;
  /** Directly inside a `$or` branch, where operator names cannot be field names. */
  readonly insideOr: boolean;
}

/**
 * Compiles a whole pattern into a record predicate, or returns undefined after reporting every
 * problem (paths are relative to the pattern, e.g. `data.speed[0].numeric`).
 */
export function compilePattern(pattern: unknown, context: PatternContext): ((event: unknown) => boolean) | undefined {
  if (!isObjectNode(pattern)) {
    context.report('', pattern, 'must be a JSON object whose keys are record fields, such as { "data": { "speed": [ { "numeric": [ ">", 100 ] } ] } }');
    return undefined;
  }
  const node = compileFields(pattern, '', 0, { atRoot: true, insideOr: false }, context, new Set());
  return node === undefined ? undefined : objectMatcher(node);
}

/** True for a JSON object (not an array, not null, not a number read from text). */
export function isObjectNode(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof JsonNumber);
}

function compileFields(
  node: Record<string, unknown>,
  path: string,
  depth: number,
  place: Place,
  context: PatternContext,
  ancestors: Set<object>,
): ObjectNode | undefined {
  const { report, rules } = context;
  // Patterns handed over as JavaScript objects may be cyclic or absurdly deep; JSON text cannot be cyclic.
  if (ancestors.has(node)) {
    report(path, '(a reference to itself)', 'is not allowed: a pattern must be plain JSON');
    return undefined;
  }
  if (depth > MAX_PATTERN_DEPTH) {
    report(path, node, `nests deeper than ${MAX_PATTERN_DEPTH} levels`);
    return undefined;
  }
  const keys = Object.keys(node);
  if (keys.length === 0) {
    report(path, node, 'is empty; a pattern object must name at least one field');
    return undefined;
  }
  ancestors.add(node);
  let valid = true;
  const fields: Field[] = [];
  const orGroups: FieldsMatcher[][] = [];
  for (const key of keys) {
    const value = node[key];
    const here = childPath(path, key);
    if (key === '$or') {
      const branches = compileOr(value, here, depth, place, context, ancestors);
      if (branches === undefined) valid = false;
      else orGroups.push(branches);
      continue;
    }
    if (place.insideOr && RESERVED_NAMES.has(key)) {
      report(here, value, `uses the operator name "${key}" as a field name directly inside $or, which Lambda rejects`);
      valid = false;
      continue;
    }
    const isDataKey = place.atRoot && rules !== undefined && key === rules.dataKey;
    if (place.atRoot && rules?.onlyDataKey && !isDataKey) {
      report(here, value, `is not filterable: ${rules.label} event source mappings only support filtering on the "${rules.dataKey}" key`);
      valid = false;
      continue;
    }
    let match: ValueMatcher | undefined;
    if (Array.isArray(value)) {
      if (isDataKey && rules.dataPatternMustBeJson) {
        report(here, value, `must be an object of payload fields: ${rules.label} filters only JSON payloads, and Lambda rejects a non-JSON pattern for "${key}" when the mapping is created`);
        valid = false;
        continue;
      }
      match = compileLeafList(value, here, report);
    } else if (isObjectNode(value)) {
      const nested = compileFields(value, here, depth + 1, { atRoot: false, insideOr: false }, context, ancestors);
      match = nested === undefined ? undefined : objectMatcher(nested);
    } else {
      report(here, value, 'must be a list of values to match, such as [ "a", "b" ], or an object of nested fields');
    }
    if (match === undefined) {
      valid = false;
      continue;
    }
    if (isDataKey) match = withFormatRule(match, Array.isArray(value) ? 'plain' : 'json', rules.onFormatMismatch);
    fields.push({ key, guarded: key in Object.prototype, match });
  }
  ancestors.delete(node);
  return valid ? { fields, orGroups, matchFields: fieldsMatcher(fields, orGroups) } : undefined;
}

/** `"$or": [ { … }, { … } ]`: each branch is a pattern for the same level of the record. */
function compileOr(
  value: unknown,
  path: string,
  depth: number,
  place: Place,
  context: PatternContext,
  ancestors: Set<object>,
): FieldsMatcher[] | undefined {
  // aws/event-ruler: "There must have at least 2 Objects in $or relationship."
  if (!Array.isArray(value) || value.length < 2) {
    context.report(path, value, 'must be a list of at least 2 pattern objects, such as [ { "Location": [ "New York" ] }, { "Day": [ "Monday" ] } ]');
    return undefined;
  }
  let valid = true;
  const branches: FieldsMatcher[] = [];
  value.forEach((branch, i) => {
    const here = indexPath(path, i);
    if (!isObjectNode(branch)) {
      context.report(here, branch, 'must be a pattern object, such as { "Day": [ "Monday" ] }');
      valid = false;
      return;
    }
    const compiled = compileFields(branch, here, depth + 1, { atRoot: place.atRoot, insideOr: true }, context, ancestors);
    if (compiled === undefined) valid = false;
    else branches.push(compiled.matchFields);
  });
  return valid ? branches : undefined;
}

function fieldsMatcher(fields: readonly Field[], orGroups: readonly (readonly FieldsMatcher[])[]): FieldsMatcher {
  return (record) => {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Field;
      let value: unknown;
      if (record !== undefined) value = field.guarded && !Object.prototype.hasOwnProperty.call(record, field.key) ? undefined : record[field.key];
      if (!field.match(value)) return false;
    }
    return orGroups.length === 0 || orGroupsHold(orGroups, record);
  };
}

function orGroupsHold(orGroups: readonly (readonly FieldsMatcher[])[], record: Readonly<Record<string, unknown>> | undefined): boolean {
  for (const branches of orGroups) {
    let any = false;
    for (const branch of branches) {
      if (branch(record)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/**
 * Applies an object pattern to whatever the record holds at that place. An array is searched for an
 * element satisfying the whole sub-pattern, so fields are never combined across elements (the
 * "array-consistent" matching of aws/event-ruler). A leaf, null or an absent field has none of the
 * sub-pattern's fields, so only a sub-pattern satisfied by absence (`exists: false`) can match it;
 * that answer is fixed, so it is computed once here. The common single-field level is checked
 * inline, saving a call per level on every record.
 */
function objectMatcher(node: ObjectNode): ValueMatcher {
  const { fields, orGroups, matchFields } = node;
  const whenAbsent = matchFields(undefined);
  const only = fields.length === 1 && orGroups.length === 0 ? (fields[0] as Field) : undefined;
  const matchObject: (record: Record<string, unknown>) => boolean =
    only === undefined || only.guarded ? matchFields : (record) => only.match(record[only.key]);
  const match: ValueMatcher = (value) => {
    if (value === null || typeof value !== 'object') return whenAbsent;
    if (Array.isArray(value)) {
      let sawObject = false;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object' && !(item instanceof JsonNumber)) {
          sawObject = true;
          if (match(item)) return true;
        }
      }
      return !sawObject && whenAbsent;
    }
    if (value instanceof JsonNumber) return whenAbsent;
    return matchObject(value as Record<string, unknown>);
  };
  return match;
}

/**
 * The source's rule for a payload whose format differs from the pattern's: a JSON pattern (an
 * object) meeting a plain-string payload, or a plain-string pattern (a list) meeting a JSON payload.
 * A payload is JSON when it decoded to an object or array; anything else is a plain string.
 */
function withFormatRule(match: ValueMatcher, patternFormat: 'json' | 'plain', onMismatch: 'drop' | 'metadata-only'): ValueMatcher {
  const wantsJson = patternFormat === 'json';
  const onMismatchResult = onMismatch === 'metadata-only';
  return (value) => {
    if (value === undefined) return match(value);
    const isJson = value !== null && typeof value === 'object' && !(value instanceof JsonNumber);
    return isJson === wantsJson ? match(value) : onMismatchResult;
  };
}
