import { z } from 'zod';

// No code generation: zod would otherwise probe for `new Function`, which the site's Content
// Security Policy forbids (a probe that is caught still reports a violation in the browser).
z.config({ jitless: true });

/** One thing wrong with an input: where it is, what was given, and what is allowed. */
export interface ValidationProblem {
  /** Dotted path to the field, e.g. `eventSourceMapping.BatchSize`; empty for the whole input. */
  path: string;
  /** The value that was given, as JSON text (or `undefined` when the field was missing). */
  value: string;
  /** What is allowed, in plain words. */
  allowed: string;
  /** The whole sentence to show a reader: `path: value allowed`. */
  message: string;
}

/** The outcome of validating an input: the parsed value, or every problem found. */
export type Validated<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

/**
 * A finite number in [min, max] whose error message states the range and unit, so every
 * field of a schema explains itself the same way.
 */
export function rangedNumber(min: number, max: number, unit: string, options: { integer?: boolean } = {}) {
  const allowed = `must be ${options.integer ? 'a whole number' : 'a number'} from ${formatNumber(min)} to ${formatNumber(max)} ${unit}`.trim();
  let schema = z.number({ error: allowed }).min(min, { error: allowed }).max(max, { error: allowed });
  if (options.integer) schema = schema.int({ error: allowed });
  return schema;
}

/** Runs a zod schema and turns its issues into reader-facing problems. */
export function validateWith<T>(schema: z.ZodType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.flatMap(toProblems) };
}

/** Formats a list of problems as lines of text, for a CLI or a notice. */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  return problems.map((p) => `- ${p.message}`).join('\n');
}

function toProblems(issue: z.core.$ZodIssue): ValidationProblem[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = base ? `${base}.${key}` : key;
      const value = describeValue((issue.input as Record<string, unknown> | undefined)?.[key]);
      const allowed = 'is not a known field';
      return { path, value, allowed, message: `${path}: ${allowed}` };
    });
  }
  // A union that found no matching `type` reports the whole object at the path of its
  // discriminator; show the discriminator's own value instead.
  const last = issue.path[issue.path.length - 1];
  const input = issue.input;
  const own =
    last !== undefined && input !== null && typeof input === 'object' && !Array.isArray(input) && String(last) in input
      ? (input as Record<string, unknown>)[String(last)]
      : input;
  const value = describeValue(own);
  const allowed = issue.message;
  const where = base || '(input)';
  return [{ path: base, value, allowed, message: `${where}: ${value} ${allowed}` }];
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing, and';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
