/**
 * Checks the reader's filter pattern with the engine, as Lambda checks it when the event
 * source mapping is created, and turns each problem into a message tied to a place in the
 * text, so the editor can mark the line and the status region can name it.
 */
import { compileFilterCriteria, MAX_PATTERN_LENGTH, parseJsonText, type CompiledFilter } from '../../engine/index.ts';
import { locateJson, parentPath, type Location, type Span } from './json-locations.ts';

/** One problem, ready to show: where it is in the text and what the engine said. */
export interface PatternProblem extends Span {
  /** 1-based line of `from`. */
  line: number;
  message: string;
}

export type PatternCheck = { ok: true; filter: CompiledFilter } | { ok: false; problems: PatternProblem[] };

/** The engine names problems inside the one pattern it was given as `Filters[0].Pattern: <path>`. */
const PATTERN_PREFIX = /^Filters\[0\]\.Pattern(?::\s*|$)/;

/** Compiles `text` as one Kinesis filter pattern. Never throws. */
export function checkPattern(text: string): PatternCheck {
  const result = compileFilterCriteria(text, { source: 'kinesis' });
  if (result.ok) return { ok: true, filter: result.filter };
  if (text.length > MAX_PATTERN_LENGTH) {
    // Too long for Lambda whatever it holds: the problem is the whole text, so it is not
    // parsed and located (tens of thousands of values would take a noticeable pause per keystroke).
    const span = firstLine(text);
    return { ok: false, problems: result.problems.map((p) => ({ ...span, line: 1, message: p.message.replace(PATTERN_PREFIX, '') })) };
  }

  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // The engine's message quotes the whole text back; the reader needs only the reason and the place.
    const from = Math.min(parsed.offset, text.length);
    const span = widen(text, { from, to: from + 1 });
    const { line, column } = lineAndColumn(text, from);
    return {
      ok: false,
      problems: [
        { ...span, line: lineAndColumn(text, span.from).line, message: `Not valid JSON: ${parsed.message} (line ${line}, column ${column}).` },
      ],
    };
  }

  const locations = locateJson(text);
  const problems = result.problems.map((p): PatternProblem => {
    const path = p.path.replace(PATTERN_PREFIX, '');
    const span = spanFor(text, locations, path, p.value);
    return { ...span, line: lineAndColumn(text, span.from).line, message: p.message.replace(PATTERN_PREFIX, '') };
  });
  return { ok: false, problems };
}

/**
 * The text to mark for a problem at `path`. The nearest enclosing value that exists in the
 * text is used (the engine may name a place inside a value, or a key it could not read);
 * when the problem's value is a name found as a key just below that place (an unknown
 * operator such as "wildcard"), that key is marked instead. Falls back to the first line.
 */
export function spanFor(text: string, locations: ReadonlyMap<string, Location>, path: string, value: unknown): Span {
  let at: string | undefined = path;
  let location: Location | undefined;
  while (at !== undefined && (location = locations.get(at)) === undefined) at = parentPath(at);
  if (location === undefined || at === undefined) return firstLine(text);

  const named = namedKeyBelow(locations, at, value);
  if (named) return named;
  if (location.key) return location.key;
  // A list element or the whole document: mark its first line only, not a whole block.
  return clipToLine(text, location.value);
}

function namedKeyBelow(locations: ReadonlyMap<string, Location>, path: string, value: unknown): Span | undefined {
  if (typeof value !== 'string' || !/^".*"$/.test(value)) return undefined;
  let name: string;
  try {
    name = JSON.parse(value) as string;
  } catch {
    return undefined;
  }
  for (const [candidate, location] of locations) {
    if (!location.key || !candidate.startsWith(path) || candidate === path) continue;
    if (candidate === `${path}.${name}` || new RegExp(`^${escape(path)}\\[\\d+\\]\\.${escape(name)}$`).test(candidate)) {
      return location.key;
    }
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstLine(text: string): Span {
  const end = text.indexOf('\n');
  return widen(text, { from: 0, to: end < 0 ? text.length : end });
}

function clipToLine(text: string, span: Span): Span {
  const end = text.indexOf('\n', span.from);
  return { from: span.from, to: end < 0 || end > span.to ? span.to : end };
}

/** A span that covers at least one character when the text has any, so the editor can underline it. */
function widen(text: string, span: Span): Span {
  const to = Math.min(span.to, text.length);
  const from = Math.min(span.from, to);
  if (to > from) return { from, to };
  return from > 0 ? { from: from - 1, to: from } : { from: 0, to: Math.min(1, text.length) };
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
