import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type ScenarioInput } from '../../engine/index.ts';
import { KNOBS } from '../../src/workbench/knobs.ts';
import { outcomesOf } from '../../src/workbench/metric-charts.ts';
import { MAX_TRIALS, trialRow, trialsCsv, withTrial } from '../../src/workbench/trials.ts';

const start = JSON.parse(readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8')) as ScenarioInput;

describe('trials', () => {
  const outcomes = outcomesOf(simulate(start));

  it('name only the knobs that differ from the chapter’s experiment', () => {
    const changed = KNOBS.BatchSize.set(KNOBS.ShardCount.set(start, 8), 100);
    expect(trialRow(2, start, changed, ['ShardCount', 'BatchSize'], outcomes).changes).toEqual(['ShardCount 8 shards']);
    expect(trialRow(1, start, start, ['ShardCount', 'BatchSize'], outcomes).changes).toEqual([]);
  });

  it('keep the newest rows when there are too many', () => {
    let rows = [trialRow(1, start, start, [], outcomes)];
    for (let n = 2; n <= MAX_TRIALS + 5; n++) rows = withTrial(rows, trialRow(n, start, start, [], outcomes));
    expect(rows).toHaveLength(MAX_TRIALS);
    expect(rows[0]!.number).toBe(6);
  });

  it('export as CSV with unformatted numbers', () => {
    const csv = trialsCsv([trialRow(1, start, start, [], outcomes), trialRow(2, start, KNOBS.ShardCount.set(start, 8), ['ShardCount'], outcomes)]);
    const [header, first, second] = csv.split('\r\n');
    expect(header).toBe('trial,changes,processed_records,waiting_at_end,max_IteratorAge_ms,invocations,throttles,errors,cost_per_month_usd');
    expect(first).toMatch(new RegExp(`^1,the starting scenario,${outcomes.processedRecords},`));
    expect(second).toMatch(/^2,ShardCount 8 shards,\d+,/);
  });
});
