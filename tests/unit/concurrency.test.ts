import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { littlesLaw, parseConcurrencyParams, simulateConcurrency } from '../../engine/index.ts';

describe("concurrency follows Little's law", () => {
  const rates = [5, 20, 100, 400];
  const durations = [20, 100, 500, 2000];
  for (const requestsPerSecond of rates) {
    for (const durationMs of durations) {
      it(`${requestsPerSecond} req/s × ${durationMs} ms`, () => {
        for (const seed of [1, 2]) {
          const { summary } = simulateConcurrency({ requestsPerSecond, durationMs, runSeconds: 300, seed });
          const predicted = littlesLaw(requestsPerSecond, durationMs);
          expect(summary.predictedConcurrency).toBeCloseTo(predicted, 9);
          expect(Math.abs(summary.averageConcurrency - predicted) / predicted).toBeLessThanOrEqual(0.1);
          expect(summary.throttles).toBe(0);
        }
      });
    }
  }

  it('counts cold-start time as busy time, so long cold starts lift the average', () => {
    // Arrivals 4 s apart and a 1 s idle lifetime: every request is a cold start.
    const base = { requestsPerSecond: 0.25, durationMs: 100, runSeconds: 600, arrivals: 'even', idleLifetimeSeconds: 1 } as const;
    const quick = simulateConcurrency({ ...base, coldStartMs: 0 });
    const slow = simulateConcurrency({ ...base, coldStartMs: 400 });
    expect(slow.summary.coldStarts).toBe(slow.summary.requests);
    expect(quick.summary.averageConcurrency).toBeCloseTo(0.025, 2);
    expect(slow.summary.averageConcurrency).toBeCloseTo(0.125, 2);
  });
});

describe('execution environments', () => {
  it('reuses one environment when each request ends before the next arrives', () => {
    const { summary } = simulateConcurrency({ requestsPerSecond: 10, durationMs: 50, runSeconds: 60, arrivals: 'even', coldStartMs: 0 });
    expect(summary.requests).toBe(600);
    expect(summary.coldStarts).toBe(1);
    expect(summary.environmentsCreated).toBe(1);
    expect(summary.warmStarts).toBe(599);
    expect(summary.maxConcurrency).toBe(1);
  });

  it('needs extra environments at first when the cold start outlasts the gap between arrivals', () => {
    // The first request holds its environment for 250 ms + 50 ms, so the next two arrivals create their own.
    const { summary } = simulateConcurrency({ requestsPerSecond: 10, durationMs: 50, runSeconds: 60, arrivals: 'even', coldStartMs: 250 });
    expect(summary.environmentsCreated).toBe(3);
    expect(summary.warmStarts).toBe(597);
  });

  it('creates as many environments as requests overlap', () => {
    // Arrivals 100 ms apart, each lasting 350 ms (after a 0 ms cold start): 4 overlap at most.
    const { summary } = simulateConcurrency({ requestsPerSecond: 10, durationMs: 350, runSeconds: 60, arrivals: 'even', coldStartMs: 0 });
    expect(summary.environmentsCreated).toBe(4);
    expect(summary.maxConcurrency).toBe(4);
  });

  it('reclaims environments idle for longer than their lifetime, so the next request is cold', () => {
    const { summary } = simulateConcurrency({ requestsPerSecond: 0.5, durationMs: 100, runSeconds: 60, arrivals: 'even', idleLifetimeSeconds: 1 });
    expect(summary.requests).toBe(30);
    expect(summary.coldStarts).toBe(30);
    const kept = simulateConcurrency({ requestsPerSecond: 0.5, durationMs: 100, runSeconds: 60, arrivals: 'even', idleLifetimeSeconds: 5 });
    expect(kept.summary.coldStarts).toBe(1);
  });

  it('mostly reuses environments under steady traffic', () => {
    const { summary } = simulateConcurrency({ requestsPerSecond: 100, durationMs: 500, runSeconds: 300, seed: 9 });
    expect(summary.warmStarts / summary.requests).toBeGreaterThan(0.99);
    expect(summary.environmentsCreated).toBe(summary.coldStarts);
    expect(summary.environmentsCreated).toBeGreaterThanOrEqual(summary.maxConcurrency);
  });

  it('throttles requests when the concurrency limit is reached', () => {
    const { summary, metrics } = simulateConcurrency({ requestsPerSecond: 100, durationMs: 500, runSeconds: 120, concurrencyLimit: 10 });
    expect(summary.maxConcurrency).toBe(10);
    expect(summary.throttles).toBeGreaterThan(summary.requests / 2);
    const sum = (points: { Sum: number }[]) => points.reduce((a, p) => a + p.Sum, 0);
    expect(sum(metrics.Throttles)).toBe(summary.throttles);
    expect(sum(metrics.Invocations)).toBe(summary.requests - summary.throttles);
  });
});

