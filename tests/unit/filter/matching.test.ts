import { describe, expect, it } from 'vitest';
import {
  compileFilterCriteria,
  decodePayload,
  JsonNumber,
  matches,
  matchesPayload,
  parseJsonText,
  stringifyJson,
  type CompiledFilter,
  type FilterOptions,
} from '../../../engine/filter/index.ts';

function compiled(input: unknown, options?: FilterOptions): CompiledFilter {
  const result = compileFilterCriteria(input, options);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.filter;
}

function read(text: string): unknown {
  const result = parseJsonText(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('FilterCriteria as a whole', () => {
  it('ORs its filters: a record is kept if any filter matches', () => {
    const filter = compiled({ Filters: [{ Pattern: '{ "data": { "kind": ["a"] } }' }, { Pattern: '{ "data": { "kind": ["b"] } }' }] });
    expect(matches(filter, { data: { kind: 'b' } })).toBe(true);
    expect(matches(filter, { data: { kind: 'c' } })).toBe(false);
  });

  it('keeps every record when it has no filters', () => {
    expect(matches(compiled({ Filters: [] }), { anything: 1 })).toBe(true);
    expect(matchesPayload(compiled({}, { source: 'kinesis' }), 'not json')).toBe(true);
  });

  it('accepts a single pattern object or a single pattern string as filter 0', () => {
    for (const input of [{ data: { a: [1] } }, '{ "data": { "a": [1] } }']) {
      const filter = compiled(input);
      expect(filter.filters.map((f) => f.index)).toEqual([0]);
      expect(matches(filter, { data: { a: 1 } })).toBe(true);
    }
  });

  it('keeps the pattern text, with numbers as written', () => {
    expect(compiled('{ "data": { "a": [ 300.0, 1 ] } }').filters[0]?.patternText).toBe('{"data":{"a":[300.0,1]}}');
  });

  it('records the source and its data key', () => {
    expect(compiled({ value: ['x'] }, { source: 'kafka' })).toMatchObject({ source: 'kafka', dataKey: 'value' });
    expect(compiled({ body: ['x'] }, { source: 'sqs' })).toMatchObject({ source: 'sqs', dataKey: 'body' });
    expect(compiled({ data: { x: [1] } })).toMatchObject({ source: undefined, dataKey: 'data' });
  });
});

describe('matching rules', () => {
  it('requires every named field, at the same nesting, and ignores the rest', () => {
    const filter = compiled({ a: { b: [1] }, c: [2] });
    expect(matches(filter, { a: { b: 1, z: 9 }, c: 2, extra: true })).toBe(true);
    expect(matches(filter, { a: { b: 1 } })).toBe(false);
    expect(matches(filter, { a: 1, c: 2 })).toBe(false);
    expect(matches(filter, { b: 1, c: 2 })).toBe(false);
  });

  it('matches an event array when any element matches (also for operators)', () => {
    expect(matches(compiled({ tags: [{ prefix: 'In' }] }), { tags: ['Custom', 'Insider'] })).toBe(true);
    expect(matches(compiled({ tags: [{ prefix: 'in' }] }), { tags: ['Custom', 'Insider'] })).toBe(false);
    expect(matches(compiled({ n: [{ numeric: ['>', 10] }] }), { n: [1, 2, 30] })).toBe(true);
    expect(matches(compiled({ n: [{ numeric: ['>', 100] }] }), { n: [1, 2, 30] })).toBe(false);
    expect(matches(compiled({ n: [5] }), { n: [[1, [5]]] })).toBe(true);
  });

  it('treats anything-but on an array as "some element is not excluded"', () => {
    const filter = compiled({ s: [{ 'anything-but': 'a' }] });
    expect(matches(filter, { s: ['a', 'b'] })).toBe(true);
    expect(matches(filter, { s: ['a', 'a'] })).toBe(false);
  });

  it('matches a sub-pattern within one array element, never across elements', () => {
    const employees = { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }] };
    expect(matches(compiled({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }), employees)).toBe(true);
    expect(matches(compiled({ employees: { firstName: ['Anna'], lastName: ['Doe'] } }), employees)).toBe(false);
  });

  it('treats exists on arrays by their leaves: an empty list has none', () => {
    const exists = compiled({ a: [{ exists: true }] });
    const absent = compiled({ a: [{ exists: false }] });
    expect(matches(exists, { a: [] })).toBe(false);
    expect(matches(absent, { a: [] })).toBe(true);
    expect(matches(exists, { a: [null] })).toBe(true);
    expect(matches(absent, { a: [1] })).toBe(false);
    expect(matches(exists, { a: [{ b: 1 }] })).toBe(false);
  });

  it('lets exists: false match below a missing or non-object parent', () => {
    const filter = compiled({ a: { b: [{ exists: false }] } });
    expect(matches(filter, {})).toBe(true);
    expect(matches(filter, { a: 'text' })).toBe(true);
    expect(matches(filter, { a: { b: 1 } })).toBe(false);
    expect(matches(filter, null)).toBe(true);
  });

  it('combines a value and exists: false in one list as OR', () => {
    const filter = compiled({ a: ['x', { exists: false }] });
    expect(matches(filter, {})).toBe(true);
    expect(matches(filter, { a: 'x' })).toBe(true);
    expect(matches(filter, { a: 'y' })).toBe(false);
  });

  it('nests $or and ANDs it with its siblings', () => {
    const filter = compiled({
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }],
    });
    expect(matches(filter, { source: 'aws.cloudwatch', metricName: 'CPUUtilization' })).toBe(true);
    expect(matches(filter, { source: 'aws.cloudwatch', metricType: 'MetricType', spaceId: 1000 })).toBe(true);
    expect(matches(filter, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
    expect(matches(filter, { source: 'other', metricName: 'CPUUtilization' })).toBe(false);
  });

  it('distinguishes types: "1" is not 1, "true" is not true, "null" is not null', () => {
    expect(matches(compiled({ a: [1] }), { a: '1' })).toBe(false);
    expect(matches(compiled({ a: [true] }), { a: 'true' })).toBe(false);
    expect(matches(compiled({ a: [true] }), { a: true })).toBe(true);
    expect(matches(compiled({ a: [false] }), { a: false })).toBe(true);
    expect(matches(compiled({ a: ['null'] }), { a: null })).toBe(false);
  });

  it('applies prefix, suffix and equals-ignore-case only to strings', () => {
    for (const op of [{ prefix: '1' }, { suffix: '1' }, { 'equals-ignore-case': '1' }]) expect(matches(compiled({ a: [op] }), { a: 1 })).toBe(false);
  });

  it('compares numbers to six decimal places and within ±5e9', () => {
    expect(matches(compiled({ a: [{ numeric: ['=', 1] }] }), { a: 1.0000001 })).toBe(true);
    expect(matches(compiled({ a: [{ numeric: ['=', 1] }] }), { a: 1.00001 })).toBe(false);
    expect(matches(compiled({ a: [{ numeric: ['>', 0] }] }), { a: 6e9 })).toBe(false);
    expect(matches(compiled({ a: [{ numeric: ['>=', 1.7e9] }] }), { a: 1_736_000_000 })).toBe(true);
  });

  it('compares anything-but numbers numerically', () => {
    const filter = compiled('{ "a": [ { "anything-but": [ 100 ] } ] }');
    expect(matches(filter, read('{ "a": 100.0 }'))).toBe(false);
    expect(matches(filter, { a: 101 })).toBe(true);
    expect(matches(filter, { a: '100' })).toBe(true);
  });

  it('does not mistake inherited object members for fields', () => {
    expect(matches(compiled({ constructor: [{ exists: true }] }), {})).toBe(false);
    expect(matches(compiled({ toString: [{ exists: false }] }), {})).toBe(true);
    expect(matches(compiled({ constructor: [1] }), { constructor: 1 })).toBe(true);
    expect(matches(compiled('{ "__proto__": [ "x" ] }'), read('{ "__proto__": "x" }'))).toBe(true);
    expect(matches(compiled('{ "__proto__": [ "x" ] }'), {})).toBe(false);
  });
});

