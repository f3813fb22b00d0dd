import { z } from 'zod';
import { rangedNumber } from '../core/validation.ts';

/**
 * The scenario: one JSON document describing an experiment. Where AWS has a name for a
 * setting, the field uses that name and its documented range, so settings can be pasted
 * from `aws lambda create-event-source-mapping` or CloudFormation. Sources of every range
 * are in docs/engine.md.
 */

const seconds = (max: number) => rangedNumber(0, max, 'seconds');

/** The most points a producer's rate profile may hold. */
export const MAX_RATE_POINTS = 1_000;

/** One point of the producer's rate: from `at` on, or ramping to it from the previous point. */
const ratePoint = z.strictObject({
  at: seconds(86_400 * 7),
  recordsPerSecond: rangedNumber(0, 1_000_000, 'records per second'),
  /** `step` (default): the rate jumps at `at`. `ramp`: it rises or falls linearly from the previous point to reach this one at `at`. */
  shape: z.enum(['step', 'ramp'], { error: 'must be "step" or "ramp"' }).default('step'),
});

/** Random bursts on top of the base rate: they start at a Poisson rate and last a fixed time. */
const poissonBursts = z.strictObject({
  meanSecondsBetween: rangedNumber(1, 86_400, 'seconds'),
  durationSeconds: rangedNumber(1, 3_600, 'seconds'),
  extraRecordsPerSecond: rangedNumber(0, 1_000_000, 'records per second'),
});

const partitionKeys = z.discriminatedUnion(
  'type',
  [
    /** Every record gets a random key: records spread evenly over shards. */
    z.strictObject({ type: z.literal('random') }),
    /** One key carries `hotShare` of all records; the rest are random. */
    z.strictObject({ type: z.literal('hot'), hotShare: rangedNumber(0, 1, '(a share of all records)') }),
  ],
  { error: 'must be { "type": "random" } or { "type": "hot", "hotShare": 0–1 }' },
);

const kinesisSource = z.strictObject({
  type: z.literal('kinesis'),
  ShardCount: rangedNumber(1, 20_000, 'shards', { integer: true }),
  /** `shared`: polled with GetRecords, sharing 2 MB/s per shard; `efo`: enhanced fan-out, pushed, 2 MB/s per shard for this consumer. */
  consumer: z.enum(['shared', 'efo'], { error: 'must be "shared" or "efo"' }).default('shared'),
  RetentionPeriodHours: rangedNumber(24, 8_760, 'hours', { integer: true }).default(24),
  /** Other applications reading the stream with shared throughput, each taking the same bytes from the 2 MB/s and 5 calls/s of a shard. */
  otherSharedConsumers: rangedNumber(0, 20, 'consumers', { integer: true }).default(0),
});

/** An Apache Kafka topic on an Amazon MSK cluster. */
const kafkaSource = z.strictObject({
  type: z.literal('kafka'),
  partitions: rangedNumber(1, 10_000, 'partitions', { integer: true }),
  brokers: rangedNumber(1, 30, 'brokers', { integer: true }).default(2),
  /** The broker instance type, for the cost of the cluster. */
  brokerInstanceType: z.enum(['kafka.m5.large'], { error: 'must be "kafka.m5.large"' }).default('kafka.m5.large'),
  /** How long the topic keeps records (Kafka's log.retention.hours, 168 by default). */
  retentionHours: rangedNumber(1, 8_760, 'hours', { integer: true }).default(168),
});

/**
 * How the event source mapping gets its pollers on Kafka: on demand (the default; Lambda
 * scales them) or provisioned mode with a minimum and a maximum.
 */
const provisionedPollerConfig = z.strictObject({
  MinimumPollers: rangedNumber(1, 200, 'pollers', { integer: true }).default(1),
  MaximumPollers: rangedNumber(1, 2_000, 'pollers', { integer: true }).default(200),
});

