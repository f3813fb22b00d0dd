import { describe, expect, it } from 'vitest';
import { createRandom, simulate } from '../../engine/index.ts';
import { shardWriteLimit } from '../../engine/kinesis/limits.ts';
import { writeToStream } from '../../engine/kinesis/stream-log.ts';
import { kinesisScenario, total } from './support/scenarios.ts';

describe('Kinesis shard write limits', () => {
  it('accepts 1,000 records/s or 1 MiB/s per shard, whichever is reached first', () => {
    expect(shardWriteLimit(100)).toBe(1_000);
    expect(shardWriteLimit(1_048)).toBe(1_000);
    expect(shardWriteLimit(1_500)).toBe(699);
    expect(shardWriteLimit(1_048_576)).toBe(1);
  });

  it('rejects exactly the excess over the limit, every shard and every second', () => {
    const seconds = 60;
    const rates = new Float64Array(seconds).fill(10_000); // 5,000 per shard, far above 1,000
    const log = writeToStream(rates, { shardCount: 2, lanesPerShard: 1, recordSizeBytes: 100, hotShare: 0 }, createRandom(3));
    for (let s = 0; s < seconds; s++) {
      expect(log.inSecond(0, s)).toBe(1_000);
      expect(log.inSecond(1, s)).toBe(1_000);
      expect(log.writtenPerSecond[s]).toBe(2_000);
    }
    const sent = [...log.throttledPerSecond].reduce((a, b) => a + b, 0) + 2_000 * seconds;
    // Poisson traffic around 10,000/s: the excess is everything above 2,000/s.
    expect(sent / seconds).toBeGreaterThan(9_900);
    expect(sent / seconds).toBeLessThan(10_100);
  });

  it('splits a throttled shard-second over its lanes in proportion, keeping the total', () => {
    const rates = new Float64Array(30).fill(6_000);
    const log = writeToStream(rates, { shardCount: 1, lanesPerShard: 3, recordSizeBytes: 100, hotShare: 0 }, createRandom(5));
    for (let s = 0; s < 30; s++) {
      const lanes = [0, 1, 2].map((l) => log.inSecond(l, s));
      expect(lanes.reduce((a, b) => a + b, 0)).toBe(1_000);
      for (const n of lanes) expect(n).toBeGreaterThan(250);
    }
  });

  it('sends a hot key to one shard, which throttles while the others do not', () => {
    const result = simulate(
      kinesisScenario({
        source: { type: 'kinesis', ShardCount: 4, consumer: 'shared' },
        producer: { rate: [{ at: 0, recordsPerSecond: 2_000 }], recordSizeBytes: 100, partitionKeys: { type: 'hot', hotShare: 0.6 } },
      }),
    );
    const k = result.metrics['AWS/Kinesis']!;
    // The hot shard gets 1,200 + 200 records/s and can keep 1,000: about 400/s are rejected.
    const rejectedPerSecond = total(k['WriteProvisionedThroughputExceeded']) / 120;
    expect(rejectedPerSecond).toBeGreaterThan(350);
    expect(rejectedPerSecond).toBeLessThan(450);
    expect(result.ledger.produced).toBe(result.ledger.written + result.ledger.writeThrottled);
  });

  it('places records of a second evenly inside it and counts them consistently', () => {
    const rates = new Float64Array(10).fill(50);
    const log = writeToStream(rates, { shardCount: 1, lanesPerShard: 1, recordSizeBytes: 10, hotShare: 0 }, createRandom(9));
    let index = 0;
    for (let s = 0; s < 10; s++) {
      for (let k = 0; k < log.inSecond(0, s); k++, index++) {
        const t = log.arrivalTime(0, index);
        expect(Math.floor(t)).toBe(s);
        expect(log.arrivedBy(0, t)).toBe(index + 1);
        expect(log.arrivedBy(0, t - 1e-9)).toBe(index);
      }
    }
    expect(log.arrivalTime(0, index)).toBe(Infinity);
    expect(log.totalOf(0)).toBe(index);
  });
});
