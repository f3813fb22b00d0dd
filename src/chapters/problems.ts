/**
 * Turns zod's issues into sentences an author can act on: where (the field's path from the
 * prop's name), what was written, and what is allowed. Chapter widgets validate their props
 * while the page builds, so these messages are what a typo in MDX produces.
 */
import type { z } from 'zod';

/** `conditions[1].outcome` from the prop's name and zod's path. */
function pathText(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), root);
}

/** A value as the author wrote it, shortened so a long one does not bury the message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON has no Infinity or NaN; String keeps them legible.
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One line per issue: "conditions[0].outcome: "throtles" is not an outcome; allowed: …".
 * `fields` lists the field names allowed where a strict object met an unknown one.
 */
export function problemsOf(issues: readonly z.core.$ZodIssue[], root: string, fields: readonly string[] = []): string[] {
  return issues.flatMap((issue) => {
    const at = pathText(root, issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = fields.length > 0 ? `; allowed: ${fields.join(', ')}` : '';
      return issue.keys.map((key) => `${at}: "${key}" is not a known field${allowed}`);
    }
    // An object-level check's message already says what it is about; a value-level one shows the value.
    const whole = issue.input !== null && typeof issue.input === 'object' && !Array.isArray(issue.input);
    if (issue.code === 'custom' && whole) return [`${at}: ${issue.message}`];
    return [`${at}: ${describeValue(issue.input)} ${issue.message}`];
  });
}