/**
 * Clients invoking the function directly (synchronous Invoke): no stream and no event source
 * mapping. The producer's rate is requests per second, and each request is one record.
 */
const requestsSource = z.strictObject({
  type: z.literal('requests'),
});

const source = z.discriminatedUnion('type', [kinesisSource, kafkaSource, requestsSource], { error: 'must be "kinesis", "kafka" or "requests"' });

/** A normal distribution, stated by its mean and standard deviation. */
const normal = (unit: string, max: number) =>
  z.strictObject({ mean: rangedNumber(-max, max, unit), sd: rangedNumber(0, max, unit) });

/**
 * What the records carry: connected-car telemetry like the talk's running example. Each
 * field's distribution can be changed, so that a filter keeps a predictable share.
 */
const telemetryPayload = z.strictObject({
  type: z.literal('telemetry'),
  /** Fleets `fleet-0` … `fleet-(n-1)`, equally likely. */
  fleets: rangedNumber(1, 100_000, 'fleets', { integer: true }).default(1_000),
  vehiclesPerFleet: rangedNumber(1, 100_000, 'vehicles', { integer: true }).default(10),
  speed: normal('km/h', 1_000).default({ mean: 72, sd: 28 }),
  engine_rpm: normal('rpm', 100_000).default({ mean: 2_300, sd: 650 }),
  /** Percent of a full tank, uniform between the two bounds. */
  fuel_remaining: z.strictObject({ min: rangedNumber(0, 100, '%'), max: rangedNumber(0, 100, '%') }).default({ min: 0, max: 100 }),
  tire_pressure: normal('psi', 1_000).default({ mean: 35, sd: 1.5 }),
  /** Share of records whose payload is not JSON (for example a binary frame): a filter drops them. */
  nonJsonShare: rangedNumber(0, 1, '(a share of all records)').default(0),
});

const payload = z.discriminatedUnion('type', [telemetryPayload], { error: 'must be { "type": "telemetry", … }' });

/** Lambda's FilterCriteria, as the API takes it; the patterns are checked when the scenario is parsed. */
const filterCriteria = z.strictObject({
  Filters: z
    .array(z.strictObject({ Pattern: z.string({ error: 'must be the pattern as JSON text' }) }), { error: 'must be a list of { "Pattern": "…" }' })
    .max(10, { error: 'must hold at most 10 filters (5 without a quota increase)' })
    .default([]),
});

const producer = z.strictObject({
  // At most MAX_RATE_POINTS: a minute-by-minute profile of most of a day fits, and a longer list
  // (damaged or hostile stored data) is refused at once instead of after checking every point.
  rate: z
    .array(ratePoint)
    .min(1, { error: 'needs at least one point, e.g. [{ "at": 0, "recordsPerSecond": 1000 }]' })
    .max(MAX_RATE_POINTS, { error: `must hold at most ${MAX_RATE_POINTS.toLocaleString('en-US')} points` }),
  bursts: poissonBursts.optional(),
  recordSizeBytes: rangedNumber(1, 1_048_576, 'bytes', { integer: true }),
  partitionKeys: partitionKeys.default({ type: 'random' }),
  payload: payload.optional(),
});

