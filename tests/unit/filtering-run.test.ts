import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, sampleTelemetry, simulate, type ScenarioInput, type SimulationResult } from '../../engine/index.ts';
import { createRandom } from '../../engine/core/random.ts';
import { RecordClasses } from '../../engine/esm/record-classes.ts';
import { writeToStream } from '../../engine/kinesis/stream-log.ts';
import { inverseNormal } from '../../engine/producer/telemetry.ts';
import { kinesisScenario, total } from './support/scenarios.ts';

const pattern = (p: unknown) => ({ Filters: [{ Pattern: JSON.stringify(p) }] });
const LOW_TIRES = pattern({ data: { tire_pressure: [{ numeric: ['<', 32] }] } });

/** A scenario whose records carry telemetry, with a filter on the mapping. */
function filtered(filter: unknown, changes: Partial<ScenarioInput> = {}): ScenarioInput {
  const base = kinesisScenario({ producer: { payload: { type: 'telemetry' } } as never, eventSourceMapping: { FilterCriteria: filter } as never });
  return { ...base, ...changes };
}

const lambdaMonthly = (r: SimulationResult) => r.cost.lines.filter((l) => l.service === 'AWS Lambda').reduce((sum, l) => sum + l.monthly, 0);
const line = (r: SimulationResult, item: string) => r.cost.lines.find((l) => l.item.startsWith(item))!;
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), 'utf8'));

describe("the talk's IoT filtering example (scenarios/filtering-iot-*.json)", () => {
  const inCode = simulate(load('filtering-iot-in-code'));
  const inMapping = simulate(load('filtering-iot-esm'));
  const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(share);

  it('charges about $90 a month in requests when the code filters, about $2 when the mapping does', () => {
    within(line(inCode, 'Requests').monthly, 90, 0.1);
    within(line(inMapping, 'Requests').monthly, 2, 0.1);
  });

  it('brings the Lambda bill from about $200 to about $15 a month: at least 90% less', () => {
    within(lambdaMonthly(inCode), 200, 0.1);
    within(lambdaMonthly(inMapping), 15, 0.1);
    expect(1 - lambdaMonthly(inMapping) / lambdaMonthly(inCode)).toBeGreaterThanOrEqual(0.9);
  });

  it('runs on identical traffic, and the function sees the same actionable records either way', () => {
    expect(inMapping.ledger.written).toBe(inCode.ledger.written);
    expect(inMapping.metrics['AWS/Kinesis']!.IncomingRecords).toEqual(inCode.metrics['AWS/Kinesis']!.IncomingRecords);
    // About 2.2% of readings need action: in code they are among all invocations, in the mapping they are all of them.
    within(inCode.filtering!.actionableShareOfKept, 0.022, 0.05);
    within(inMapping.summary.invocations / inMapping.ledger.written, 0.022, 0.1);
    expect(inMapping.ledger.filteredOut + inMapping.ledger.processed + inMapping.ledger.backlog).toBe(inMapping.ledger.written);
  });
});

