/**
 * The settings a chapter can put on sliders. Each knob reads and writes one field of a
 * scenario (by its AWS name where there is one), and states its slider's range and the
 * documented limit. Slider ranges are what is useful to drag through, always inside the
 * schema's documented range (a test checks it); the full range stays open to the JSON editor.
 */
import type { ScenarioInput } from '../../engine/index.ts';

export type KnobId =
  | 'ShardCount'
  | 'ParallelizationFactor'
  | 'BatchSize'
  | 'MaximumBatchingWindowInSeconds'
  | 'MemorySize'
  | 'recordsPerSecond'
  | 'baseMs'
  | 'partitions'
  | 'MinimumPollers'
  | 'requestsPerSecond'
  | 'requestDurationMs'
  | 'burstRecordsPerSecond'
  | 'ReservedConcurrentExecutions'
  | 'MaximumRetryAttempts'
  | 'BisectBatchOnFunctionError'
  | 'hotKeyShare';

export interface Knob {
  id: KnobId;
  label: string;
  min: number;
  max: number;
  step: number;
  /** The value with its unit, as shown. */
  display(value: number): string;
  /** The documented limit, shown beside the slider. */
  limit: string;
  get(scenario: ScenarioInput): number;
  set(scenario: ScenarioInput, value: number): ScenarioInput;
}

type Section = 'source' | 'producer' | 'eventSourceMapping' | 'function';

/** A copy of the scenario with one field of one section replaced. */
function withField(scenario: ScenarioInput, section: Section, field: string, value: unknown): ScenarioInput {
  const current = (scenario[section] ?? {}) as Record<string, unknown>;
  return { ...scenario, [section]: { ...current, [field]: value } } as ScenarioInput;
}

