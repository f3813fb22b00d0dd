import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, ScenarioError, type ScenarioInput } from '../../engine/index.ts';

const example = JSON.parse(readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8')) as ScenarioInput;

function messagesOf(input: unknown): string[] {
  const checked = parseScenario(input);
  return checked.ok ? [] : checked.problems.map((p) => p.message);
}

function withChanges(change: (s: Record<string, any>) => void): unknown {
  const copy = structuredClone(example) as Record<string, any>;
  change(copy);
  return copy;
}

describe('scenario validation', () => {
  it('accepts the documented example and fills in the defaults', () => {
    const checked = parseScenario(example);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.function.Timeout).toBe(3);
    expect(checked.value.source.type === 'kinesis' && checked.value.source.RetentionPeriodHours).toBe(24);
    expect(checked.value.assumptions.idleLifetimeSeconds).toBe(300);
    expect(checked.value.metrics.periodSeconds).toBe(60);
  });

  it('names the field, the value and the allowed range of every problem at once', () => {
    const messages = messagesOf(
      withChanges((s) => {
        s.eventSourceMapping.ParallelizationFactor = 12;
        s.eventSourceMapping.BatchSize = 0;
        s.function.MemorySize = 64;
      }),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'eventSourceMapping.ParallelizationFactor: 12 must be a whole number from 1 to 10',
        'eventSourceMapping.BatchSize: 0 must be a whole number from 1 to 10,000 records',
        'function.MemorySize: 64 must be a whole number from 128 to 10,240 MB',
      ]),
    );
    expect(messages).toHaveLength(3);
  });

  it('rejects unknown fields by name, so a typo is not silently ignored', () => {
    expect(messagesOfTypo()).toContain('eventSourceMapping.BatchSzie: is not a known field');
  });

  it('rejects a reservation that leaves less than 100 unreserved', () => {
    const messages = messagesOf(withChanges((s) => (s.function.ReservedConcurrentExecutions = 950)));
    expect(messages).toEqual([
      "function.ReservedConcurrentExecutions: 950 leaves less than 100 of the account's 1000 unreserved; at most 900 can be reserved",
    ]);
    expect(messagesOf(withChanges((s) => (s.function.ReservedConcurrentExecutions = 900)))).toEqual([]);
  });

  it('rejects rate points out of order and a p99 below the p50', () => {
    const messages = messagesOf(
      withChanges((s) => {
        s.producer.rate = [
          { at: 100, recordsPerSecond: 1 },
          { at: 50, recordsPerSecond: 2 },
        ];
        s.function.duration.spread = { p50: 2, p99: 1 };
      }),
    );
    expect(messages).toEqual([
      'producer.rate.1.at: 50 must not be earlier than the point before it (100)',
      'function.duration.spread.p99: 1 must be at least p50 (2)',
    ]);
  });

  it('rejects a source it does not know and input that is not an object', () => {
    expect(messagesOf(withChanges((s) => (s.source = { type: 'sqs' })))[0]).toMatch(/^source\.type: "sqs"/);
    expect(messagesOf(null)[0]).toMatch(/^\(input\): null/);
    expect(messagesOf('{}')[0]).toMatch(/^\(input\): "\{\}"/);
  });

  it('refuses a scenario too large to simulate, with a clear message', () => {
    const messages = messagesOf(withChanges((s) => ((s.source.ShardCount = 20_000), (s.durationSeconds = 86_400))));
    expect(messages[0]).toMatch(/^durationSeconds: 86400 is too long .* too large to simulate/);
  });

  it('makes simulate throw a ScenarioError carrying the problems', () => {
    try {
      simulate(withChanges((s) => (s.durationSeconds = -1)));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems[0]?.path).toBe('durationSeconds');
    }
  });
});

function messagesOfTypo(): string[] {
  return messagesOf(withChanges((s) => (s.eventSourceMapping.BatchSzie = 10)));
}
