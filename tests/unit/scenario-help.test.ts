import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseScenario, scenarioSchema } from '../../engine/index.ts';
import {
  allFields,
  completeScenario,
  describeScenario,
  fieldsAt,
  helpFor,
  locateJson,
  MEANINGS,
  pathPattern,
  type HelpChoice,
} from '../../src/workbench/scenario-help.ts';

const preset = readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8');
const names = (fields: { name: string }[]) => fields.map((f) => f.name);

/** The text after applying a completion. */
function applied(text: string, choice: HelpChoice): string {
  let out = text;
  for (const c of [...choice.changes].reverse()) out = out.slice(0, c.from) + c.insert + out.slice(c.to);
  return out;
}

/** Every path (as `a.b[].c`) where the zod schema has a refinement, which JSON Schema cannot carry. */
function refinedPaths(): string[] {
  const found: string[] = [];
  const visit = (schema: z.core.$ZodType, path: string, depth: number): void => {
    if (depth > 40) return;
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string; checks?: { _zod: { def: { check: string } } }[] };
    if (def.checks?.some((c) => c._zod.def.check === 'custom')) found.push(path);
    const child = (s: unknown, p: string) => visit(s as z.core.$ZodType, p, depth + 1);
    switch (def.type) {
      case 'object':
        for (const [key, s] of Object.entries(def.shape as Record<string, unknown>)) child(s, path ? `${path}.${key}` : key);
        break;
      case 'union':
        for (const s of def.options as unknown[]) child(s, path);
        break;
      case 'array':
        child(def.element, `${path}[]`);
        break;
      case 'tuple':
        for (const s of def.items as unknown[]) child(s, `${path}[]`);
        break;
      case 'pipe':
        child(def.in, path);
        break;
      default:
        if (def.innerType) child(def.innerType, path);
    }
  };
  visit(scenarioSchema, '', 0);
  return found;
}

