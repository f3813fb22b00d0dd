/**
 * The settings a chapter can put on sliders. Each knob reads and writes one field of a
 * scenario (by its AWS name where there is one), and states its slider's range and the
 * documented limit. Slider ranges are what is useful to drag through, always inside the
 * schema's documented range (a test checks it); the full range stays open to the JSON editor.
 */
import type { ScenarioInput } from '../../engine/index.ts';
import { formatNumber } from '../components/number-format.ts';

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
  | 'ProvisionedMode'
  | 'requestsPerSecond'
  | 'requestDurationMs'
  | 'burstRecordsPerSecond'
  | 'recordSizeBytes'
  | 'BisectBatchOnFunctionError'
  | 'MaximumRetryAttempts'
  | 'MaximumRecordAgeInSeconds'
  | 'ReportBatchItemFailures'
  | 'OnFailureDestination'
  | 'otherSharedConsumers'
  | 'filterInMapping'
  | 'ReservedConcurrentExecutions'
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

const count = (unit: string) => (v: number) => `${formatNumber(v, 3)} ${unit}`.trim();

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

/** A setting that is on or off, on a two-step slider: 0 is off, 1 is on. */
const onOff = (v: number) => (v >= 1 ? 'on' : 'off');

/** The SQS queue the failure handling knobs send failed batches' descriptions to. */
export const FAILURE_QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:telemetry-failures';