const eventSourceMapping = z.strictObject({
  BatchSize: rangedNumber(1, 10_000, 'records', { integer: true }).default(100),
  /** 0 s by default on Kinesis, 0.5 s on Kafka (set when the scenario is parsed). */
  MaximumBatchingWindowInSeconds: rangedNumber(0, 300, 'seconds', { integer: true }).optional(),
  /** Kinesis only (1 by default): concurrent batches per shard. */
  ParallelizationFactor: rangedNumber(1, 10, '', { integer: true }).optional(),
  /** Kafka only: provisioned mode's always-on pollers. Without it, Lambda scales pollers on demand. */
  ProvisionedPollerConfig: provisionedPollerConfig.optional(),
  StartingPosition: z.enum(['LATEST', 'TRIM_HORIZON'], { error: 'must be "LATEST" or "TRIM_HORIZON"' }).default('LATEST'),
  /** Records that match none of the filters are dropped before batching and never reach the function. */
  FilterCriteria: filterCriteria.optional(),
  /** Retries of a batch that failed in the function: -1 means until the records expire. Throttles do not count. */
  MaximumRetryAttempts: rangedNumber(-1, 10_000, '(-1 for no limit)', { integer: true }).default(-1),
  /** Records older than this are not retried any more: -1 means no limit, otherwise 60 s to 7 days. */
  MaximumRecordAgeInSeconds: rangedNumber(-1, 604_800, 'seconds (-1 for no limit)', { integer: true })
    .refine((v) => v === -1 || v >= 60, { error: 'must be -1 (no limit) or a whole number from 60 to 604,800 seconds' })
    .default(-1),
  /** Split a failed batch in two and retry each half; splitting does not use up retries. */
  BisectBatchOnFunctionError: z.boolean({ error: 'must be true or false' }).default(false),
  /** `["ReportBatchItemFailures"]`: the function reports which record failed, and the batch is retried from there. */
  FunctionResponseTypes: z.array(z.literal('ReportBatchItemFailures', { error: 'must be "ReportBatchItemFailures"' }), { error: 'must be a list' }).max(1).default([]),
  /** Where records go when they give up (retries or age exhausted) instead of being dropped. */
  DestinationConfig: z
    .strictObject({
      OnFailure: z.strictObject({
        Destination: z
          .string({ error: 'must be the ARN of an SQS queue, SNS topic or S3 bucket, or a kafka:// topic' })
          .regex(/^(arn:aws[a-z-]*:(sqs|sns|s3):|kafka:\/\/.)/, {
            error: 'must be the ARN of an SQS queue, SNS topic or S3 bucket (arn:aws:sqs:…, arn:aws:sns:…, arn:aws:s3:::…), or for Kafka a topic (kafka://…)',
          }),
      }),
    })
    .optional(),
});

/** The mapping's settings when a scenario leaves them all out (AWS's defaults, or absent). */
export const EVENT_SOURCE_MAPPING_DEFAULTS: Readonly<z.output<typeof eventSourceMapping>> = eventSourceMapping.parse({});

const spread = z.strictObject({
  /** Median duration as a multiple of the computed duration. */
  p50: rangedNumber(0.01, 100, '× the computed duration'),
  /** 99th percentile duration as a multiple of the computed duration; must be ≥ p50. */
  p99: rangedNumber(0.01, 100, '× the computed duration'),
});

const lambdaFunction = z.strictObject({
  MemorySize: rangedNumber(128, 10_240, 'MB', { integer: true }).default(128),
  Timeout: rangedNumber(1, 900, 'seconds', { integer: true }).default(3),
  duration: z.strictObject({
    baseMs: rangedNumber(0, 900_000, 'ms'),
    perRecordMs: rangedNumber(0, 900_000, 'ms').default(0),
    /** Time per record the function acts on (see `actionable`); defaults to perRecordMs. */
    perActionableRecordMs: rangedNumber(0, 900_000, 'ms').optional(),
    spread: spread.optional(),
    /** Init time of a new execution environment (an assumption: AWS documents only the 10 s ceiling). */
    coldStartMs: rangedNumber(0, 10_000, 'ms').default(250),
    /** Share (0–1) of the time that is CPU work and so scales with MemorySize; the rest (waiting on I/O) does not. */
    cpuBoundShare: rangedNumber(0, 1, '(a share of the duration)').default(0),
    /** The MemorySize at which baseMs and perRecordMs were measured; defaults to the function's MemorySize. */
    measuredAtMemorySize: rangedNumber(128, 10_240, 'MB', { integer: true }).optional(),
  }),
  ReservedConcurrentExecutions: rangedNumber(0, 100_000, 'concurrent executions', { integer: true }).nullable().default(null),
  /** The instruction set; Arm's duration price is lower. The model assumes the same speed on both. */
  Architectures: z.tuple([z.enum(['x86_64', 'arm64'], { error: 'must be "x86_64" or "arm64"' })], { error: 'must be ["x86_64"] or ["arm64"]' }).default(['x86_64']),
  /**
   * The records the function's own code acts on, written in the filter language: the check
   * the code makes. They take perActionableRecordMs; the others perRecordMs.
   */
  actionable: filterCriteria.optional(),
  /** When the function fails. */
  failures: z
    .strictObject({
      /** Share of invocations that fail whatever their records (a flaky dependency). */
      errorRate: rangedNumber(0, 1, '(a share of invocations)').default(0),
      /** Records, written in the filter language, that make any batch holding one fail: poison pills. */
      poisonPill: filterCriteria.optional(),
    })
    .prefault({}),
});