describe('payloads', () => {
  it('decodes JSON objects and arrays, and keeps anything else as a plain string', () => {
    expect(decodePayload(' {"a": 1} ')).toEqual({ a: 1 });
    expect(decodePayload('[1, 2]')).toEqual([1, 2]);
    expect(decodePayload('{"a": ')).toBe('{"a": ');
    expect(decodePayload('42')).toBe('42');
    expect(decodePayload('"quoted"')).toBe('"quoted"');
    expect(decodePayload('')).toBe('');
  });

  it('keeps number spellings, so 300.0 and 3.0e2 are not 300', () => {
    const filter = compiled({ data: { speed: [300] } }, { source: 'kinesis' });
    expect(matchesPayload(filter, '{"speed": 300}')).toBe(true);
    expect(matchesPayload(filter, '{"speed": 300.0}')).toBe(false);
    expect(matchesPayload(filter, '{"speed": 3.0e2}')).toBe(false);
  });

  it('drops a Kinesis record whose data is not JSON whenever a filter is set', () => {
    const filter = compiled({ Filters: [{ Pattern: '{ "data": { "speed": [ { "exists": false } ] } }' }, { Pattern: '{ "data": { "speed": [ 1 ] } }' }] }, { source: 'kinesis' });
    expect(matchesPayload(filter, 'speed=1')).toBe(false);
    expect(matchesPayload(filter, '{ "speed": 1')).toBe(false);
    expect(matchesPayload(filter, '{ "other": 1 }')).toBe(true);
    // An undecoded string under data is a non-JSON payload too.
    expect(matches(filter, { data: '{"speed":1}' })).toBe(false);
  });

  it('filters a telemetry record with metadata the same way decoded or raw', () => {
    const filter = compiled(
      { Filters: [{ Pattern: '{ "data": { "vehicle": { "tire_pressure": [ { "numeric": [ "<", 30 ] } ] } } }' }, { Pattern: '{ "data": { "alerts": { "code": [ { "prefix": "ENG" } ] } } }' }] },
      { source: 'kinesis' },
    );
    const payload = JSON.stringify({ vehicle: { id: 'V-17', tire_pressure: [32, 29.5, 33, 32] }, alerts: [] });
    const metadata = { partitionKey: 'V-17', sequenceNumber: '1' };
    expect(matchesPayload(filter, payload, metadata)).toBe(true);
    expect(matches(filter, { ...metadata, data: decodePayload(payload) })).toBe(true);
    const calm = JSON.stringify({ vehicle: { id: 'V-18', tire_pressure: [32, 32, 33, 32] }, alerts: [{ code: 'BRK-1' }, { code: 'ENG-7' }] });
    expect(matchesPayload(filter, calm)).toBe(true);
    expect(matchesPayload(filter, JSON.stringify({ vehicle: { tire_pressure: [32] }, alerts: [{ code: 'BRK-1' }] }))).toBe(false);
  });

  it('puts the payload under the source key, over any metadata field of that name', () => {
    const filter = compiled({ body: { a: [1] } }, { source: 'sqs' });
    expect(matchesPayload(filter, '{"a": 1}', { body: 'stale' })).toBe(true);
  });
});