describe('filtering inside a run', () => {
  it('drops records before batching, counts them in FilteredOutEventCount and moves the iterator past them', () => {
    const r = simulate(filtered(LOW_TIRES));
    expect(r.ledger.filteredOut).toBeGreaterThan(r.ledger.written * 0.9);
    expect(total(r.metrics['AWS/Lambda']!.FilteredOutEventCount)).toBe(r.ledger.filteredOut);
    expect(total(r.metrics['AWS/Lambda']!.InvokedEventCount)).toBe(r.ledger.processed);
    // Nothing piles up behind the dropped records: at most the last second's records wait.
    expect(r.ledger.backlog).toBeLessThan(250);
    expect(r.ledger.written).toBe(r.ledger.processed + r.ledger.filteredOut + r.ledger.backlog);
  });

  it('never invokes the function when the filter matches nothing, yet keeps up with the stream', () => {
    const r = simulate(filtered(pattern({ data: { no_such_field: ['x'] } })));
    expect(r.summary.invocations).toBe(0);
    expect(r.ledger.processed).toBe(0);
    expect(r.ledger.backlog).toBeLessThan(250);
  });

  it('fills batches with kept records only: fewer, fuller invocations', () => {
    const all = simulate(kinesisScenario({ eventSourceMapping: { BatchSize: 10 } }));
    const half = simulate(filtered(pattern({ data: { tire_pressure: [{ numeric: ['<', 35] }] } }), { eventSourceMapping: { BatchSize: 10, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, FilterCriteria: pattern({ data: { tire_pressure: [{ numeric: ['<', 35] }] } }) } }));
    expect(half.summary.invocations / all.summary.invocations).toBeGreaterThan(0.4);
    expect(half.summary.invocations / all.summary.invocations).toBeLessThan(0.6);
  });

  it('drops payloads that are not JSON whenever a filter is set, as Lambda does for Kinesis', () => {
    const everyJson = pattern({ data: { fleet_id: [{ exists: true }] } });
    const r = simulate(filtered(everyJson, { producer: { rate: [{ at: 0, recordsPerSecond: 100 }], recordSizeBytes: 1_000, payload: { type: 'telemetry', nonJsonShare: 0.3 } } }));
    expect(r.filtering!.keptShare).toBeCloseTo(0.7, 2);
  });

  it('charges actionable records their own duration when the code checks them', () => {
    const scenario = (perActionableRecordMs: number) =>
      kinesisScenario({
        // 20 records/s, one per invocation: the lane is never saturated, so both runs process everything.
        producer: { rate: [{ at: 0, recordsPerSecond: 20 }], payload: { type: 'telemetry' } } as never,
        eventSourceMapping: { BatchSize: 1 },
        function: { duration: { baseMs: 0, perRecordMs: 10, perActionableRecordMs }, actionable: LOW_TIRES } as never,
      });
    const same = simulate(scenario(10));
    const slower = simulate(scenario(110));
    const gbSeconds = (r: SimulationResult) => line(r, 'Duration').quantity;
    expect(slower.summary.invocations).toBe(same.summary.invocations);
    const actionable = same.filtering!.actionableShareOfKept * same.summary.invocations;
    // Each actionable record adds 100 ms at 1,024 MB (0.1 GB-s); their number varies binomially around the share.
    const added = (gbSeconds(slower) - gbSeconds(same)) / 0.1;
    expect(added).toBeGreaterThan(0);
    expect(Math.abs(added / actionable - 1)).toBeLessThan(0.25);
  });

  it('leaves the traffic unchanged when a filter is added', () => {
    const plain = simulate(kinesisScenario({ producer: { payload: { type: 'telemetry' } } as never }));
    const withFilter = simulate(filtered(LOW_TIRES));
    expect(withFilter.metrics['AWS/Kinesis']!.IncomingRecords).toEqual(plain.metrics['AWS/Kinesis']!.IncomingRecords);
  });
});

describe('filter settings in a scenario', () => {
  const problems = (input: unknown) => {
    const checked = parseScenario(input);
    return checked.ok ? [] : checked.problems.map((p) => p.message);
  };

  it('rejects a pattern AWS would reject, naming the field, the filter and the place', () => {
    const messages = problems(filtered(pattern({ data: { vin: [{ wildcard: 'WB*' }] } })));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^eventSourceMapping\.FilterCriteria\.Filters\[0\]\.Pattern: data\.vin/);
  });

  it('takes 5 filters by default and up to 10 with a raised quota', () => {
    const six = { Filters: Array.from({ length: 6 }, (_, i) => ({ Pattern: JSON.stringify({ data: { speed: [{ numeric: ['>', i] }] } }) })) };
    expect(problems(filtered(six)).join('\n')).toMatch(/Filters\[5\].*at most 5/);
    expect(problems({ ...filtered(six), account: { filtersPerEventSourceMapping: 10 } })).toEqual([]);
  });

  it('needs to know what the records contain before it can filter them', () => {
    const input = kinesisScenario({ eventSourceMapping: { FilterCriteria: LOW_TIRES } as never });
    expect(problems(input)).toEqual([expect.stringMatching(/^producer\.payload: \(missing\) must be given when eventSourceMapping\.FilterCriteria is set/)]);
  });
});