/**
 * Values the engine needs that AWS does not document. Each is a modelling assumption,
 * listed with its reason in docs/engine.md; a scenario may change any of them.
 */
const assumptions = z.strictObject({
  /** How long an idle execution environment is kept before Lambda reclaims it. */
  idleLifetimeSeconds: rangedNumber(1, 7_200, 'seconds').default(300),
  /** How long the mapping waits before retrying a batch whose invocation was throttled. */
  throttleRetrySeconds: rangedNumber(0.1, 60, 'seconds').default(1),
  /** How long the mapping waits before retrying a batch whose invocation returned a function error. */
  errorRetrySeconds: rangedNumber(0.01, 60, 'seconds').default(1),
  /** How long the mapping waits before calling GetRecords again after Kinesis throttled a read. */
  readThrottleRetrySeconds: rangedNumber(0.2, 60, 'seconds').default(1),
  /** Delay between a record's arrival and its push to an enhanced fan-out consumer (AWS quotes about 70 ms on average). */
  efoPropagationMs: rangedNumber(0, 5_000, 'ms').default(70),
  /** Records of a shard the mapping holds, read but not yet processed (at least one batch per lane). */
  readAheadRecords: rangedNumber(1, 1_000_000, 'records', { integer: true }).default(10_000),
  /** Bytes the invocation payload carries per record besides its base64 data (IDs, ARNs, keys, timestamps). */
  eventOverheadBytes: rangedNumber(0, 10_000, 'bytes', { integer: true }).default(250),
  /** Kafka on demand: pollers a new mapping starts with (the documentation has said one). */
  kafkaInitialPollers: rangedNumber(1, 100, 'pollers', { integer: true }).default(1),
  /** Kafka: pollers one scaling evaluation adds or removes. */
  kafkaScalingStep: rangedNumber(1, 100, 'pollers', { integer: true }).default(1),
  /** Kafka on demand: how long after an evaluation its change takes effect ("within three minutes"). */
  kafkaOnDemandScalingDelaySeconds: rangedNumber(0, 180, 'seconds').default(180),
  /** Kafka on demand: least time between two scaling changes (it "scales up or down every 3 minutes"). */
  kafkaOnDemandScalingIntervalSeconds: rangedNumber(60, 3_600, 'seconds').default(180),
  /** Kafka: a lag above this many times a caught-up consumer's lag counts as a backlog. */
  kafkaBacklogFactor: rangedNumber(1, 100, '× the caught-up lag').default(2),
  /** Kafka: share of the pollers' invocation slots in use at or above which pollers are the bottleneck. */
  kafkaBusySlotShare: rangedNumber(0, 1, '(a share of the slots)').default(0.8),
  /** Kafka: share of the slots in use below which the mapping removes a poller. */
  kafkaIdleSlotShare: rangedNumber(0, 1, '(a share of the slots)').default(0.5),
  /** Generated payloads the filters are tried on; the shares they find are applied to all records. */
  payloadSampleSize: rangedNumber(256, 262_144, 'records', { integer: true }).default(16_384),
});