/** The event source mapping with some fields replaced (absent ones removed when undefined). */
function withMapping(scenario: ScenarioInput, fields: Record<string, unknown>): ScenarioInput {
  const esm: Record<string, unknown> = { ...(scenario.eventSourceMapping ?? {}) };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) delete esm[name];
    else esm[name] = value;
  }
  return { ...scenario, eventSourceMapping: esm } as ScenarioInput;
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
  // Kafka: on-demand pollers (0) or provisioned mode (1). Turning it on keeps any poller
  // settings already written, else uses AWS's defaults (1 to 200 pollers); off removes them.
  ProvisionedMode: {
    id: 'ProvisionedMode',
    label: 'Provisioned mode',
    min: 0,
    max: 1,
    step: 1,
    display: onOff,
    limit: 'ProvisionedPollerConfig: pollers kept ready (MinimumPollers) and scaled at once up to MaximumPollers; billed in event poller units',
    get: (s) => (s.eventSourceMapping?.ProvisionedPollerConfig ? 1 : 0),
    set: (s, v) => {
      const { ProvisionedPollerConfig: config, ...esm } = s.eventSourceMapping ?? {};
      if (v < 1) return { ...s, eventSourceMapping: esm };
      return { ...s, eventSourceMapping: { ...esm, ProvisionedPollerConfig: config ?? { MinimumPollers: 1, MaximumPollers: 200 } } };
    },
  },
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
    display: (v) => `+${formatNumber(v, 3)} records/s`,
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
  // The size of every record the producer writes: what fills the 6 MB invocation payload.
  recordSizeBytes: {
    id: 'recordSizeBytes',
    label: 'Record size',
    min: 100,
    max: 100_000,
    step: 100,
    display: count('bytes'),
    limit: 'a record adds its data in base64 (4 bytes for every 3) and its event fields to the 6 MB payload',
    get: (s) => s.producer.recordSizeBytes ?? 0,
    set: (s, v) => ({ ...s, producer: { ...s.producer, recordSizeBytes: v } }),
  },
  // Failure handling (the failures chapter). Switches are two-step sliders (0 off, 1 on), so
  // every knob stays a number a task can test and a Figure can `change`.
  BisectBatchOnFunctionError: {
    id: 'BisectBatchOnFunctionError',
    label: 'BisectBatchOnFunctionError',
    min: 0,
    max: 1,
    step: 1,
    display: onOff,
    limit: 'true or false (default false); splitting a failed batch in two does not count as a retry',
    get: (s) => (s.eventSourceMapping?.BisectBatchOnFunctionError === true ? 1 : 0),
    set: (s, v) => withMapping(s, { BisectBatchOnFunctionError: v >= 1 }),
  },
  MaximumRetryAttempts: {
    id: 'MaximumRetryAttempts',
    label: 'MaximumRetryAttempts',
    min: -1,
    max: 20,
    step: 1,
    display: (v) => (v < 0 ? '-1: until the records expire' : v === 1 ? '1 retry' : `${formatNumber(v, 3)} retries`),
    limit: '-1 (the default: no limit) or 0–10,000 retries of a failed batch; throttles do not count',
    get: (s) => s.eventSourceMapping?.MaximumRetryAttempts ?? -1,
    set: (s, v) => withMapping(s, { MaximumRetryAttempts: Math.max(-1, Math.round(v)) }),
  },
  // The documented range is -1 or 60–604,800 s: the slider's 0 stands for -1 (no limit).
  MaximumRecordAgeInSeconds: {
    id: 'MaximumRecordAgeInSeconds',
    label: 'MaximumRecordAgeInSeconds',
    min: 0,
    max: 900,
    step: 60,
    display: (v) => (v <= 0 ? '-1: no limit' : `${formatNumber(v, 3)} s`),
    limit: '-1 (the default: no limit) or 60–604,800 s; older records are given up on',
    get: (s) => {
      const age = s.eventSourceMapping?.MaximumRecordAgeInSeconds ?? -1;
      return age < 0 ? 0 : age;
    },
    set: (s, v) => withMapping(s, { MaximumRecordAgeInSeconds: v <= 0 ? -1 : Math.max(60, Math.round(v)) }),
  },
  ReportBatchItemFailures: {
    id: 'ReportBatchItemFailures',
    label: 'ReportBatchItemFailures',
    min: 0,
    max: 1,
    step: 1,
    display: onOff,
    limit: 'in FunctionResponseTypes: the function returns the failed records; Lambda retries from the first',
    get: (s) => (s.eventSourceMapping?.FunctionResponseTypes?.includes('ReportBatchItemFailures') ? 1 : 0),
    set: (s, v) => withMapping(s, { FunctionResponseTypes: v >= 1 ? ['ReportBatchItemFailures'] : [] }),
  },
  OnFailureDestination: {
    id: 'OnFailureDestination',
    label: 'On-failure destination (SQS)',
    min: 0,
    max: 1,
    step: 1,
    display: onOff,
    limit: 'DestinationConfig.OnFailure: an SQS queue, SNS topic or S3 bucket gets a description of each batch given up on',
    get: (s) => (s.eventSourceMapping?.DestinationConfig?.OnFailure?.Destination ? 1 : 0),
    set: (s, v) => withMapping(s, { DestinationConfig: v >= 1 ? { OnFailure: { Destination: FAILURE_QUEUE_ARN } } : undefined }),
  },
  // Kinesis: other applications polling the same stream with shared throughput.
  otherSharedConsumers: fieldKnob('otherSharedConsumers', 'source', 0, {
    label: 'Other shared readers',
    min: 0,
    max: 20,
    step: 1,
    display: count('other readers'),
    limit: 'other applications polling with shared throughput: all share each shard’s 2 MB/s and 5 GetRecords calls a second',
  }),
  // Where the records the function ignores are dropped: in its code (0: every record is
  // delivered) or in the mapping (1: FilterCriteria is the code's own check, function.actionable).
  // Meant for scenarios with function.actionable; without it, 1 leaves the scenario as it is.
  filterInMapping: {
    id: 'filterInMapping',
    label: 'Filter in the mapping',
    min: 0,
    max: 1,
    step: 1,
    display: (v) => (v === 1 ? 'on: FilterCriteria holds the code’s check' : 'off: every record reaches the code'),
    limit: 'FilterCriteria: up to 5 filters (10 with a quota increase); a record that matches none never reaches the function',
    get: (s) => ((s.eventSourceMapping?.FilterCriteria?.Filters?.length ?? 0) > 0 ? 1 : 0),
    set: (s, v) => {
      const { FilterCriteria: _dropped, ...esm } = s.eventSourceMapping ?? {};
      if (v !== 1) return { ...s, eventSourceMapping: esm };
      const check = s.function.actionable;
      return check ? { ...s, eventSourceMapping: { ...esm, FilterCriteria: check } } : s;
    },
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

/** A knob's value as a reader reads it beside its name: "ShardCount 10 shards". */
export function knobSetting(id: KnobId, value: number): string {
  return `${KNOBS[id].label} ${KNOBS[id].display(value)}`;
}

/** Whether a knob id is one the workbench knows (chapters name knobs in MDX, by hand). */
export function isKnobId(id: string): id is KnobId {
  return Object.hasOwn(KNOBS, id);
}