describe('telemetry payloads', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(sampleTelemetry(undefined, 1, 50)).toEqual(sampleTelemetry(undefined, 1, 50));
    expect(sampleTelemetry(undefined, 2, 50)).not.toEqual(sampleTelemetry(undefined, 1, 50));
    const record = JSON.parse(sampleTelemetry(undefined, 1, 1)[0]!);
    expect(Object.keys(record)).toEqual(['fleet_id', 'vehicle_id', 'speed', 'engine_rpm', 'fuel_remaining', 'tire_pressure', 'timestamp']);
  });

  it('hit a threshold share almost exactly, whatever the seed (Latin hypercube sampling)', () => {
    // P(tire_pressure < 32) for mean 35, sd 1.5 is P(Z < -2); values are rounded to 0.01 psi.
    const expected = 0.5 * (1 + erf((31.995 - 35) / 1.5 / Math.SQRT2));
    for (const seed of [1, 2, 3]) {
      const n = 4_096;
      const low = sampleTelemetry(undefined, seed, n).filter((t) => JSON.parse(t).tire_pressure < 32).length;
      expect(Math.abs(low / n - expected)).toBeLessThan(2 / n);
    }
  });

  it('use a normal quantile accurate to many digits', () => {
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormal(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232, 5);
  });
});

describe('RecordClasses', () => {
  it('finds the n-th kept record exactly where the counts say it is', () => {
    const random = createRandom(5);
    const rates = new Float64Array(30).fill(200);
    const log = writeToStream(rates, { shardCount: 1, lanesPerShard: 2, recordSizeBytes: 100, hotShare: 0 }, random);
    const classes = new RecordClasses(log, { kept: 0.3, actionableOfKept: 0.5, poisonOfKept: 0.1 }, random);
    for (const lane of [0, 1]) {
      const keptTotal = classes.keptBefore(lane, Infinity);
      expect(keptTotal / log.totalOf(lane)).toBeGreaterThan(0.25);
      let previous = 0;
      for (let i = 0; i <= log.totalOf(lane); i++) {
        const kept = classes.keptBefore(lane, i);
        expect(kept - previous).toBeGreaterThanOrEqual(0);
        expect(kept - previous).toBeLessThanOrEqual(1);
        expect(classes.actionableBefore(lane, i)).toBeLessThanOrEqual(kept);
        previous = kept;
      }
      for (let ordinal = 0; ordinal < keptTotal; ordinal++) {
        const at = classes.indexOfKept(lane, ordinal);
        expect(classes.keptBefore(lane, at)).toBe(ordinal);
        expect(classes.keptBefore(lane, at + 1)).toBe(ordinal + 1);
      }
      expect(classes.indexOfKept(lane, keptTotal)).toBe(Infinity);
      // Every poison record is a kept record, found where the counts say.
      const poisonTotal = classes.poisonBefore(lane, Infinity);
      expect(poisonTotal).toBeGreaterThan(0);
      for (let ordinal = 0; ordinal < poisonTotal; ordinal++) {
        const at = classes.indexOfPoison(lane, ordinal);
        expect(classes.keptBefore(lane, at + 1) - classes.keptBefore(lane, at)).toBe(1);
        expect(classes.poisonBefore(lane, at)).toBe(ordinal);
        expect(classes.poisonBefore(lane, at + 1)).toBe(ordinal + 1);
      }
    }
  });
});

/** The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