/** The assumptions when a scenario leaves them all out. */
export const ASSUMPTION_DEFAULTS: Readonly<z.output<typeof assumptions>> = assumptions.parse({});

/** Assumptions a run of requests straight to a function uses; the others are about streams and their mappings. */
export const REQUESTS_ASSUMPTIONS: readonly (keyof z.output<typeof assumptions>)[] = ['idleLifetimeSeconds'];

const account = z.strictObject({
  ConcurrentExecutions: rangedNumber(1, 1_000_000, 'concurrent executions', { integer: true }).default(1_000),
  /** Concurrency that reservations must leave to unreserved functions (100 by the documentation). */
  UnreservedConcurrentExecutionsMinimum: rangedNumber(0, 1_000, 'concurrent executions', { integer: true }).default(100),
  /** Other functions' use of the unreserved pool, held constant through the run. */
  otherFunctionsConcurrency: rangedNumber(0, 1_000_000, 'concurrent executions', { integer: true }).default(0),
  /** Filters one event source mapping may hold: 5, or up to 10 after a quota increase. */
  filtersPerEventSourceMapping: rangedNumber(1, 10, 'filters', { integer: true }).default(5),
});

/** The account's settings when a scenario leaves them all out. */
export const ACCOUNT_DEFAULTS: Readonly<z.output<typeof account>> = account.parse({});

/** How the bill is reported. */
const costSettings = z.strictObject({
  /** Length of the month the run's rate is extended to. */
  monthDays: rangedNumber(28, 31, 'days', { integer: true }).default(30),
  /** Subtract the monthly free tier (Lambda: 1M requests and 400,000 GB-seconds). */
  includeFreeTier: z.boolean({ error: 'must be true or false' }).default(false),
});

const metricsSettings = z.strictObject({
  periodSeconds: rangedNumber(1, 60, 'seconds', { integer: true }).default(60),
});

export const scenarioSchema = z.strictObject(
  {
    name: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
    description: z.string({ error: 'must be text' }).max(2_000, { error: 'must be at most 2,000 characters' }).optional(),
    seed: rangedNumber(0, 4_294_967_295, '', { integer: true }).default(1),
    durationSeconds: rangedNumber(1, 604_800, 'seconds', { integer: true }),
    source,
    producer,
    eventSourceMapping: eventSourceMapping.prefault({}),
    function: lambdaFunction,
    account: account.prefault({}),
    metrics: metricsSettings.prefault({}),
    cost: costSettings.prefault({}),
    assumptions: assumptions.prefault({}),
  },
  { error: 'must be a JSON object describing a scenario' },
);

/** A scenario as written by hand: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
type ParsedScenario = z.output<typeof scenarioSchema>;
/**
 * A validated scenario with every default filled in, including ParallelizationFactor on
 * Kinesis (Kafka has none: it stays absent there, so a parsed scenario parses again
 * unchanged). The batching window's default depends on the source and is not filled in:
 * read it with `batchingWindowSeconds`, since Kafka's 0.5 s cannot be written in the API's
 * whole seconds.
 */
export type Scenario = ParsedScenario;
export type KinesisSource = z.output<typeof kinesisSource>;
export type KafkaSource = z.output<typeof kafkaSource>;
export type RequestsSource = z.output<typeof requestsSource>;
/** Where the records (or requests) come from: `kinesis`, `kafka` or `requests`. */
export type SourceType = Scenario['source']['type'];
export type ProducerSettings = z.output<typeof producer>;
export type RatePoint = z.output<typeof ratePoint>;
export type EventSourceMappingSettings = z.output<typeof eventSourceMapping>;
export type FunctionSettings = z.output<typeof lambdaFunction>;
export type Assumptions = z.output<typeof assumptions>;
export type TelemetryPayload = z.output<typeof telemetryPayload>;
export type TelemetryInput = z.input<typeof telemetryPayload>;
export type FilterCriteriaSettings = z.output<typeof filterCriteria>;
export type CostSettings = z.output<typeof costSettings>;
