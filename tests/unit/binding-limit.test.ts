import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindingLimits, simulate } from '../../engine/index.ts';

const run = (name: string) => simulate(JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8')));
const last = <T>(list: T[]) => list[list.length - 1] as T;

describe('which limit binds', () => {
  it('is the shard write limit when a stream rejects writes, with the rejected rate', () => {
    const limits = bindingLimits(run('kinesis-4-shards'));
    // Before the step at 5:00 the shards take every write; after it they reject the excess.
    expect(limits[1]!.limit).toBe('shard write limit');
    expect(limits[1]!.used).toBeLessThan(1);
    expect(last(limits)!.text).toMatch(/^shard write limit: 1 MB\/s or 1,000 records\/s per shard \(699 records\/s of this size\), 100% used, 3,\d{3} records\/s rejected$/);
  });

  it('is the read limit when other consumers share the shard', () => {
    const limits = bindingLimits(run('kinesis-shared-read-limit'));
    expect(limits.filter((l) => l?.limit === 'shard read limit').length).toBeGreaterThan(limits.length / 2);
    expect(limits[3]!.text).toMatch(/shared with 4 other consumers, 100% used$/);
  });

  it('is the function’s concurrency when a reservation holds it back', () => {
    expect(last(bindingLimits(run('lambda-reserved-concurrency')))!.text).toMatch(/^function concurrency: \d+ concurrent executions, 100% used at the peak$/);
  });

  it('is the shard’s one batch at a time for a slow consumer of one shard', () => {
    expect(last(bindingLimits(run('lever-baseline')))).toMatchObject({ limit: 'concurrent batches', used: expect.closeTo(1, 1) });
  });

  it('follows the Kafka pollers as they scale', () => {
    const limits = bindingLimits(run('kafka-spike-provisioned'));
    expect(limits[5]!.text).toMatch(/^pollers: 5 × 5 concurrent invocations/);
    expect(last(limits)!.text).toMatch(/^pollers: 10 × 5 concurrent invocations/);
  });
});