describe('metrics and frames', () => {
  const result = simulateConcurrency({ requestsPerSecond: 50, durationMs: 300, runSeconds: 120, seed: 5 });

  it('reports one ConcurrentExecutions datapoint per period with consistent statistics', () => {
    const points = result.metrics.ConcurrentExecutions;
    expect(points).toHaveLength(120);
    for (const p of points) {
      expect(p.Minimum).toBeGreaterThanOrEqual(0);
      expect(p.Minimum).toBeLessThanOrEqual(p.Average + 1e-9);
      expect(p.Average).toBeLessThanOrEqual(p.Maximum + 1e-9);
    }
    expect(Math.max(...points.map((p) => p.Maximum))).toBe(result.summary.maxConcurrency);
  });

  it('pictures every environment in each frame, agreeing with the counts', () => {
    expect(result.frames.length).toBe(61);
    for (const frame of result.frames) {
      const chars = [...frame.states];
      expect(chars.filter((c) => c === 'a' || c === 'c').length).toBe(frame.active);
      expect(chars.filter((c) => c === 'i').length).toBe(frame.idle);
    }
  });
});

describe('determinism', () => {
  it('gives a byte-identical result for the same input and seed', () => {
    const input = { requestsPerSecond: 80, durationMs: 400, runSeconds: 120, seed: 11 };
    expect(JSON.stringify(simulateConcurrency(input))).toBe(JSON.stringify(simulateConcurrency(input)));
  });

  it('gives a different run for a different seed', () => {
    const a = simulateConcurrency({ requestsPerSecond: 80, durationMs: 400, runSeconds: 120, seed: 11 });
    const b = simulateConcurrency({ requestsPerSecond: 80, durationMs: 400, runSeconds: 120, seed: 12 });
    expect(JSON.stringify(a.metrics)).not.toBe(JSON.stringify(b.metrics));
  });
});

describe('validation', () => {
  it('lists every problem with the field, the value and what is allowed', () => {
    const checked = parseConcurrencyParams({ requestsPerSecond: -3, durationMs: 'fast', runSeconds: 60, colour: 'red' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const messages = checked.problems.map((p) => p.message);
    expect(messages).toContain('requestsPerSecond: -3 must be a number from 0.1 to 10,000 requests per second');
    expect(messages).toContain('durationMs: "fast" must be a number from 1 to 900,000 ms');
    expect(messages).toContain('colour: is not a known field');
  });

  it('rejects a run too large to simulate in a browser', () => {
    const checked = parseConcurrencyParams({ requestsPerSecond: 10_000, durationMs: 10, runSeconds: 3_600 });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems[0]?.message).toMatch(/at most 2,000,000/);
  });

  it('refuses to simulate invalid input', () => {
    expect(() => simulateConcurrency({ requestsPerSecond: 0, durationMs: 10, runSeconds: 10 })).toThrow(/requestsPerSecond/);
  });
});

describe('invariants over random experiments', () => {
  it('accounts for every request and never exceeds the limit', () => {
    fc.assert(
      fc.property(
        fc.record({
          requestsPerSecond: fc.double({ min: 0.1, max: 200, noNaN: true }),
          durationMs: fc.double({ min: 1, max: 3_000, noNaN: true }),
          runSeconds: fc.integer({ min: 1, max: 60 }),
          seed: fc.nat(),
          coldStartMs: fc.integer({ min: 0, max: 2_000 }),
          idleLifetimeSeconds: fc.integer({ min: 1, max: 120 }),
          concurrencyLimit: fc.integer({ min: 1, max: 300 }),
          arrivals: fc.constantFrom('poisson' as const, 'even' as const),
        }),
        (input) => {
          const { summary, metrics, frames } = simulateConcurrency(input);
          expect(summary.warmStarts + summary.coldStarts + summary.throttles).toBe(summary.requests);
          expect(summary.environmentsCreated).toBe(summary.coldStarts);
          expect(summary.maxConcurrency).toBeLessThanOrEqual(input.concurrencyLimit);
          for (const p of metrics.ConcurrentExecutions) expect(p.Minimum).toBeGreaterThanOrEqual(0);
          for (const f of frames) expect(f.active + f.idle).toBeLessThanOrEqual(input.concurrencyLimit);
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });
});
