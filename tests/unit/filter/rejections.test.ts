import { describe, expect, it } from 'vitest';
import { compileFilterCriteria, type FilterOptions } from '../../../engine/filter/index.ts';
import type { ValidationProblem } from '../../../engine/core/validation.ts';

/** Compiles and returns the problems, failing the test if the input was accepted. */
function problemsOf(input: unknown, options?: FilterOptions): ValidationProblem[] {
  const result = compileFilterCriteria(input, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return result.problems;
}

/** Wraps patterns as the AWS API takes them, so that filter indexes are visible. */
function criteria(...patterns: unknown[]): { Filters: { Pattern: string }[] } {
  return { Filters: patterns.map((p) => ({ Pattern: typeof p === 'string' ? p : JSON.stringify(p) })) };
}

const ok = { data: { speed: [{ numeric: ['>', 100] }] } };

describe('rejected patterns name the filter, the place in the pattern, and the reason', () => {
  it('rejects wildcard with the documented message shape', () => {
    const [p] = problemsOf(criteria({ data: { speed: [{ wildcard: '1*' }] } }));
    expect(p).toEqual({
      path: 'Filters[0].Pattern: data.speed',
      value: '"wildcard"',
      allowed: 'is not a supported operator (Lambda supports: equals-ignore-case, anything-but, numeric, exists, prefix, suffix)',
      message: 'Filters[0].Pattern: data.speed: "wildcard" is not a supported operator (Lambda supports: equals-ignore-case, anything-but, numeric, exists, prefix, suffix)',
    });
  });

  it.each([
    ['cidr', { data: { ip: [{ cidr: '10.0.0.0/24' }] } }, 'Filters[1].Pattern: data.ip', '"cidr"'],
    ['an unknown operator', { data: { speed: [{ between: [1, 2] }] } }, 'Filters[1].Pattern: data.speed', '"between"'],
    ['a misspelt operator', { data: { speed: [{ 'anything_but': 'x' }] } }, 'Filters[1].Pattern: data.speed', '"anything_but"'],
    ['$or used as an operator', { data: { speed: [{ $or: [1, 2] }] } }, 'Filters[1].Pattern: data.speed', '"$or"'],
  ])('rejects %s in the second filter', (_name, pattern, path, value) => {
    const problems = problemsOf(criteria(ok, pattern));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, value });
    expect(problems[0]?.message).toContain('is not a supported operator');
  });

  describe('malformed numeric ranges', () => {
    const path = 'Filters[1].Pattern: data.tire_pressure[0].numeric';
    it.each([
      ['an odd length', ['>', 10, '<='], 'has 3 items'],
      ['a single item', ['>'], 'has 1 items'],
      ['an empty list', [], 'is empty'],
      ['more than four items', ['>', 1, '<', 5, '<', 6, '>', 7], 'has 8 items'],
      ['an unknown comparison', ['!=', 10], '"!=" at position 0 where a comparison must be'],
      ['an unknown second comparison', ['>', 10, '=<', 20], '"=<" at position 2 where a comparison must be'],
      ['a string bound', ['>', '10'], '"10" at position 1 where a number must be'],
      ['a null bound', ['<', null], 'null at position 1 where a number must be'],
      ['two lower bounds', ['>', 10, '>=', 20], 'has two lower bounds'],
      ['the upper bound first', ['<', 20, '>', 10], 'starts with the upper bound'],
      ['"=" inside a range', ['=', 10, '<', 20], '"=" stands alone'],
      ['a lower bound above the upper bound', ['>', 20, '<=', 10], 'the lower bound 20 must be below the upper bound 10'],
      ['equal bounds', ['>=', 5, '<=', 5], 'the lower bound 5 must be below the upper bound 5'],
      ['a bound beyond the supported range', ['>', 6e9], 'outside the range numeric matching supports'],
      ['a non-list', '>10', 'must be a list'],
    ])('rejects %s', (_name, numeric, reason) => {
      const problems = problemsOf(criteria(ok, { data: { tire_pressure: [{ numeric }] } }));
      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe(path);
      expect(problems[0]?.allowed).toContain(reason);
      expect(problems[0]?.message).toBe(`${path}: ${problems[0]?.value} ${problems[0]?.allowed}`);
    });

    it('accepts the well-formed shapes', () => {
      for (const numeric of [['=', 100], ['<', 10], ['<=', 10], ['>', 10], ['>=', 10], ['>', 10, '<=', 20], ['>=', -5, '<', 5]]) {
        expect(compileFilterCriteria(criteria({ data: { tire_pressure: [{ numeric }] } })).ok).toBe(true);
      }
    });
  });

  it.each([
    ['a string', { data: { speed: 'fast' } }, 'Filters[0].Pattern: data.speed'],
    ['a number', { data: { speed: 100 } }, 'Filters[0].Pattern: data.speed'],
    ['null', { data: { speed: null } }, 'Filters[0].Pattern: data.speed'],
    ['a boolean at the top', { data: true }, 'Filters[0].Pattern: data'],
  ])('rejects a pattern value that is %s rather than a list', (_name, pattern, path) => {
    const [p] = problemsOf(criteria(pattern));
    expect(p?.path).toBe(path);
    expect(p?.allowed).toContain('must be a list of values to match');
  });

  it.each([
    ['truncated', '{ "data": { "speed": [ 100 ] }'],
    ['single quotes', "{ 'data': { 'speed': [ 100 ] } }"],
    ['a trailing comma', '{ "time": [ { "prefix": "2017-10-02" } ], }'],
    ['plain text', 'speed > 100'],
    ['empty', ''],
  ])('rejects a Pattern that is not JSON (%s)', (_name, text) => {
    const problems = problemsOf({ Filters: [{ Pattern: '{ "data": { "a": [1] } }' }, { Pattern: text }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('Filters[1].Pattern');
    expect(problems[0]?.allowed).toMatch(/^is not valid JSON \(.+ at character \d+\)$/);
  });

  it('rejects a single pattern string that is not JSON, as filter 0', () => {
    expect(problemsOf('{ nope')[0]?.path).toBe('Filters[0].Pattern');
  });

  it.each([
    ['a list', '[ { "data": { "a": [1] } } ]'],
    ['a number', '42'],
    ['a string', '"data"'],
    ['null', 'null'],
  ])('rejects a pattern that is JSON but %s rather than an object', (_name, text) => {
    const [p] = problemsOf(criteria(text));
    expect(p?.path).toBe('Filters[0].Pattern');
    expect(p?.allowed).toContain('must be a JSON object');
  });

  it('rejects more filters than the default quota of 5, naming the first one too many', () => {
    const six = criteria(...Array.from({ length: 6 }, (_, i) => ({ data: { n: [i] } })));
    const problems = problemsOf(six);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('Filters[5]');
    expect(problems[0]?.allowed).toContain('6 filters were given and an event source mapping takes at most 5');
    expect(compileFilterCriteria(six, { maxFilters: 6 }).ok).toBe(true);
  });

  it('takes up to 10 filters when the quota is raised, and no more', () => {
    const ten = criteria(...Array.from({ length: 10 }, (_, i) => ({ data: { n: [i] } })));
    const eleven = criteria(...Array.from({ length: 11 }, (_, i) => ({ data: { n: [i] } })));
    expect(compileFilterCriteria(ten, { maxFilters: 10 }).ok).toBe(true);
    expect(problemsOf(eleven, { maxFilters: 10 })[0]?.path).toBe('Filters[10]');
  });

  it.each([0, 11, 2.5, Number.NaN])('rejects maxFilters %s', (maxFilters) => {
    expect(problemsOf(criteria(ok), { maxFilters })[0]?.path).toBe('maxFilters');
  });

  it('rejects an unknown source', () => {
    expect(problemsOf(criteria(ok), { source: 'dynamodb' as never })[0]?.path).toBe('source');
  });

  describe('$or', () => {
    it.each([
      ['one branch', { $or: [{ data: { a: [1] } }] }, 'Filters[0].Pattern: $or'],
      ['no branch', { $or: [] }, 'Filters[0].Pattern: $or'],
      ['an object instead of a list', { data: { $or: { a: [1], b: [2] } } }, 'Filters[0].Pattern: data.$or'],
      ['a nested one with one branch', { data: { $or: [{ a: [1] }, { $or: [{ b: [2] }] }] } }, 'Filters[0].Pattern: data.$or[1].$or'],
    ])('rejects $or with %s', (_name, pattern, path) => {
      const [p] = problemsOf(criteria(pattern));
      expect(p?.path).toBe(path);
      expect(p?.allowed).toContain('at least 2 pattern objects');
    });

    it('rejects a branch that is not an object, naming the branch', () => {
      const [p] = problemsOf(criteria({ data: { $or: [{ a: [1] }, ['b']] } }));
      expect(p?.path).toBe('Filters[0].Pattern: data.$or[1]');
    });

    it('rejects an operator name used as a field directly inside $or', () => {
      const [p] = problemsOf(criteria({ data: { $or: [{ numeric: [1] }, { a: [2] }] } }));
      expect(p?.path).toBe('Filters[0].Pattern: data.$or[0].numeric');
    });

    it('names problems inside a branch by their path', () => {
      const [p] = problemsOf(criteria({ data: { $or: [{ a: [1] }, { b: [{ numeric: ['>', 'x'] }] }] } }));
      expect(p?.path).toBe('Filters[0].Pattern: data.$or[1].b[0].numeric');
    });
  });

  describe('operator arguments', () => {
    it.each([
      ['exists with a string', { data: { a: [{ exists: 'true' }] } }, 'Filters[0].Pattern: data.a[0].exists', 'must be true or false'],
      ['prefix with a number', { data: { a: [{ prefix: 1 }] } }, 'Filters[0].Pattern: data.a[0].prefix', 'must be a string'],
      ['suffix with a list', { data: { a: [{ suffix: ['.png'] }] } }, 'Filters[0].Pattern: data.a[0].suffix', 'must be a string'],
      ['equals-ignore-case with null', { data: { a: [{ 'equals-ignore-case': null }] } }, 'Filters[0].Pattern: data.a[0].equals-ignore-case', 'must be a string'],
      ['anything-but with null', { data: { a: [{ 'anything-but': null }] } }, 'Filters[0].Pattern: data.a[0].anything-but', 'must be a string, a number'],
      ['anything-but with a boolean', { data: { a: [{ 'anything-but': true }] } }, 'Filters[0].Pattern: data.a[0].anything-but', 'must be a string, a number'],
      ['anything-but with an empty list', { data: { a: [{ 'anything-but': [] }] } }, 'Filters[0].Pattern: data.a[0].anything-but', 'at least one value'],
      ['anything-but mixing strings and numbers', { data: { a: [{ 'anything-but': ['a', 1] }] } }, 'Filters[0].Pattern: data.a[0].anything-but', 'mixes strings and numbers'],
      ['anything-but listing null', { data: { a: [{ 'anything-but': ['a', null] }] } }, 'Filters[0].Pattern: data.a[0].anything-but[1]', 'must be a string or a number'],
      ['anything-but with a nested prefix', { data: { a: [{ 'anything-but': { prefix: 'init' } }] } }, 'Filters[0].Pattern: data.a[0].anything-but', 'holds an operator'],
      ['two operators in one object', { data: { a: [{ prefix: 'a', suffix: 'b' }] } }, 'Filters[0].Pattern: data.a[0]', 'holds 2 operators'],
      ['an empty operator object', { data: { a: [{}] } }, 'Filters[0].Pattern: data.a[0]', 'must hold one operator'],
      ['a list inside the list', { data: { a: [['x']] } }, 'Filters[0].Pattern: data.a[0]', 'must be a string, number, true, false, null'],
      ['an empty list', { data: { a: [] } }, 'Filters[0].Pattern: data.a', 'at least one value'],
      ['an empty object', { data: {} }, 'Filters[0].Pattern: data', 'must name at least one field'],
    ])('rejects %s', (_name, pattern, path, reason) => {
      const problems = problemsOf(criteria(pattern));
      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe(path);
      expect(problems[0]?.allowed).toContain(reason);
    });
  });

  describe('the source\'s rules', () => {
    it('rejects a metadata key on a Kinesis mapping', () => {
      const [p] = problemsOf(criteria({ partitionKey: ['1'], data: { Location: ['Los Angeles'] } }), { source: 'kinesis' });
      expect(p?.path).toBe('Filters[0].Pattern: partitionKey');
      expect(p?.allowed).toContain('Kinesis event source mappings only support filtering on the "data" key');
    });

    it('rejects a metadata key inside a top-level $or on a Kinesis mapping', () => {
      const [p] = problemsOf(criteria({ $or: [{ data: { a: [1] } }, { partitionKey: ['1'] }] }), { source: 'kinesis' });
      expect(p?.path).toBe('Filters[0].Pattern: $or[1].partitionKey');
    });

    it('accepts nested keys of any name under data on a Kinesis mapping', () => {
      expect(compileFilterCriteria(criteria({ data: { partitionKey: ['1'] } }), { source: 'kinesis' }).ok).toBe(true);
    });

    it('rejects a plain-string (list) pattern for Kinesis data', () => {
      const [p] = problemsOf(criteria({ data: [{ prefix: 'x' }] }), { source: 'kinesis' });
      expect(p?.path).toBe('Filters[0].Pattern: data');
    });

    it('rejects keys other than value on a Kafka mapping', () => {
      const [p] = problemsOf(criteria({ value: ['x'], key: ['k'] }), { source: 'kafka' });
      expect(p?.path).toBe('Filters[0].Pattern: key');
    });

    it('lets SQS filter metadata as well as the body', () => {
      expect(compileFilterCriteria(criteria({ attributes: { ApproximateReceiveCount: ['1'] }, body: { a: [1] } }), { source: 'sqs' }).ok).toBe(true);
    });
  });

  describe('the FilterCriteria envelope', () => {
    it('rejects a Pattern that is an object rather than text', () => {
      expect(problemsOf({ Filters: [{ Pattern: { data: { a: [1] } } }] })[0]?.path).toBe('Filters[0].Pattern');
    });

    it('rejects a filter with no Pattern', () => {
      const [p] = problemsOf({ Filters: [{}] });
      expect(p?.message).toBe('Filters[0].Pattern: missing, and must be a JSON string: the AWS API takes each pattern as text');
    });

    it('rejects unknown fields of a filter', () => {
      expect(problemsOf({ Filters: [{ Pattern: '{"a":[1]}', Name: 'x' }] })[0]?.path).toBe('Filters[0].Name');
    });

    it('rejects Filters that is not a list, and a filter that is not an object', () => {
      expect(problemsOf({ Filters: 'x' })[0]?.path).toBe('Filters');
      expect(problemsOf({ Filters: ['{"a":[1]}'] })[0]?.path).toBe('Filters[0]');
    });

    it('rejects a Pattern longer than the API allows', () => {
      const long = JSON.stringify({ data: { a: ['x'.repeat(4100)] } });
      expect(problemsOf(criteria(long))[0]?.allowed).toContain('at most 4,096');
    });

    it.each([42, null, true, [1, 2]])('rejects an input of the wrong kind (%s)', (input) => {
      expect(problemsOf(input)[0]?.path).toBe('');
    });

    it('reports every problem of every filter at once', () => {
      const problems = problemsOf(criteria({ data: { a: [{ wildcard: '*' }], b: 'x' } }, ok, '{ bad'));
      expect(problems.map((p) => p.path)).toEqual(['Filters[0].Pattern: data.a', 'Filters[0].Pattern: data.b', 'Filters[2].Pattern']);
    });

    it('accepts an empty FilterCriteria, which keeps every record', () => {
      for (const empty of [{}, { Filters: [] }]) {
        const result = compileFilterCriteria(empty);
        expect(result.ok && result.filter.filters.length).toBe(0);
      }
    });
  });
});
