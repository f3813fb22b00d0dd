/**
 * Lambda event filtering (FilterCriteria) for the simulated event source mappings: compile the
 * criteria once, as Lambda validates them when a mapping is created, then decide each record.
 */
export { compileFilterCriteria, DEFAULT_MAX_FILTERS, MAX_FILTERS_QUOTA, MAX_PATTERN_LENGTH } from './compile.ts';
export { matches, matchesPayload, decodePayload } from './match.ts';
export { JsonNumber, parseJsonText, stringifyJson, type JsonParseResult } from './json-text.ts';
export { NUMERIC_LIMIT } from './numeric-range.ts';
export { SUPPORTED_OPERATORS } from './operators.ts';
export { SOURCE_RULES, FILTER_SOURCES, type SourceRules } from './sources.ts';
export type { CompileResult, CompiledFilter, CompiledPattern, FilterOptions, FilterSource } from './types.ts';
