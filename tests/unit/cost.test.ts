import { describe, expect, it } from 'vitest';
import { PRICES, priceUsage, simulate, type Usage } from '../../engine/index.ts';
import { kinesisScenario } from './support/scenarios.ts';

const HOUR = 3_600;
const usage = (changes: Partial<Usage> = {}): Usage => ({ seconds: HOUR, invocations: 1_000_000, billedMs: 100_000_000, memoryMb: 512, architecture: 'x86_64', ...changes });
const month = { monthDays: 30, includeFreeTier: false };
const item = (report: ReturnType<typeof priceUsage>, name: string) => report.lines.find((l) => l.item.startsWith(name));

describe('the price table', () => {
  it('is dated, names its region and links every service to its AWS pricing page', () => {
    expect(PRICES.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICES.region).toBe('us-east-1');
    for (const service of [PRICES.lambda, PRICES.kinesis, PRICES.msk]) expect(service.source).toMatch(/^https:\/\/aws\.amazon\.com\/.+\/pricing\/$/);
  });
});

describe('priceUsage', () => {
  it('charges requests and GB-seconds, and projects the run to a month at its rate', () => {
    const report = priceUsage(usage(), month);
    expect(item(report, 'Requests')!.run).toBeCloseTo(0.2, 10);
    // 100,000 s at 0.5 GB = 50,000 GB-s.
    expect(item(report, 'Duration')!.quantity).toBeCloseTo(50_000, 6);
    expect(item(report, 'Duration')!.run).toBeCloseTo(50_000 * 0.0000166667, 8);
    expect(report.monthly).toBeCloseTo(report.run * 720, 6);
    expect(priceUsage(usage(), { ...month, monthDays: 31 }).monthly).toBeCloseTo(report.run * 744, 6);
  });

  it('prices Arm duration lower and requests the same', () => {
    const arm = priceUsage(usage({ architecture: 'arm64' }), month);
    const x86 = priceUsage(usage(), month);
    expect(item(arm, 'Requests')!.run).toBe(item(x86, 'Requests')!.run);
    expect(item(arm, 'Duration')!.run / item(x86, 'Duration')!.run).toBeCloseTo(0.0000133334 / 0.0000166667, 8);
  });

  it('subtracts the monthly free tier only when asked, and never below zero', () => {
    const small = usage({ invocations: 1_000, billedMs: 1_000_000 });
    expect(priceUsage(small, month).monthly).toBeGreaterThan(0);
    const free = priceUsage(small, { ...month, includeFreeTier: true });
    // 720 hours of 1,000 requests is 720,000 requests and 360,000 GB-s: all inside the free tier.
    expect(free.monthly).toBeCloseTo(0, 9);
    const big = priceUsage(usage(), { ...month, includeFreeTier: true });
    expect(item(big, 'Free tier: requests')!.monthly).toBeCloseTo(-0.2, 9);
    expect(item(big, 'Free tier: duration')!.monthly).toBeCloseTo(-400_000 * 0.0000166667, 6);
  });

  it('charges Kinesis shard hours, PUT payload units per started 25 KB, retention and enhanced fan-out', () => {
    const report = priceUsage(usage({ kinesis: { shards: 4, retentionHours: 48, writtenRecords: 1_000_000, recordSizeBytes: 30_000, efoBytes: 2 * 1024 ** 3 } }), month);
    expect(item(report, 'Shard hours')!.run).toBeCloseTo(4 * 0.015, 10);
    expect(item(report, 'PUT payload units')!.quantity).toBe(2_000_000);
    expect(item(report, 'Extended retention')!.quantity).toBe(4);
    expect(item(report, 'Enhanced fan-out consumer')!.run).toBeCloseTo(4 * 0.015, 10);
    expect(item(report, 'Enhanced fan-out retrievals')!.run).toBeCloseTo(2 * 0.013, 10);
    expect(item(priceUsage(usage({ kinesis: { shards: 1, retentionHours: 24, writtenRecords: 0, recordSizeBytes: 1 } }), month), 'Extended retention')).toBeUndefined();
  });
});

describe('the cost of a run', () => {
  it('counts every invocation and its billed duration', () => {
    const r = simulate(kinesisScenario({ function: { MemorySize: 2_048, duration: { baseMs: 50, perRecordMs: 0, coldStartMs: 0 } } }));
    const requests = r.cost.lines.find((l) => l.item === 'Requests')!;
    const duration = r.cost.lines.find((l) => l.item.startsWith('Duration'))!;
    expect(requests.quantity).toBe(r.summary.invocations);
    // Each invocation bills 50 ms at 2 GB.
    expect(duration.quantity).toBeCloseTo(r.summary.invocations * 0.05 * 2, 6);
  });
});
