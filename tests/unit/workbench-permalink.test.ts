import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../../engine/index.ts';
import { decodePermalink, encodePermalink, MAX_PERMALINK_CHARS, permalinkFromHash } from '../../src/workbench/permalink.ts';
import { forgetExperiment, loadExperiment, saveExperiment, type KeyValueStore } from '../../src/workbench/stored-experiment.ts';
import { hostileTexts, timedDecode } from './support/mutations.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const presets = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
const valid = encodePermalink({ scenario: load('kinesis-4-shards.json'), view: { charts: ['IteratorAge', 'ConcurrentExecutions'], at: 120 } });

describe('permalinks', () => {
  it('restore every preset exactly, view included', () => {
    for (const file of presets) {
      const parsed = parseScenario(load(file));
      if (!parsed.ok) throw new Error(`${file} is not valid`);
      const link = encodePermalink({ scenario: parsed.value, view: { charts: ['Invocations'] } });
      const back = decodePermalink(link);
      expect(back).toEqual({ ok: true, state: { scenario: parsed.value, view: { charts: ['Invocations'] } } });
    }
  });

  it('carry a comparison’s B beside A, and refuse a link whose B is not valid, naming B', () => {
    const a = parseScenario(load('kinesis-4-shards.json'));
    if (!a.ok) throw new Error('preset not valid');
    const b = { ...a.value, source: { ...a.value.source, ShardCount: 8 } };
    const back = decodePermalink(encodePermalink({ scenario: a.value, compare: b, view: { experiment: 'kinesis-4-shards', at: 300 } }));
    expect(back).toEqual({ ok: true, state: { scenario: a.value, compare: b, view: { experiment: 'kinesis-4-shards', at: 300 } } });
    const bad = decodePermalink(encodePermalink({ scenario: a.value, compare: { ...b, source: { ...b.source, ShardCount: 0 } } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/comparison scenario \(B\) is not valid:\n.*source\.ShardCount/);
  });

  it('give the same result when run again from the link', () => {
    const back = decodePermalink(valid);
    if (!back.ok) throw new Error(back.message);
    expect(JSON.stringify(simulate(back.state.scenario))).toBe(JSON.stringify(simulate(load('kinesis-4-shards.json'))));
  });

  it('use only URL-safe characters and are found among other fragment keys', () => {
    expect(valid).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(permalinkFromHash(`#view=2&x=${valid}`)).toBe(valid);
    expect(permalinkFromHash('#other=1')).toBeUndefined();
  });

  it('keep text outside ASCII intact', () => {
    const scenario = { ...(load('kinesis-4-shards.json') as object), description: 'Température — 東京 🚗' };
    const back = decodePermalink(encodePermalink({ scenario }));
    expect(back.ok && back.state.scenario.description).toBe('Température — 東京 🚗');
  });

  it('turn a truncated, altered, oversized or foreign link into a message, never an exception', () => {
    const reasons = [
      [valid.slice(0, valid.length - 7), /cut short or altered/],
      [`${valid.slice(0, 20)}*${valid.slice(21)}`, /not valid base64url/],
      ['v9.abc', /version of the lab this page does not read/],
      ['', /holds no experiment/],
      [`v1.${'A'.repeat(MAX_PERMALINK_CHARS)}`, /at most 32,768/],
      [encodePermalink({ scenario: { name: 'x' } }), /its scenario is not valid:\n- durationSeconds/],
      [`v1.${Buffer.from('{"scenario":{},"extra":1}').toString('base64url')}`, /does not describe an experiment/],
      [`v1.${Buffer.from('[1,2,3]').toString('base64url')}`, /does not describe an experiment/],
      [`v1.${Buffer.from([0xff, 0xfe, 0x00]).toString('base64url')}`, /not valid UTF-8/],
    ] as const;
    for (const [link, reason] of reasons) {
      const result = decodePermalink(link);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(reason);
        expect(result.message).toMatch(/default experiment instead/);
      }
    }
  });

  it('never let a link set properties of shared prototypes', () => {
    const hostile = `v1.${Buffer.from('{"scenario":{"__proto__":{"polluted":true}},"view":{"charts":["Invocations"]}}').toString('base64url')}`;
    expect(decodePermalink(hostile).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survive 10,000 random and mutated links, each decoded within 50 ms', () => {
    const mutated = fc.tuple(fc.nat({ max: valid.length - 1 }), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })).map(([at, text, cut]) => valid.slice(0, at) + text + valid.slice(at + cut));
    // Links whose JSON is a mutation of a genuine experiment's: they pass the size, alphabet and UTF-8 checks.
    const genuine = JSON.stringify({ scenario: load('kinesis-4-shards.json'), view: { charts: ['IteratorAge'], at: 120 } });
    const fromJson = hostileTexts(genuine).map((json) => `v1.${Buffer.from(json).toString('base64url')}`);
    const decode = timedDecode(decodePermalink);
    decode.run(valid);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.base64String({ maxLength: 400 }).map((s) => `v1.${s}`), mutated, fromJson), (link) => {
        const result = decode.run(link);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
      }),
      { numRuns: 10_000, seed: 2026 },
    );
    expect(decode.slowest()).toBeLessThanOrEqual(50);
  }, 60_000);
});

/** A store that keeps values in memory, and can be told to refuse everything. */
function memoryStore(refuse = false): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  const check = () => {
    if (refuse) throw new Error('storage is off');
  };
  return {
    values,
    getItem: (k) => (check(), values.get(k) ?? null),
    setItem: (k, v) => (check(), void values.set(k, v)),
    removeItem: (k) => (check(), void values.delete(k)),
  };
}

describe('stored experiments', () => {
  const scenario = load('kinesis-4-shards.json');

  it('come back after a reload, validated', () => {
    const store = memoryStore();
    expect(saveExperiment(store, 'shards', scenario)).toBe(true);
    const back = loadExperiment(store, 'shards', parseScenario);
    expect(back.kind).toBe('restored');
    if (back.kind === 'restored') expect(back.scenario.name).toBe('kinesis-4-shards');
    forgetExperiment(store, 'shards');
    expect(loadExperiment(store, 'shards', parseScenario)).toEqual({ kind: 'none' });
  });

  it('are discarded with a notice when damaged or no longer valid', () => {
    const store = memoryStore();
    store.setItem('lab.experiment.v1.a', '{"name":');
    store.setItem('lab.experiment.v1.b', JSON.stringify({ ...(scenario as object), durationSeconds: -5 }));
    const a = loadExperiment(store, 'a', parseScenario);
    const b = loadExperiment(store, 'b', parseScenario);
    expect(a).toMatchObject({ kind: 'discarded', notice: expect.stringMatching(/damaged/) });
    expect(b).toMatchObject({ kind: 'discarded', notice: expect.stringMatching(/durationSeconds: -5/) });
    // The unusable data is gone, so the notice shows once.
    expect(store.values.size).toBe(0);
  });

  it('do nothing harmful when storage is switched off', () => {
    const off = memoryStore(true);
    expect(saveExperiment(off, 'x', scenario)).toBe(false);
    expect(loadExperiment(off, 'x', parseScenario)).toEqual({ kind: 'none' });
    expect(() => forgetExperiment(off, 'x')).not.toThrow();
    expect(loadExperiment(undefined, 'x', parseScenario)).toEqual({ kind: 'none' });
  });
});
