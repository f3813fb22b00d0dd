import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../src/workbench/scenario-check.ts';

const text = readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8');
const lineOf = (source: string, needle: string) => source.slice(0, source.indexOf(needle)).split('\n').length;

describe('a scenario typed as JSON', () => {
  it('is accepted when valid', () => {
    const checked = checkScenarioText(text);
    expect(checked.ok && checked.scenario.name).toBe('kinesis-4-shards');
  });

  it('has each schema problem marked on the line of the field it names', () => {
    const broken = text.replace('"BatchSize": 100', '"BatchSize": 20000').replace('"ShardCount": 4', '"ShardCount": 0');
    const checked = checkScenarioText(broken);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const batch = checked.problems.find((p) => p.message.startsWith('eventSourceMapping.BatchSize: 20000'));
    const shards = checked.problems.find((p) => p.message.startsWith('source.ShardCount: 0'));
    expect(batch?.line).toBe(lineOf(broken, '"BatchSize"'));
    expect(shards?.line).toBe(lineOf(broken, '"ShardCount"'));
    expect(broken.slice(batch!.from, batch!.to)).toBe('"BatchSize"');
  });

  it('marks list elements by their index', () => {
    const broken = text.replace('"recordsPerSecond": 6000', '"recordsPerSecond": -5');
    const checked = checkScenarioText(broken);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems[0]!.line).toBe(lineOf(broken, '"recordsPerSecond": -5'));
  });

  it('points at where the text stops being JSON, and never throws', () => {
    const cut = text.slice(0, 200);
    const checked = checkScenarioText(cut);
    expect(checked).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/^Not valid JSON: .*\(line \d+, column \d+\)\.$/) }] });
    for (const bad of ['', '{', '[]', 'null', '"x"', '{"name":1e999}', 'x'.repeat(200_000)]) expect(checkScenarioText(bad).ok).toBe(false);
  });
});
