/**
 * Compiles a FilterCriteria, rejecting what Lambda rejects when the event source mapping is created
 * or updated, and naming each problem by filter and by place inside the pattern.
 */
import type { ValidationProblem } from '../core/validation.ts';
import { compilePattern, isObjectNode } from './compile-pattern.ts';
import { parseJsonText, stringifyJson } from './json-text.ts';
import { problem } from './problems.ts';
import { DEFAULT_DATA_KEY, FILTER_SOURCES, SOURCE_RULES } from './sources.ts';
import type { CompileResult, CompiledPattern, FilterOptions, FilterSource } from './types.ts';

/** Filters per event source mapping by default (invocation-eventfiltering). */
export const DEFAULT_MAX_FILTERS = 5;
/** Most filters a quota increase allows: "up to 10 filters for each event source". */
export const MAX_FILTERS_QUOTA = 10;
/** Longest Pattern string the API takes (Lambda API reference, Filter: "Maximum length of 4096"). */
export const MAX_PATTERN_LENGTH = 4096;

/** One filter's pattern as given: JSON text (the API's form) or an already-parsed object. */
interface PatternInput {
  readonly index: number;
  readonly pattern: unknown;
  readonly isText: boolean;
}

/**
 * Compiles Lambda filter criteria. Accepts the API's `{ Filters: [ { Pattern: "<JSON>" } ] }`, a
 * single pattern object, or a single pattern as JSON text (both treated as one filter, `Filters[0]`).
 * `{}` and `{ Filters: [] }` are an empty FilterCriteria, which filters nothing out.
 */
export function compileFilterCriteria(input: unknown, options: FilterOptions = {}): CompileResult {
  const problems: ValidationProblem[] = [];
  const { source, maxFilters } = checkOptions(options, problems);
  if (problems.length > 0) return { ok: false, problems };

  const patterns = readInput(input, problems);
  if (patterns.length > maxFilters) {
    const first = patterns[maxFilters] as PatternInput;
    problems.push(
      problem(
        `Filters[${first.index}]`,
        first.pattern,
        `is one too many: ${patterns.length} filters were given and an event source mapping takes at most ${maxFilters} (${maxFilters < MAX_FILTERS_QUOTA ? `a quota increase allows up to ${MAX_FILTERS_QUOTA}` : 'the most any quota allows'})`,
      ),
    );
  }

  const rules = source === undefined ? undefined : SOURCE_RULES[source];
  const compiled: CompiledPattern[] = [];
  for (const entry of patterns) {
    const prefix = `Filters[${entry.index}].Pattern`;
    const report = (path: string, value: unknown, allowed: string): void => {
      problems.push(problem(path === '' ? prefix : `${prefix}: ${path}`, value, allowed));
    };
    const pattern = entry.isText ? readPatternText(entry.pattern as string, report) : checkPatternObject(entry.pattern, report);
    if (pattern === undefined) continue;
    const test = compilePattern(pattern, { report, rules });
    if (test !== undefined) compiled.push(Object.freeze({ index: entry.index, patternText: stringifyJson(pattern), test }));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    filter: Object.freeze({ source, dataKey: rules?.dataKey ?? DEFAULT_DATA_KEY, filters: Object.freeze(compiled) }),
  };
}

function checkOptions(options: FilterOptions, problems: ValidationProblem[]): { source: FilterSource | undefined; maxFilters: number } {
  const source = options.source;
  if (source !== undefined && !FILTER_SOURCES.includes(source)) {
    problems.push(problem('source', source, `must be one of ${FILTER_SOURCES.map((s) => `"${s}"`).join(', ')}`));
  }
  const maxFilters = options.maxFilters ?? DEFAULT_MAX_FILTERS;
  if (!Number.isInteger(maxFilters) || maxFilters < 1 || maxFilters > MAX_FILTERS_QUOTA) {
    problems.push(problem('maxFilters', maxFilters, `must be a whole number from 1 to ${MAX_FILTERS_QUOTA} (${DEFAULT_MAX_FILTERS} by default; a quota increase allows up to ${MAX_FILTERS_QUOTA})`));
  }
  return { source, maxFilters };
}

/** Tells the three accepted input shapes apart and lists the patterns they hold. */
function readInput(input: unknown, problems: ValidationProblem[]): PatternInput[] {
  if (typeof input === 'string') return [{ index: 0, pattern: input, isText: true }];
  if (!isObjectNode(input)) {
    problems.push(problem('', input, 'must be a FilterCriteria object { "Filters": [ { "Pattern": "…" } ] }, a pattern object, or a pattern as JSON text'));
    return [];
  }
  const keys = Object.keys(input);
  // `aws lambda update-event-source-mapping --filter-criteria "{}"` removes filtering, so `{}` is
  // an empty FilterCriteria rather than an (invalid) empty pattern.
  if (keys.length === 0) return [];
  if (!(keys.length === 1 && keys[0] === 'Filters')) return [{ index: 0, pattern: input, isText: false }];

  const filters = input.Filters;
  if (!Array.isArray(filters)) {
    problems.push(problem('Filters', filters, 'must be a list of filters, each { "Pattern": "<JSON text>" }'));
    return [];
  }
  const patterns: PatternInput[] = [];
  filters.forEach((filter, index) => {
    if (!isObjectNode(filter)) {
      problems.push(problem(`Filters[${index}]`, filter, 'must be an object { "Pattern": "<JSON text>" }'));
      return;
    }
    for (const key of Object.keys(filter)) {
      if (key !== 'Pattern') problems.push(problem(`Filters[${index}].${key}`, filter[key], 'is not a known field (a filter has only "Pattern")'));
    }
    const pattern = filter.Pattern;
    if (typeof pattern !== 'string') {
      problems.push(problem(`Filters[${index}].Pattern`, pattern, 'must be a JSON string: the AWS API takes each pattern as text'));
      return;
    }
    patterns.push({ index, pattern, isText: true });
  });
  return patterns;
}

/** Reads Pattern text; a Pattern that is not JSON is rejected when the mapping is created. */
function readPatternText(text: string, report: (path: string, value: unknown, allowed: string) => void): unknown {
  if (text.length > MAX_PATTERN_LENGTH) {
    report('', text, `is ${text.length.toLocaleString('en-US')} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}`);
    return undefined;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    report('', text, `is not valid JSON (${parsed.message} at character ${parsed.offset + 1})`);
    return undefined;
  }
  return parsed.value;
}

/** A pattern given as an object is held to the same length limit as its JSON text would be. */
function checkPatternObject(pattern: unknown, report: (path: string, value: unknown, allowed: string) => void): unknown {
  const length = stringifyJson(pattern, MAX_PATTERN_LENGTH).length;
  if (length > MAX_PATTERN_LENGTH) {
    report('', pattern, `is more than ${MAX_PATTERN_LENGTH.toLocaleString('en-US')} characters long as JSON; a pattern may have at most ${MAX_PATTERN_LENGTH.toLocaleString('en-US')}`);
    return undefined;
  }
  return pattern;
}
