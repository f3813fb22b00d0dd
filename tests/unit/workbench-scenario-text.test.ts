import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/index.ts';
import { canonical, scenarioText } from '../../src/workbench/scenario-text.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const presets = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));

describe('the editor’s text of a scenario', () => {
  it('means exactly the same scenario as the parsed one, for every preset', () => {
    for (const file of presets) {
      const parsed = parseScenario(load(file));
      if (!parsed.ok) throw new Error(`${file} is not valid`);
      const back = parseScenario(JSON.parse(scenarioText(parsed.value)));
      expect(back.ok && canonical(back.value), file).toBe(canonical(parsed.value));
    }
  });

  it('leaves out what the engine fills in, keeping what differs from the defaults', () => {
    const parsed = parseScenario(load('kinesis-4-shards.json'));
    if (!parsed.ok) throw new Error('not valid');
    const short = JSON.parse(scenarioText(parsed.value));
    expect(short.assumptions).toBeUndefined();
    expect(short.eventSourceMapping.BisectBatchOnFunctionError).toBeUndefined();
    expect(short.eventSourceMapping.ParallelizationFactor).toBe(2);
    expect(short.source.ShardCount).toBe(4);
    expect(scenarioText(parsed.value).length).toBeLessThan(JSON.stringify(parsed.value, null, 2).length / 2);
  });

  it('shows a scenario the engine refuses whole, losing nothing', () => {
    const bad = { name: 'x', durationSeconds: -1, extra: { a: 1 } };
    expect(JSON.parse(scenarioText(bad))).toEqual(bad);
  });
});
