import type { ValidationProblem } from '../core/validation.ts';
import { stringifyJson } from './json-text.ts';

/** Builds a problem shaped like the rest of the engine's: the sentence reads `path: value allowed`. */
export function problem(path: string, value: unknown, allowed: string): ValidationProblem {
  const shown = describeValue(value);
  return { path, value: shown, allowed, message: `${path || '(input)'}: ${shown} ${allowed}` };
}

/** The given value as short JSON text, as engine/core/validation.ts shows values. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing, and';
  const text = stringifyJson(value, 60);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Appends a field name to a path inside a pattern (`data` + `speed` → `data.speed`). */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Appends a list position to a path inside a pattern (`data.speed` + 0 → `data.speed[0]`). */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