describe('the scenario fields', () => {
  const fields = allFields();

  it('covers the schema at every depth, across union variants and list items', () => {
    const paths = fields.map((f) => f.path);
    for (const p of ['name', 'source.type', 'source.ShardCount', 'source.partitions', 'producer.rate[].recordsPerSecond', 'eventSourceMapping.FilterCriteria.Filters[].Pattern', 'function.duration.spread.p99', 'assumptions.payloadSampleSize']) {
      expect(paths).toContain(p);
    }
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('gives every field a meaning (a field added without one is named here)', () => {
    expect(fields.filter((f) => f.meaning.trim().length < 10).map((f) => f.path)).toEqual([]);
  });

  it('gives every allowed value of a choice a meaning', () => {
    const missing = fields.flatMap((f) => (f.values ?? []).filter((v) => !v.meaning).map((v) => `${f.path} = ${v.json}`));
    expect(missing).toEqual([]);
  });

  it('has no meaning for a field the schema does not have', () => {
    const paths = new Set(fields.map((f) => f.path));
    expect(Object.keys(MEANINGS).filter((p) => !paths.has(p))).toEqual([]);
  });

  it('states by hand every range the schema narrows with a refinement', () => {
    const refined = refinedPaths();
    expect(refined).toContain('eventSourceMapping.MaximumRecordAgeInSeconds');
    expect(refined.filter((p) => MEANINGS[p]?.range === undefined)).toEqual([]);
    expect(helpFor(['eventSourceMapping', 'MaximumRecordAgeInSeconds'])?.range).toBe('-1 (no limit), or 60–604,800 seconds');
  });

  it('takes ranges, units and defaults from the schema', () => {
    expect(helpFor(['eventSourceMapping', 'BatchSize'])).toMatchObject({ type: 'whole number', range: '1–10,000 records', default: '100', summary: '1–10,000 records; default 100' });
    expect(helpFor(['eventSourceMapping', 'ParallelizationFactor'])).toMatchObject({ range: '1–10', default: '1 on Kinesis' });
    expect(helpFor(['eventSourceMapping', 'MaximumBatchingWindowInSeconds'])?.range).toBe('0–300 seconds');
    expect(helpFor(['function', 'ReservedConcurrentExecutions'])).toMatchObject({ type: 'whole number or null', default: 'null' });
    expect(helpFor(['producer', 'payload', 'speed'])?.default).toBe('{ "mean": 72, "sd": 28 }');
    expect(helpFor(['producer', 'rate', 0, 'at'])).toMatchObject({ path: 'producer.rate[].at', required: true });
    expect(helpFor(['name'])?.range).toBe('1–200 characters');
    expect(helpFor(['function', 'Architectures'])?.values?.map((v) => v.json)).toEqual(['["x86_64"]', '["arm64"]']);
    expect(helpFor(['eventSourceMapping', 'FunctionResponseTypes'])?.values?.map((v) => v.json)).toEqual(['["ReportBatchItemFailures"]']);
  });

  it('states every numeric range as the engine does when it rejects a value', () => {
    const base = JSON.parse(preset) as Record<string, unknown>;
    let compared = 0;
    for (const field of fields) {
      if (!/whole number|^number/.test(field.type) || field.onlyWhen || MEANINGS[field.path]?.range || !field.range) continue;
      const steps = field.path.replace(/\[\]/g, '.0').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const scenario = structuredClone(base);
      let at: Record<string, unknown> | unknown[] = scenario;
      steps.slice(0, -1).forEach((step, i) => {
        const next = (at as Record<string | number, unknown>)[step];
        if (next === undefined || next === null) {
          // A new object that is a union's variant needs its type, e.g. producer.payload.
          const type = helpFor([...steps.slice(0, i + 1), 'type'])?.values?.[0];
          const object = type ? { type: JSON.parse(type.json) as unknown } : {};
          (at as Record<string | number, unknown>)[step] = typeof steps[i + 1] === 'number' ? [object] : object;
        }
        at = (at as Record<string | number, Record<string, unknown>>)[step]!;
      });
      (at as Record<string | number, unknown>)[steps[steps.length - 1]!] = -1e12;
      const checked = parseScenario(scenario);
      expect(checked.ok, field.path).toBe(false);
      if (checked.ok) continue;
      const problem = checked.problems.find((p) => p.path === steps.join('.'));
      expect(problem, field.path).toBeDefined();
      const stated = field.range.replace(/, or null$/, '').replace(/^(-?[\d,.]+)(?:–| to )(-?[\d,.]+)/, '$1 to $2');
      expect(problem!.allowed, field.path).toMatch(new RegExp(`from ${stated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('fields offered at a place', () => {
  it('picks a source variant by its type, and offers every variant when the type is unknown', () => {
    expect(names(fieldsAt(['source'], { type: 'kafka' }))).toEqual(['partitions', 'brokers', 'brokerInstanceType', 'retentionHours']);
    expect(names(fieldsAt(['source'], { type: 'kinesis' }))).toEqual(['ShardCount', 'consumer', 'RetentionPeriodHours', 'otherSharedConsumers']);
    const unknown = fieldsAt(['source'], {});
    expect(names(unknown)).toEqual(expect.arrayContaining(['type', 'ShardCount', 'partitions']));
    expect(names(fieldsAt(['source'], { type: 'kin' }))).toEqual(expect.arrayContaining(['ShardCount', 'partitions']));
    expect(unknown.find((f) => f.name === 'ShardCount')?.onlyWhen).toBe('"type": "kinesis"');
    expect(unknown.find((f) => f.name === 'type')?.onlyWhen).toBeUndefined();
    expect(fieldsAt(['source']).find((f) => f.name === 'partitions')?.required).toBe(false);
    expect(fieldsAt(['source'], { type: 'kinesis' }).find((f) => f.name === 'ShardCount')?.required).toBe(true);
  });

  it('lists every value of the discriminator, whatever it is now', () => {
    const values = helpFor(['source', 'type'], { source: { type: 'kafka' } })?.values?.map((v) => v.label);
    expect(values).toEqual(expect.arrayContaining(['kinesis', 'kafka']));
  });

  it('picks variants along the path from the document', () => {
    expect(names(fieldsAt(['producer', 'partitionKeys'], { type: 'hot' }))).toEqual(['hotShare']);
    expect(names(fieldsAt(['producer', 'partitionKeys'], { type: 'random' }))).toEqual([]);
    expect(helpFor(['source', 'ShardCount'], { source: { type: 'kafka' } })).toBeUndefined();
    expect(helpFor(['source', 'ShardCount'], { source: { type: 'kinesis' } })?.range).toBe('1–20,000 shards');
  });

  it('leaves out the fields the object already has', () => {
    const offered = names(fieldsAt(['eventSourceMapping'], { BatchSize: 10, StartingPosition: 'LATEST' }));
    expect(offered).not.toContain('BatchSize');
    expect(offered).not.toContain('StartingPosition');
    expect(offered).toContain('ParallelizationFactor');
    expect(names(fieldsAt(['producer', 'rate', 3], { at: 0 }))).toEqual(['recordsPerSecond', 'shape']);
    expect(fieldsAt(['no', 'such', 'place'])).toEqual([]);
    expect(pathPattern(['producer', 'rate', 3, 'at'])).toBe('producer.rate[].at');
  });
});

describe('locating the cursor in JSON text', () => {
  const at = (text: string, needle: string, shift = 1) => text.indexOf(needle) + shift;

  it('finds keys and values in a whole scenario', () => {
    const key = locateJson(preset, at(preset, '"BatchSize"', 3));
    expect(key).toMatchObject({ kind: 'key', path: ['eventSourceMapping'], key: 'BatchSize', colonAfter: true });
    const value = locateJson(preset, at(preset, '"BatchSize": 100', 15));
    expect(value).toMatchObject({ kind: 'value', path: ['eventSourceMapping', 'BatchSize'], token: { text: '100' } });
    const second = locateJson(preset, at(preset, '"recordsPerSecond": 6000', 4));
    expect(second).toMatchObject({ kind: 'key', path: ['producer', 'rate', 1], key: 'recordsPerSecond' });
    expect((second.document as { seed: number }).seed).toBe(42);
  });

  it('reads partly typed and broken text', () => {
    const typing = '{"source": {"type": "kinesis", "Sh';
    expect(locateJson(typing, typing.length)).toMatchObject({ kind: 'key', path: ['source'], key: 'Sh', token: { closed: false }, document: { source: { type: 'kinesis' } } });
    const bare = '{"source": {"type": "kafka", par';
    expect(locateJson(bare, bare.length)).toMatchObject({ kind: 'key', path: ['source'], key: 'par', token: { quoted: false } });
    const afterColon = '{"eventSourceMapping": {"StartingPosition": ';
    expect(locateJson(afterColon, afterColon.length)).toMatchObject({ kind: 'value', path: ['eventSourceMapping', 'StartingPosition'] });
    const afterBrace = '{"function": {';
    expect(locateJson(afterBrace, afterBrace.length)).toMatchObject({ kind: 'key', path: ['function'] });
    const noComma = '{"seed": 1\n  "d';
    expect(locateJson(noComma, noComma.length)).toMatchObject({ kind: 'key', path: [], key: 'd', commaAt: 10 });
    const junk = '}}]]{"x": [1, {"y": ';
    expect(locateJson(junk, junk.length)).toMatchObject({ kind: 'value', path: ['x', 1, 'y'] });
    expect(locateJson('', 0)).toMatchObject({ kind: 'value', path: [] });
    const list = '{"function": {"Architectures": [';
    expect(locateJson(list, list.length)).toMatchObject({ kind: 'value', path: ['function', 'Architectures', 0] });
    const between = '{"a": [1, 2 ';
    expect(locateJson(between, between.length)).toMatchObject({ kind: 'none', path: ['a'] });
  });

  it('counts the character before the offset while typing, and the one after under a pointer', () => {
    const text = '{"seed": 1}';
    expect(locateJson(text, 1, 'before')).toMatchObject({ kind: 'key', path: [] });
    expect(locateJson(text, 1, 'before').token).toBeUndefined();
    expect(locateJson(text, 1, 'after')).toMatchObject({ kind: 'key', key: 'seed', token: { from: 1, to: 7 } });
  });

  it('never throws, whatever the text and offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', ' ', '\n', 'a', '1', 'true') , maxLength: 60 }), fc.nat(70), (text, offset) => {
        locateJson(text, offset);
        completeScenario(text, offset, true);
        describeScenario(text, offset, { container: true });
      }),
    );
  });
});

describe('completions', () => {
  it('offers the fields allowed in the object, not those already there', () => {
    const text = '{"source": {"type": "kinesis", "ShardCount": 2, "';
    const result = completeScenario(text, text.length, false)!;
    expect(result.from).toBe(text.length);
    expect(result.choices.map((c) => c.label)).toEqual(['consumer', 'RetentionPeriodHours', 'otherSharedConsumers']);
    const consumer = result.choices[0]!;
    expect(consumer).toMatchObject({ kind: 'field', detail: '"shared" | "efo"', reopen: true });
    expect(applied(text, consumer)).toBe('{"source": {"type": "kinesis", "ShardCount": 2, "consumer": ');
    expect(consumer.cursor).toBe(applied(text, consumer).length);
  });

  it('opens on typing only where something was typed, and on request anywhere', () => {
    const text = '{"eventSourceMapping": {\n  ';
    expect(completeScenario(text, text.length, false)).toBeNull();
    expect(completeScenario(text, text.length, true)?.choices.map((c) => c.label)).toContain('BatchSize');
  });

  it('replaces the whole name being edited, and keeps an existing colon', () => {
    const text = '{"eventSourceMapping": {"BatchSize": 100}}';
    const result = completeScenario(text, text.indexOf('Batch') + 2, true)!;
    expect(result.from).toBe(text.indexOf('Batch'));
    const choice = result.choices.find((c) => c.label === 'ParallelizationFactor')!;
    expect(applied(text, choice)).toBe('{"eventSourceMapping": {"ParallelizationFactor": 100}}');
    // The name under the cursor is offered again though the object has it.
    expect(result.choices.map((c) => c.label)).toContain('BatchSize');
  });

  it('adds a missing comma before the new member', () => {
    const text = '{"seed": 1\n  "dur';
    const choice = completeScenario(text, text.length, false)!.choices.find((c) => c.label === 'durationSeconds')!;
    const after = applied(text, choice);
    expect(after).toBe('{"seed": 1,\n  "durationSeconds": ');
    expect(choice.cursor).toBe(after.length);
  });

  it('offers the values of a choice, true and false, and null', () => {
    const labels = (text: string) => completeScenario(text, text.length, false)?.choices.map((c) => c.label);
    expect(labels('{"source": {"type": "kinesis", "consumer": ')).toEqual(['shared', 'efo']);
    expect(labels('{"source": {"type": "')).toEqual(expect.arrayContaining(['kinesis', 'kafka']));
    expect(labels('{"eventSourceMapping": {"BisectBatchOnFunctionError": ')).toEqual(['true', 'false']);
    expect(labels('{"eventSourceMapping": {"FunctionResponseTypes": ')).toEqual(['["ReportBatchItemFailures"]']);
    expect(labels('{"eventSourceMapping": {"FunctionResponseTypes": [')).toEqual(['ReportBatchItemFailures']);
    expect(labels('{"function": {"Architectures": ["')).toEqual(['x86_64', 'arm64']);
    expect(labels('{"function": {"ReservedConcurrentExecutions": ')).toEqual(['null']);
    expect(labels('{"eventSourceMapping": {"BatchSize": 1')).toBeUndefined();
    const text = '{"source": {"consumer": "ef"}}';
    const efo = completeScenario(text, text.indexOf('ef') + 2, false)!.choices.find((c) => c.label === 'efo')!;
    expect(applied(text, efo)).toBe('{"source": {"consumer": "efo"}}');
    expect(efo.display).toBe('"efo"');
    expect(completeScenario(text, text.indexOf('ef') + 2, false)!.choices.find((c) => c.label === 'shared')).toMatchObject({ detail: 'default', boost: 1 });
  });
});

describe('help for the field under the pointer or cursor', () => {
  it('explains a member name: meaning, range, unit and default', () => {
    const found = describeScenario(preset, preset.indexOf('"BatchSize"') + 1, { side: 'after' })!;
    expect(preset.slice(found.from, found.to)).toBe('"BatchSize"');
    expect(found.help.summary).toBe('1–10,000 records; default 100');
    expect(found.text).toMatch(/^BatchSize \(whole number\)\. Most records per batch.*1–10,000 records; default 100\.$/);
  });

  it('explains a value by its field, and a list element by its list', () => {
    const text = '{"source": {"type": "kinesis", "consumer": "efo"}, "function": {"Architectures": ["arm64"]}}';
    expect(describeScenario(text, text.indexOf('"efo"') + 2)?.help.path).toBe('source.consumer');
    expect(describeScenario(text, text.indexOf('"arm64"') + 2)?.help.path).toBe('function.Architectures');
  });

  it('falls back to the field the cursor is inside, when asked', () => {
    const text = '{"eventSourceMapping": {\n  \n}}';
    const offset = text.indexOf('\n  ') + 3;
    expect(describeScenario(text, offset)).toBeNull();
    expect(describeScenario(text, offset, { container: true })).toMatchObject({ from: offset, to: offset, help: { name: 'eventSourceMapping' } });
    expect(describeScenario('{"nope": 1}', 3)).toBeNull();
  });
});
