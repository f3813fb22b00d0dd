import type { ScenarioInput } from '../../../engine/index.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

/** A small Kinesis scenario for tests: one shard, a steady 100 records/s, a fast function. */
export function kinesisScenario(changes: DeepPartial<ScenarioInput> = {}): ScenarioInput {
  const base: ScenarioInput = {
    name: 'test',
    seed: 1,
    durationSeconds: 120,
    source: { type: 'kinesis', ShardCount: 1, consumer: 'shared' },
    producer: { rate: [{ at: 0, recordsPerSecond: 100 }], recordSizeBytes: 1_000 },
    eventSourceMapping: { BatchSize: 100, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1 },
    function: { MemorySize: 1_024, duration: { baseMs: 50, perRecordMs: 0 } },
    metrics: { periodSeconds: 1 },
  };
  return merge(base, changes) as ScenarioInput;
}

function merge(target: unknown, changes: unknown): unknown {
  if (changes === undefined) return target;
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return changes;
  const out: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) out[key] = merge(out[key], value);
  return out;
}

/** Sum of a metric's Sum statistic over the whole run. */
export function total(points: readonly { Sum: number }[] | undefined): number {
  return (points ?? []).reduce((sum, p) => sum + p.Sum, 0);
}

/** Largest Maximum of a metric over the whole run. */
export function peak(points: readonly { Maximum: number | null }[] | undefined): number {
  return Math.max(0, ...(points ?? []).map((p) => p.Maximum ?? 0));
}

/**
 * Checks that every lane sent its records in order, one batch at a time: each batch starts
 * after the previous one ended, at the next record (or the same one again after a failure).
 */
export function expectLanesInOrder(
  invocations: readonly { lane: number; first: number; count: number; start: number; end: number; ok: boolean }[],
  check: (actual: number, expected: number, what: 'first' | 'start') => void,
): number {
  const byLane = Map.groupBy(invocations, (i) => i.lane);
  for (const list of byLane.values()) {
    let next = 0;
    let free = 0;
    for (const inv of list) {
      check(inv.first, next, 'first');
      check(inv.start, free, 'start');
      next = inv.ok ? inv.first + inv.count : inv.first;
      free = inv.end;
    }
  }
  return byLane.size;
}
