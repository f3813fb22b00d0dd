import { describe, expect, it } from 'vitest';
import { EXAMPLES, DEFAULT_PATTERN } from '../../src/filtering/examples.ts';
import { locateJson, parentPath } from '../../src/filtering/json-locations.ts';
import { checkPattern, lineAndColumn } from '../../src/filtering/pattern-check.ts';
import { decide, prepareSample, shownRecords } from '../../src/filtering/sample.ts';
import { clearStoredPattern, readStoredPattern, STORAGE_KEY, writeStoredPattern, type PatternStorage } from '../../src/filtering/stored-pattern.ts';

/** The text of the line a problem marks, trimmed. */
function markedLine(text: string, from: number): string {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const end = text.indexOf('\n', from);
  return text.slice(start, end < 0 ? text.length : end).trim();
}

describe('locateJson', () => {
  it('names places the way the engine does and finds their keys', () => {
    const text = '{\n  "data": {\n    "x": [ { "numeric": [ "<", 3 ] } ]\n  }\n}';
    const found = locateJson(text);
    const key = found.get('data.x[0].numeric')?.key;
    expect(key && text.slice(key.from, key.to)).toBe('"numeric"');
    const element = found.get('data.x[0]')?.value;
    expect(element && text.slice(element.from, element.to)).toBe('{ "numeric": [ "<", 3 ] }');
    expect(found.get('')?.value).toEqual({ from: 0, to: text.length });
  });

  it('keeps what it found before a syntax error and never throws', () => {
    const found = locateJson('{ "data": { "a": [1], "b": [');
    expect(found.has('data.a')).toBe(true);
    expect(() => locateJson('{"a\\')).not.toThrow();
    expect(() => locateJson('[[[[[[[[[[[[[[[[[[[[')).not.toThrow();
  });

  it('walks up a path one member or element at a time', () => {
    expect(parentPath('data.x[0].numeric')).toBe('data.x[0]');
    expect(parentPath('data.x[0]')).toBe('data.x');
    expect(parentPath('data')).toBe('');
    expect(parentPath('')).toBeUndefined();
  });
});

describe('checkPattern', () => {
  it('accepts every example and the default', () => {
    for (const example of [...EXAMPLES, { label: 'default', text: DEFAULT_PATTERN }]) {
      expect(checkPattern(example.text).ok, example.label).toBe(true);
    }
  });

  it('marks the line of an unknown operator and keeps the engine message', () => {
    const text = '{\n  "data": {\n    "x": [\n      { "wildcard": "a*" }\n    ]\n  }\n}';
    const check = checkPattern(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const [problem] = check.problems;
    expect(problem?.message).toMatch(/^data\.x: "wildcard" is not a supported operator/);
    expect(problem?.line).toBe(4);
    expect(text.slice(problem?.from, problem?.to)).toBe('"wildcard"');
  });

  it('marks a key other than data, and a bad operand, on their own lines', () => {
    const text = '{\n  "data": { "s": [ { "numeric": [ "<", "a" ] } ] },\n  "partitionKey": [ "a" ]\n}';
    const check = checkPattern(text);
    if (check.ok) throw new Error('expected problems');
    expect(check.problems.map((p) => [p.line, markedLine(text, p.from).slice(0, 14)])).toEqual([
      [2, '"data": { "s":'],
      [3, '"partitionKey"'],
    ]);
    expect(check.problems[1]?.message).toMatch(/only support filtering on the "data" key/);
  });

  it('places a JSON syntax error where the reader must fix it', () => {
    const text = '{\n  "data": {\n    "fleet_id": [ "fleet-452" ]\n  \n';
    const check = checkPattern(text);
    if (check.ok) throw new Error('expected problems');
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]?.message).toMatch(/^Not valid JSON: .*\(line \d+, column \d+\)\.$/);
    expect(check.problems[0]?.to).toBeLessThanOrEqual(text.length);
  });

  it('handles the empty text and odd input without throwing', () => {
    for (const text of ['', ' ', '[]', '"x"', '{}', '{"data":{}}', 'null', '{"data":[1]}']) {
      const check = checkPattern(text);
      expect(check.ok, text).toBe(false);
      if (!check.ok) for (const p of check.problems) expect(p.from).toBeLessThanOrEqual(Math.max(p.to, 0));
    }
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('the sample', () => {
  const texts = [
    '{"fleet_id":"fleet-1","tire_pressure":30}',
    '{ "fleet_id": "fleet-2",\n "tire_pressure": 35.0 }',
    'not json',
    '{"fleet_id":"fleet-1","tire_pressure":34}',
  ];

  it('decides each record and shows compact lines', () => {
    const sample = prepareSample(texts);
    const check = checkPattern('{"data":{"tire_pressure":[{"numeric":["<",32]}]}}');
    if (!check.ok) throw new Error('pattern should compile');
    const verdicts = decide(check.filter, sample);
    expect(verdicts.kept).toEqual([true, false, false, false]);
    expect(verdicts.share).toBe(0.25);
    expect(shownRecords(sample, verdicts, 'dropped', 2).map((r) => r.index)).toEqual([1, 2]);
    expect(shownRecords(sample, verdicts, 'kept').map((r) => r.index)).toEqual([0]);
    const first = shownRecords(sample, verdicts, 'first', 3);
    expect(first.map((r) => r.line)).toEqual(['{"fleet_id":"fleet-1","tire_pressure":30}', '{"fleet_id":"fleet-2","tire_pressure":35.0}', 'not json']);
    expect(first[1]?.parts).toEqual(['{"fleet_id":"fleet-2",', '"tire_pressure":35.0}']);
  });
});

describe('the stored pattern', () => {
  function memory(initial?: string): PatternStorage & { value: string | null } {
    return {
      value: initial ?? null,
      getItem() {
        return this.value;
      },
      setItem(_key, value) {
        this.value = value;
      },
      removeItem() {
        this.value = null;
      },
    };
  }

  it('reads back what it wrote, including text that is not a valid pattern', () => {
    const storage = memory();
    writeStoredPattern(storage, '{ "data": ');
    expect(readStoredPattern(storage)).toBe('{ "data": ');
    clearStoredPattern(storage);
    expect(readStoredPattern(storage)).toBeUndefined();
  });

  it('ignores anything it did not write', () => {
    for (const raw of ['', 'nope', '42', 'null', '"text"', '{"version":2,"text":"x"}', '{"version":1,"text":7}', `{"version":1,"text":"${'x'.repeat(30_000)}"}`]) {
      expect(readStoredPattern(memory(raw)), raw.slice(0, 30)).toBeUndefined();
    }
  });

  it('survives a storage that throws', () => {
    const hostile: PatternStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readStoredPattern(hostile)).toBeUndefined();
    expect(() => writeStoredPattern(hostile, 'x')).not.toThrow();
    expect(() => clearStoredPattern(hostile)).not.toThrow();
    expect(readStoredPattern(undefined)).toBeUndefined();
    expect(STORAGE_KEY).toMatch(/filter-pattern/);
  });
});
