/**
 * A small block-style YAML writer for the fixed shapes the exporters produce: mappings,
 * sequences, numbers, booleans, strings and CloudFormation's short tags (`!Ref Name`).
 * Every line is indented by a multiple of two spaces, never by tabs.
 */

/** A CloudFormation short-form intrinsic function, written `!Ref Function`. */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly value: string,
  ) {}
}

export type YamlValue = string | number | boolean | Tagged | YamlValue[] | { [key: string]: YamlValue };
type YamlMap = { [key: string]: YamlValue };

export function yamlDocument(root: YamlMap): string {
  return `${mappingLines(root, 0).join('\n')}\n`;
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Tagged);
}

/** True for a non-empty list or map: it goes on its own lines below its key or dash. */
function isBlock(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isMap(value) && Object.keys(value).length > 0;
}

function mappingLines(map: YamlMap, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (isBlock(value)) {
      lines.push(`${pad}${yamlKey(key)}:`, ...blockLines(value, indent + 2));
    } else {
      lines.push(`${pad}${yamlKey(key)}: ${inline(value)}`);
    }
  }
  return lines;
}

function blockLines(value: YamlValue, indent: number): string[] {
  if (!Array.isArray(value)) return mappingLines(value as YamlMap, indent);
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of value) {
    if (!isBlock(item)) {
      lines.push(`${pad}- ${inline(item)}`);
      continue;
    }
    // The item's first line shares the dash; the rest line up under it, two spaces in.
    const nested = blockLines(item, indent + 2);
    lines.push(`${pad}- ${nested[0]!.slice(indent + 2)}`, ...nested.slice(1));
  }
  return lines;
}

function inline(value: YamlValue): string {
  if (value instanceof Tagged) return `${value.tag} ${yamlString(value.value)}`;
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} in a template`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return yamlString(value);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : yamlString(key);
}

// Characters a single-quoted scalar cannot hold as they are: YAML's non-printable C0 and C1
// controls, and line breaks (tab, LF, CR, NEL, U+2028/9), which it would fold or reject.
const NOT_PRINTABLE_SOURCE = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufffe\\uffff]';
const NOT_PRINTABLE = new RegExp(NOT_PRINTABLE_SOURCE);
const NOT_PRINTABLE_ALL = new RegExp(NOT_PRINTABLE_SOURCE, 'g');

/** Words some YAML readers (1.1 and CloudFormation's) take for booleans or null. */
const RESERVED = /^(true|false|yes|no|y|n|on|off|null)$/i;

/**
 * A string as a YAML scalar that reads back as the same string: plain when it is clearly
 * text (letters, digits and `_ . / : -`, starting with a letter), single-quoted when it is
 * one printable line, and double-quoted with escapes otherwise.
 */
export function yamlString(text: string): string {
  if (/^[A-Za-z][A-Za-z0-9_./:-]*$/.test(text) && !RESERVED.test(text)) return text;
  if (!NOT_PRINTABLE.test(text)) return `'${text.replace(/'/g, "''")}'`;
  // JSON's escapes are all valid in a YAML double-quoted scalar; add the characters YAML
  // does not allow raw that JSON leaves alone.
  return JSON.stringify(text).replace(NOT_PRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