describe('JSON text', () => {
  it('keeps non-canonical numbers as JsonNumber and canonical ones as numbers', () => {
    expect(read('[300, 300.0, 3.0e2, -0, 1.5, 1e21, 123456789012345678, 9007199254740991]')).toEqual([
      300,
      new JsonNumber('300.0', 300),
      new JsonNumber('3.0e2', 300),
      new JsonNumber('-0', -0),
      1.5,
      new JsonNumber('1e21', 1e21),
      new JsonNumber('123456789012345678', 123456789012345678),
      9007199254740991,
    ]);
  });

  it('writes JsonNumbers back as spelled', () => {
    expect(stringifyJson(read('{"a":[3.0e2,"x",null,true]}'))).toBe('{"a":[3.0e2,"x",null,true]}');
  });

  it('reports where the text stops being JSON', () => {
    expect(parseJsonText('{"a": 01}')).toMatchObject({ ok: false, offset: 7 });
    expect(parseJsonText('{"a": [1,]}')).toMatchObject({ ok: false });
    expect(parseJsonText('"\\x"')).toMatchObject({ ok: false, message: 'bad escape in string' });
    expect(parseJsonText('[1] 2')).toMatchObject({ ok: false, message: 'unexpected text after the JSON value' });
    expect(parseJsonText('['.repeat(600))).toMatchObject({ ok: false });
  });

  it('reads escapes and keeps a repeated key\'s last value', () => {
    expect(read('{"a":"\\u00e9\\n\\"","a":2}')).toEqual({ a: 2 });
    expect(read('"\\u00e9\\n\\"\\/"')).toBe('é\n"/');
  });
});
