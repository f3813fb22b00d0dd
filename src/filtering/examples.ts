/**
 * The one-click example patterns of the filter playground. Each is shown exactly as the
 * reader would type it, so the text is the pattern (pretty-printed JSON).
 */
import esmPreset from '../../scenarios/filtering-iot-esm.json';

export interface ExamplePattern {
  /** Button text. */
  label: string;
  text: string;
}

/** Widest line (indent included) that a value is kept on one line for; wider values break up. */
const LINE_WIDTH = 52;

/**
 * JSON laid out the way people write patterns: one field per line, short lists and objects on
 * one line (`[{ "numeric": ["<", 32] }]`), so a pattern reads at a glance and fits a phone.
 */
export function pretty(value: unknown, indent = '', lead = 0): string {
  const flat = inline(value);
  // `lead` is what precedes the value on its line after the indent: a member's key and colon.
  if (indent.length + lead + flat.length <= LINE_WIDTH || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  const members = Object.entries(value).map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return `${inner}${key}${pretty(v, inner, key.length)}`;
  });
  return `{\n${members.join(',\n')}\n${indent}}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The talk's running example: one fleet, and only the readings with low tire pressure. */
export const TALK_PATTERN = pretty({ data: { fleet_id: ['fleet-452'], tire_pressure: [{ numeric: ['<', 32] }] } });

/**
 * What the editor holds at first and after Reset: the pattern of the engine's preset, so the
 * bill the page starts with is the preset's own.
 */
export const DEFAULT_PATTERN = pretty(JSON.parse(esmPreset.eventSourceMapping.FilterCriteria.Filters[0]?.Pattern ?? '{}'));

export const EXAMPLES: readonly ExamplePattern[] = [
  { label: "The talk's filter", text: TALK_PATTERN },
  { label: 'Low tire pressure, any fleet', text: DEFAULT_PATTERN },
  { label: 'Every fleet but one', text: pretty({ data: { fleet_id: [{ 'anything-but': ['fleet-452'] }] } }) },
];
