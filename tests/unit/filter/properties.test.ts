import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFilterCriteria, JsonNumber, matches, matchesPayload, parseJsonText, type CompiledFilter } from '../../../engine/filter/index.ts';
import { EXAMPLES } from '../../../src/filtering/examples.ts';
import { checkPattern } from '../../../src/filtering/pattern-check.ts';
import { hostileTexts, timedDecode } from '../support/mutations.ts';

const RUNS = { seed: 20_240_601, numRuns: 300 };

function compiled(input: unknown): CompiledFilter {
  const result = compileFilterCriteria(input);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.filter;
}

/** Field names, minus the one a pattern reads as an operator ("$or") and the one JavaScript reads as the prototype. */
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '$or' && k !== '__proto__');
const primitive = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

type Rec = { [k: string]: unknown };
const { record } = fc.letrec<{ record: Rec; value: unknown }>((tie) => ({
  record: fc.dictionary(key, tie('value'), { minKeys: 1, maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small' }, primitive, fc.array(primitive, { minLength: 1, maxLength: 3 }), tie('record')),
}));

/** Equals on every leaf: a list for each leaf value, the record's own list for each array. */
function selfPattern(rec: Rec): Rec {
  const pattern: Rec = {};
  for (const [k, v] of Object.entries(rec)) {
    if (Array.isArray(v)) pattern[k] = v;
    else if (v !== null && typeof v === 'object') pattern[k] = selfPattern(v as Rec);
    else pattern[k] = [v];
  }
  return pattern;
}

describe('filter properties', () => {
  it('a record always matches a pattern built from its own leaf values', () => {
    fc.assert(
      fc.property(record, (rec) => {
        const pattern = selfPattern(rec);
        fc.pre(JSON.stringify(pattern).length <= 4096);
        expect(matches(compiled(pattern), rec)).toBe(true);
        // The same through JSON text on both sides, as the API and a payload carry them.
        expect(matchesPayload(compiled({ Filters: [{ Pattern: JSON.stringify({ data: pattern }) }] }), JSON.stringify(rec))).toBe(true);
      }),
      RUNS,
    );
  });

  const inRange = fc.double({ min: -5e9, max: 5e9, noNaN: true });

  it('anything-but X never matches a record whose field is X', () => {
    const excluded = fc.oneof(
      fc.string({ maxLength: 8 }).map((x) => ({ x, others: [] as unknown[] })),
      fc.tuple(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })).map(([x, others]) => ({ x, others })),
      fc.tuple(inRange, fc.array(inRange, { maxLength: 3 })).map(([x, others]) => ({ x, others })),
      fc.integer().map((x) => ({ x, others: [] as unknown[] })),
    );
    fc.assert(
      fc.property(excluded, fc.boolean(), ({ x, others }, asList) => {
        const arg = asList || others.length > 0 ? [...others, x] : x;
        const filter = compiled({ field: [{ 'anything-but': arg }] });
        expect(matches(filter, { field: x })).toBe(false);
        expect(matches(filter, {})).toBe(false);
      }),
      RUNS,
    );
  });

  it('anything-but matches a present string that is not excluded', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 5 }), (excluded, value) => {
        fc.pre(!excluded.includes(value));
        expect(matches(compiled({ field: [{ 'anything-but': excluded }] }), { field: value })).toBe(true);
      }),
      RUNS,
    );
  });

  it('a string matches prefix and suffix patterns made from its own beginning and end', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.nat(), fc.nat(), (s, a, b) => {
        const head = s.slice(0, a % (s.length + 1));
        const tail = s.slice(s.length - (b % (s.length + 1)));
        expect(matches(compiled({ f: [{ prefix: head }] }), { f: s })).toBe(true);
        expect(matches(compiled({ f: [{ suffix: tail }] }), { f: s })).toBe(true);
        expect(matches(compiled({ f: [{ prefix: `${s}!` }] }), { f: s })).toBe(false);
      }),
      RUNS,
    );
  });

  it('a numeric range built around a number matches it, and an open bound at the number does not', () => {
    const x = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    const d = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(x, d, (n, delta) => {
        const record = { f: n };
        expect(matches(compiled({ f: [{ numeric: ['>', n - delta, '<', n + delta] }] }), record)).toBe(true);
        expect(matches(compiled({ f: [{ numeric: ['>=', n, '<=', n + delta] }] }), record)).toBe(true);
        expect(matches(compiled({ f: [{ numeric: ['>', n - delta, '<=', n] }] }), record)).toBe(true);
        expect(matches(compiled({ f: [{ numeric: ['=', n] }] }), record)).toBe(true);
        expect(matches(compiled({ f: [{ numeric: ['>', n] }] }), record)).toBe(false);
        expect(matches(compiled({ f: [{ numeric: ['<', n] }] }), record)).toBe(false);
      }),
      RUNS,
    );
  });

  /** Every problem reads `path: value allowed`, like the rest of the engine's validation. */
  function checkOutcome(result: ReturnType<typeof compileFilterCriteria>, event: unknown): void {
    if (result.ok) {
      expect(typeof matches(result.filter, event)).toBe('boolean');
    } else {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const p of result.problems) expect(p.message).toBe(`${p.path || '(input)'}: ${p.value} ${p.allowed}`);
    }
  }

  it('compiling never throws on arbitrary JSON: it returns a filter or problems', () => {
    const source = fc.constantFrom(undefined, 'kinesis' as const, 'kafka' as const, 'sqs' as const);
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), source, (pattern, event, src) => {
        checkOutcome(compileFilterCriteria(pattern, { source: src }), event);
        checkOutcome(compileFilterCriteria(JSON.stringify(pattern), { source: src }), event);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.string(), fc.jsonValue()).map((Pattern) => ({ Pattern }))), fc.jsonValue(), (filters, event) => {
        checkOutcome(compileFilterCriteria({ Filters: filters }), event);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything(), fc.string(), (input, text) => {
        checkOutcome(compileFilterCriteria(input), input);
        checkOutcome(compileFilterCriteria(text), text);
      }),
      RUNS,
    );
  });

  it('patterns built from operator fragments compile or are rejected, never throw', () => {
    const argument = fc.oneof(fc.jsonValue(), fc.constantFrom('>', '>=', '<', '<=', '=', 1, -1, 0.5, 6e9));
    const operator = fc.record({ op: fc.constantFrom('numeric', 'anything-but', 'exists', 'prefix', 'suffix', 'equals-ignore-case', 'wildcard'), arg: fc.oneof(argument, fc.array(argument, { maxLength: 5 })) });
    fc.assert(
      fc.property(fc.array(operator, { minLength: 1, maxLength: 3 }), fc.jsonValue(), (ops, event) => {
        const pattern = { data: { f: ops.map(({ op, arg }) => ({ [op]: arg })) } };
        checkOutcome(compileFilterCriteria(pattern), { data: { f: event } });
      }),
      RUNS,
    );
  });

  it('keeps a number as a plain number exactly when JavaScript prints it back as written', () => {
    const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const literal = fc
      .record({
        sign: fc.constantFrom('', '-'),
        whole: fc.oneof(fc.constant('0'), fc.tuple(fc.integer({ min: 1, max: 9 }), digits(0, 20)).map(([a, b]) => `${a}${b}`)),
        fraction: fc.option(digits(1, 25), { nil: undefined }),
        exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 30 })).map((p) => p.join('')), { nil: undefined }),
      })
      .map(({ sign, whole, fraction, exponent }) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent ?? ''}`);
    fc.assert(
      fc.property(literal, (text) => {
        const read = parseJsonText(text);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        const canonical = String(Number(text)) === text;
        if (canonical) expect(read.value).toBe(Number(text));
        else expect(read.value).toEqual(new JsonNumber(text, Number(text)));
      }),
      { ...RUNS, numRuns: 3000 },
    );
  });

  it('reads any JSON text as JSON.parse does, apart from keeping number spellings', () => {
    const unwrap = (v: unknown): unknown => {
      if (v instanceof JsonNumber) return v.value;
      if (Array.isArray(v)) return v.map(unwrap);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
      return v;
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        const read = parseJsonText(text);
        expect(read.ok).toBe(true);
        if (read.ok) expect(unwrap(read.value)).toEqual(JSON.parse(text));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        let parsable = true;
        try {
          JSON.parse(text);
        } catch {
          parsable = false;
        }
        expect(parseJsonText(text).ok).toBe(parsable);
      }),
      RUNS,
    );
  });
});

describe('5,000 random filter patterns', () => {
  // Patterns as people write them, one or more per operator, each the start of many mutations.
  const written = [
    ...EXAMPLES.map((e) => e.text),
    '{ "data": { "fleet_id": [{ "prefix": "fleet-4" }], "vin": [{ "suffix": "X" }] } }',
    '{ "data": { "status": [{ "equals-ignore-case": "ALARM" }], "level": [{ "anything-but": { "prefix": "debug" } }] } }',
    '{ "data": { "speed": [{ "numeric": [">", 0, "<=", 120] }], "rpm": [{ "numeric": ["=", 3.0e3] }] } }',
    '{ "data": { "tire_pressure": [{ "exists": true }], "error": [{ "exists": false }], "note": [null, ""] } }',
    '{ "data": { "ip": [{ "cidr": "10.0.0.0/24" }], "path": [{ "wildcard": "/car/*/tire" }] } }',
    '{ "data": { "$or": [{ "speed": [{ "numeric": [">", 100] }] }, { "engine": { "temp": [{ "numeric": [">=", 110] }] } }] } }',
    '{ "partitionKey": ["1"], "data": { "Location": ["Los Angeles"], "count": [1, 2.5, -3] } }',
    '{ "value": { "device_ID": [{ "prefix": "AB" }], "kind": [{ "anything-but": ["error", "warn"] }] } }',
  ];
  const anyText = fc.oneof(...written.map((text) => hostileTexts(JSON.stringify(JSON.parse(text)))));

  // Every operator with odd and ordinary arguments.
  const numberLike = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e300, -1e300, 5e-324, 6e9, -5e9, Number.MAX_SAFE_INTEGER + 2), fc.string({ maxLength: 4 }));
  const comparison = fc.constantFrom('>', '>=', '<', '<=', '=', '!=', '==', '', 'between');
  const operatorArgument = fc.oneof(
    fc.array(fc.oneof(comparison, numberLike), { maxLength: 6 }).map((range) => ({ numeric: range })),
    fc.tuple(comparison, numberLike, comparison, numberLike).map(([a, x, b, y]) => ({ numeric: [a, x, b, y] })),
    fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map((v) => ({ prefix: v })),
    fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map((v) => ({ suffix: v })),
    fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map((v) => ({ 'equals-ignore-case': v })),
    fc.oneof(fc.string({ maxLength: 8 }), fc.array(fc.oneof(fc.string({ maxLength: 4 }), numberLike), { maxLength: 4 }), fc.record({ prefix: fc.string({ maxLength: 4 }) }), fc.record({ suffix: fc.jsonValue({ maxDepth: 0 }) }), fc.jsonValue({ maxDepth: 2 })).map((v) => ({ 'anything-but': v })),
    fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })).map((v) => ({ exists: v })),
    fc.oneof(fc.ipV4().map((ip) => `${ip}/${ip.length % 40}`), fc.ipV6().map((ip) => `${ip}/64`), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 0 })).map((v) => ({ cidr: v })),
    fc.oneof(fc.stringMatching(/^[a-z*\\/]{0,10}$/), fc.jsonValue({ maxDepth: 0 })).map((v) => ({ wildcard: v })),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
  );
  const leafList = fc.array(fc.oneof(operatorArgument, fc.jsonValue({ maxDepth: 0 })), { maxLength: 4 });
  type Node = { [key: string]: unknown };
  const { node } = fc.letrec<{ node: Node; field: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.dictionary(fc.oneof(fc.constantFrom('data', 'value', 'partitionKey', 'speed', '$or', 'numeric', 'prefix', '__proto__', 'constructor', ''), fc.string({ maxLength: 6 })), tie('field'), { maxKeys: 4 }),
      fc.array(tie('node'), { maxLength: 3 }).map((branches) => ({ $or: branches })),
    ),
    field: fc.oneof({ depthSize: 'small' }, leafList, tie('node'), fc.jsonValue({ maxDepth: 1 })),
  }));
  const operatorPatterns = fc.oneof(node, node.map((n) => ({ data: n })));

  // Deep nesting (beyond the depth limits), huge lists, keys that are not plain strings, and things that are not JSON at all.
  const nested = (depth: number, leaf: unknown): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ data: inner }), leaf);
  const extremes = fc.oneof(
    fc.integer({ min: 1, max: 700 }).map((depth) => nested(depth, ['x'])),
    fc.integer({ min: 1, max: 700 }).map((depth) => JSON.stringify(nested(depth, ['x']))),
    fc.integer({ min: 1, max: 20_000 }).map((n) => ({ data: { f: Array.from({ length: n }, (_, i) => i) } })),
    fc.integer({ min: 1, max: 3_000 }).map((n) => ({ data: { f: [{ 'anything-but': Array.from({ length: n }, (_, i) => `v${i}`) }] } })),
    fc.integer({ min: 1, max: 2_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, [i]]))),
    fc.constantFrom<unknown>(
      { [Symbol('key')]: ['x'] },
      { 1: ['x'], 2: { 3: [4] } },
      new Map([['data', ['x']]]),
      Object.create(null),
      Object.assign(Object.create({ inherited: ['x'] }), { own: ['y'] }),
      { data: { f: [1n] } },
      { data: { f: [new Date(0)] } },
      { data: { f: [() => true] } },
      { data: { f: [undefined] } },
      { Filters: [{ Pattern: 42 }, { Pattern: '{"data":{"a":["b"]}}' }] },
      { Filters: Array.from({ length: 11 }, () => ({ Pattern: '{"a":["b"]}' })) },
      { Filters: 'x' },
      'x'.repeat(5_000),
    ),
    fc.anything({ withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: true }),
  );
  const cyclic = fc.constant(null).map(() => {
    const pattern: Record<string, unknown> = { data: { f: ['x'] } };
    (pattern['data'] as Record<string, unknown>)['self'] = pattern;
    return pattern;
  });

  const input = fc.oneof(
    { arbitrary: fc.jsonValue(), weight: 2 },
    { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), weight: 2 },
    { arbitrary: anyText, weight: 6 },
    { arbitrary: operatorPatterns, weight: 4 },
    { arbitrary: operatorPatterns.map((p) => JSON.stringify(p)), weight: 3 },
    { arbitrary: operatorPatterns.map((p) => ({ Filters: [{ Pattern: JSON.stringify(p) }, { Pattern: JSON.stringify({ data: p }) }] })), weight: 1 },
    { arbitrary: extremes, weight: 3 },
    { arbitrary: cyclic, weight: 1 },
  );
  const record = fc.oneof(fc.jsonValue(), fc.jsonValue().map((data) => ({ data, value: data, partitionKey: '1' })), fc.anything());
  const source = fc.constantFrom(undefined, 'kinesis' as const, 'kafka' as const, 'sqs' as const);

  it('each compile to a filter that decides any record, or are rejected with problems that name their place', () => {
    const compile = timedDecode((pattern: unknown, src?: 'kinesis' | 'kafka' | 'sqs') => compileFilterCriteria(pattern, { source: src }));
    let accepted = 0;
    fc.assert(
      fc.property(input, record, source, (pattern, event, src) => {
        const result = compile.run(pattern, src);
        if (result.ok) {
          accepted++;
          expect(typeof matches(result.filter, event)).toBe('boolean');
          expect(typeof matchesPayload(result.filter, JSON.stringify(event) ?? 'undefined')).toBe('boolean');
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.message.trim()).not.toBe('');
          expect(p.message).toBe(`${p.path || '(input)'}: ${p.value} ${p.allowed}`);
          // A problem inside a pattern names the filter, and where in the pattern it is.
          if (p.path.startsWith('Filters[')) expect(p.path).toMatch(/^Filters\[\d+\](\.Pattern(: .+)?)?$/);
        }
      }),
      { seed: 2026_11_26, numRuns: 5_000 },
    );
    expect(accepted).toBeGreaterThan(200);
  }, 60_000);

  it('each checked by the playground, compiled or placed on a line of its text with a message', () => {
    const check = timedDecode(checkPattern);
    const text = fc.oneof(anyText, operatorPatterns.map((p) => JSON.stringify(p, null, 2)), fc.string({ maxLength: 200 }), extremes.filter((v): v is string => typeof v === 'string'));
    fc.assert(
      fc.property(text, (pattern) => {
        const result = check.run(pattern);
        if (result.ok) return;
        const lines = pattern.split('\n').length;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.message.trim()).not.toBe('');
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines);
          expect(p.from).toBeGreaterThanOrEqual(0);
          expect(p.to).toBeGreaterThanOrEqual(p.from);
          expect(p.to).toBeLessThanOrEqual(pattern.length);
        }
      }),
      { seed: 2026_11_27, numRuns: 5_000 },
    );
  }, 60_000);
});