function field(scenario: ScenarioInput, section: Section, name: string, fallback: number): number {
  const value = ((scenario[section] ?? {}) as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : fallback;
}

/** The producer's starting rate (records, or requests, per second); later points keep theirs. */
const firstRate: Pick<Knob, 'get' | 'set'> = {
  get: (s) => s.producer.rate[0]?.recordsPerSecond ?? 0,
  set: (s, v) => ({ ...s, producer: { ...s.producer, rate: s.producer.rate.map((p, i) => (i === 0 ? { ...p, recordsPerSecond: v } : p)) } }),
};

/** The function's base duration per invocation. */
const baseDuration: Pick<Knob, 'get' | 'set'> = {
  get: (s) => s.function.duration.baseMs,
  set: (s, v) => ({ ...s, function: { ...s.function, duration: { ...s.function.duration, baseMs: v } } }),
};

const count = (unit: string) => (v: number) => `${v.toLocaleString('en-US')} ${unit}`.trim();

/** A knob on one numeric field of one section of the scenario, by its AWS name. */
function fieldKnob(id: KnobId, section: Section, fallback: number, rest: Omit<Knob, 'id' | 'label' | 'get' | 'set'> & { label?: string }): Knob {
  return {
    id,
    label: rest.label ?? id,
    ...rest,
    get: (s) => field(s, section, id, fallback),
    set: (s, v) => withField(s, section, id, v),
  };
}

export const KNOBS: Readonly<Record<KnobId, Knob>> = {
  ShardCount: fieldKnob('ShardCount', 'source', 1, {
    min: 1,
    max: 64,
    step: 1,
    display: count('shards'),
    limit: 'each shard takes 1 MB/s or 1,000 records/s and serves 2 MB/s of reads',
  }),
  ParallelizationFactor: fieldKnob('ParallelizationFactor', 'eventSourceMapping', 1, {
    min: 1,
    max: 10,
    step: 1,
    display: (v) => `${v} per shard`,
    limit: '1–10 concurrent batches per shard, order kept per partition key',
  }),
  BatchSize: fieldKnob('BatchSize', 'eventSourceMapping', 100, {
    min: 1,
    max: 1_000,
    step: 1,
    display: count('records'),
    limit: '1–10,000 records, and at most 6 MB of payload',
  }),
  MaximumBatchingWindowInSeconds: fieldKnob('MaximumBatchingWindowInSeconds', 'eventSourceMapping', 0, {
    min: 0,
    max: 30,
    step: 1,
    display: (v) => `${v} s`,
    limit: '0–300 s; Lambda invokes when the batch is full, the window ends or 6 MB is reached',
  }),
  MemorySize: fieldKnob('MemorySize', 'function', 128, {
    min: 128,
    max: 3_008,
    step: 64,
    display: count('MB'),
    limit: '128–10,240 MB; CPU grows with memory (one vCPU at 1,769 MB)',
  }),
  recordsPerSecond: {
    id: 'recordsPerSecond',
    label: 'Records per second',
    min: 100,
    max: 20_000,
    step: 100,
    display: count('records/s'),
    limit: 'the producer’s starting rate (later points of its profile keep their values)',
    ...firstRate,
  },
  baseMs: {
    id: 'baseMs',
    label: 'Time per batch',
    min: 1,
    max: 2_000,
    step: 1,
    display: count('ms'),
    limit: 'the function’s base duration per invocation; its Timeout stops it',
    ...baseDuration,
  },
  // Requests straight to a function: the same fields as the stream knobs, in the words of requests.
  requestsPerSecond: {
    id: 'requestsPerSecond',
    label: 'Requests per second',
    min: 5,
    max: 400,
    step: 5,
    display: count('requests/s'),
    limit: 'the average arrival rate; arrivals are random (Poisson), as independent clients make them',
    ...firstRate,
  },
  requestDurationMs: {
    id: 'requestDurationMs',
    label: 'Duration of one request',
    min: 20,
    max: 2_000,
    step: 10,
    display: count('ms'),
    limit: 'what the Duration metric reports; a cold start adds its initialization before it',
    ...baseDuration,
  },
  partitions: fieldKnob('partitions', 'source', 1, {
    label: 'Partitions',
    min: 1,
    max: 200,
    step: 1,
    display: count('partitions'),
    limit: 'at most one poller and one batch at a time per partition',
  }),
  MinimumPollers: {
    id: 'MinimumPollers',
    label: 'MinimumPollers',
    min: 1,
    max: 50,
    step: 1,
    display: count('pollers'),
    limit: 'provisioned mode: 1–200, each poller up to 5 MB/s or 5 concurrent invocations',
    get: (s) => s.eventSourceMapping?.ProvisionedPollerConfig?.MinimumPollers ?? 1,
    set: (s, v) => {
      const esm = s.eventSourceMapping ?? {};
      const config = esm.ProvisionedPollerConfig ?? {};
      const maximum = Math.max(v, config.MaximumPollers ?? v);
      return { ...s, eventSourceMapping: { ...esm, ProvisionedPollerConfig: { ...config, MinimumPollers: v, MaximumPollers: maximum } } };
    },
  },
  // Bursts on top of a lower base, at the same expected average: the producer's first rate
  // point gives way by the bursts' expected share of the time (each burst lasts its
  // durationSeconds; the next starts a mean meanSecondsBetween after it ends). Meant for a
  // one-point rate profile (later points keep their rates); a scenario without bursts gets
  // 30-second bursts about every 90 s. The base never goes below 0.
  burstRecordsPerSecond: {
    id: 'burstRecordsPerSecond',
    label: 'Burst height (same average)',
    min: 0,
    max: 6_000,
    step: 100,
    display: (v) => `+${v.toLocaleString('en-US')} records/s`,
    limit: 'extra records/s in each random burst; the base rate drops so that the average stays the same',
    get: (s) => s.producer.bursts?.extraRecordsPerSecond ?? 0,
    set: (s, v) => {
      const bursts = s.producer.bursts ?? { meanSecondsBetween: 90, durationSeconds: 30, extraRecordsPerSecond: 0 };
      const share = bursts.durationSeconds / (bursts.durationSeconds + bursts.meanSecondsBetween);
      const base = s.producer.rate[0]?.recordsPerSecond ?? 0;
      const average = base + bursts.extraRecordsPerSecond * share;
      const next = Math.max(0, Math.round(average - v * share));
      return {
        ...s,
        producer: {
          ...s.producer,
          rate: s.producer.rate.map((p, i) => (i === 0 ? { ...p, recordsPerSecond: next } : p)),
          bursts: { ...bursts, extraRecordsPerSecond: v },
        },
      };
    },
  },
  // The function's reservation; 0 on the slider stands for none (null: the account's unreserved
  // pool). A reservation of 0, which stops the function, stays open to the JSON editor.
  ReservedConcurrentExecutions: {
    id: 'ReservedConcurrentExecutions',
    label: 'ReservedConcurrentExecutions',
    min: 0,
    max: 900,
    step: 1,
    display: (v) => (v === 0 ? 'none (unreserved pool)' : count('executions')(v)),
    limit: 'reserves and caps the function’s concurrency; 100 of the account’s 1,000 stay unreserved',
    get: (s) => s.function.ReservedConcurrentExecutions ?? 0,
    set: (s, v) => ({ ...s, function: { ...s.function, ReservedConcurrentExecutions: v === 0 ? null : v } }),
  },
  MaximumRetryAttempts: fieldKnob('MaximumRetryAttempts', 'eventSourceMapping', -1, {
    min: -1,
    max: 10,
    step: 1,
    display: (v) => (v === -1 ? '-1 (until the records expire)' : count(v === 1 ? 'retry' : 'retries')(v)),
    limit: '-1 (the default: retry until the records expire) or 0–10,000; throttles do not count',
  }),
  // A switch as a two-step slider: 0 is false (the default), 1 is true.
  BisectBatchOnFunctionError: {
    id: 'BisectBatchOnFunctionError',
    label: 'BisectBatchOnFunctionError',
    min: 0,
    max: 1,
    step: 1,
    display: (v) => (v === 1 ? 'true (split a failed batch)' : 'false'),
    limit: 'splits a failed batch in two and retries each half; splitting uses no retries',
    get: (s) => (s.eventSourceMapping?.BisectBatchOnFunctionError === true ? 1 : 0),
    set: (s, v) => withField(s, 'eventSourceMapping', 'BisectBatchOnFunctionError', v === 1),
  },
  // The producer's partition keys: 0 is random keys; above, one key carries that share of all records.
  hotKeyShare: {
    id: 'hotKeyShare',
    label: 'Share of records on one partition key',
    min: 0,
    max: 0.9,
    step: 0.05,
    display: (v) => (v === 0 ? 'none (random keys)' : `${Math.round(v * 100)}% on one key`),
    limit: 'records with one key go to one shard, in order; spreading the key (a random suffix) sets it to 0',
    get: (s) => (s.producer.partitionKeys?.type === 'hot' ? s.producer.partitionKeys.hotShare : 0),
    set: (s, v) => ({ ...s, producer: { ...s.producer, partitionKeys: v === 0 ? { type: 'random' } : { type: 'hot', hotShare: v } } }),
  },
};

/** Whether a knob id is one the workbench knows (chapters name knobs in MDX, by hand). */
export function isKnobId(id: string): id is KnobId {
  return Object.hasOwn(KNOBS, id);
}
