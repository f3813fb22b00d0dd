import { describe, expect, it } from 'vitest';
import { createRandom } from '../../engine/index.ts';
import { ConcurrencyControl, functionConcurrencyLimit } from '../../engine/lambda/concurrency-control.ts';
import { FunctionModel } from '../../engine/lambda/function-model.ts';
import type { FunctionSettings } from '../../engine/scenario/schema.ts';

function fn(changes: Partial<FunctionSettings['duration']> & { MemorySize?: number; Timeout?: number }): FunctionSettings {
  const { MemorySize = 1_769, Timeout = 3, ...duration } = changes;
  return {
    MemorySize,
    Timeout,
    ReservedConcurrentExecutions: null,
    Architectures: ['x86_64'],
    failures: { errorRate: 0 },
    duration: { baseMs: 100, perRecordMs: 2, coldStartMs: 250, cpuBoundShare: 0, ...duration },
  };
}

describe('function duration', () => {
  const random = createRandom(1);

  it('is baseMs + perRecordMs × records at the measured memory', () => {
    expect(new FunctionModel(fn({})).durationMs(50, 0, random)).toBe(200);
  });

  it('scales only its CPU-bound share with memory, up to one vCPU', () => {
    const at = (MemorySize: number) => new FunctionModel(fn({ MemorySize, measuredAtMemorySize: 1_769, cpuBoundShare: 0.5 })).durationMs(0, 0, random);
    expect(at(1_769)).toBeCloseTo(100, 9);
    expect(at(884.5)).toBeCloseTo(150, 9); // half the CPU: the CPU half takes twice as long
    expect(at(3_538)).toBeCloseTo(100, 9); // a single-threaded handler gains nothing past one vCPU
    const ioBound = new FunctionModel(fn({ MemorySize: 128, measuredAtMemorySize: 1_769, cpuBoundShare: 0 }));
    expect(ioBound.durationMs(0, 0, random)).toBe(100);
  });

  it('charges the actionable records their own time per record', () => {
    const model = new FunctionModel(fn({ baseMs: 0, perRecordMs: 50, perActionableRecordMs: 300 }));
    expect(model.durationMs(10, 0, random)).toBe(500);
    expect(model.durationMs(10, 2, random)).toBe(8 * 50 + 2 * 300);
    expect(new FunctionModel(fn({ baseMs: 0, perRecordMs: 50 })).durationMs(10, 10, random)).toBe(500);
  });

  it('spreads around the stated median and 99th percentile', () => {
    const model = new FunctionModel(fn({ baseMs: 100, perRecordMs: 0, spread: { p50: 1, p99: 4 } }));
    const r = createRandom(42);
    const samples = Array.from({ length: 20_000 }, () => model.durationMs(1, 0, r)).sort((a, b) => a - b);
    expect(samples[10_000]! / 100).toBeCloseTo(1, 1);
    expect(samples[19_800]! / 100).toBeGreaterThan(3.6);
    expect(samples[19_800]! / 100).toBeLessThan(4.4);
  });
});

describe('concurrency control', () => {
  it('lets 1,000 new environments start at once, then 100 a second', () => {
    const control = new ConcurrencyControl(10_000);
    let started = 0;
    while (control.refusal(0, started) === undefined) {
      control.spend(0);
      started++;
    }
    expect(started).toBe(1_000);
    expect(control.refusal(0, started)).toBe('scaling-rate');
    let more = 0;
    while (control.refusal(5, started + more) === undefined) {
      control.spend(5);
      more++;
    }
    expect(more).toBe(500);
  });

  it('refuses beyond the concurrency limit whatever the scaling rate', () => {
    const control = new ConcurrencyControl(3);
    expect(control.refusal(0, 2)).toBeUndefined();
    expect(control.refusal(0, 3)).toBe('concurrency-limit');
  });

  it('takes a reservation as the limit, otherwise what the account leaves', () => {
    const account = { ConcurrentExecutions: 1_000, otherFunctionsConcurrency: 300 };
    expect(functionConcurrencyLimit(account, 50)).toBe(50);
    expect(functionConcurrencyLimit(account, null)).toBe(700);
  });
});
