/**
 * Help for a scenario typed as JSON: which fields may go where, what each means, its range,
 * unit and default, and the values a choice allows. The field tree comes from the engine's
 * own schema (`z.toJSONSchema(scenarioSchema)`), so ranges and defaults cannot drift from
 * what the engine accepts; the meanings are written here (`MEANINGS`), since the schema's
 * comments do not exist at run time. A unit test fails, naming the field, when a field has
 * no meaning.
 *
 * Pure: no DOM. The code editor (src/components/json-editor.ts) turns `scenarioHelp`'s
 * answers into completions and tooltips; `locateJson` reads text that is only partly typed.
 */
import { z } from 'zod';
import { scenarioSchema } from '../../engine/index.ts';
import { formatNumber } from '../components/number-format.ts';

/** A place in a JSON document: member names and list indexes, e.g. `['producer', 'rate', 0, 'at']`. */
export type JsonPath = readonly (string | number)[];

/** One allowed value of a choice, e.g. `"efo"` for `source.consumer`. */
export interface ValueHelp {
  /** The value as JSON text, as it is inserted: `"efo"`, `true`, `["arm64"]`. */
  json: string;
  /** What the completion list shows: the text without quotes for a string, else the JSON. */
  label: string;
  meaning?: string;
  isDefault: boolean;
}

/** Everything the editor tells a reader about one field. */
export interface FieldHelp {
  name: string;
  /** The field's path with list elements as `[]`: `producer.rate[].at`. Keys of `MEANINGS`. */
  path: string;
  /** The JSON type in words: `whole number`, `number`, `text`, `true or false`, `choice`, `object`, `list`, with ` or null` when null is allowed. */
  type: string;
  /** The allowed range with its unit, e.g. `1–10,000 records`, when the schema bounds it. */
  range?: string;
  /** The default as JSON text (or words, when it depends on other fields). */
  default?: string;
  meaning: string;
  /** The allowed values of a choice (an enum or a fixed value). */
  values?: ValueHelp[];
  required: boolean;
  /** Set when the field exists in only some variants of its object, e.g. `"type": "kinesis"`. */
  onlyWhen?: string;
  /** Range or values, and the default (or `required`), in one line: `1–10,000 records; default 100`; empty when there is none of these. */
  summary: string;
}

/** A meaning in `MEANINGS`: what the field is, in a sentence or two, and what the schema cannot say. */
export interface Meaning {
  text: string;
  /** Unit after the range (`records`, `seconds`, `MB`). */
  unit?: string;
  /** Replaces the range derived from the schema, where a refinement or pattern narrows it. */
  range?: string;
  /** Replaces the default derived from the schema, where it depends on other fields. */
  default?: string;
  /** The meaning of each allowed value of a choice, keyed by the value. */
  values?: Record<string, string>;
}

const filterPattern =
  'One filter pattern as JSON text, in Lambda\'s filter language (AWS\'s Pattern). Write it as a JSON string: {"Pattern": "{\\"data\\": {\\"speed\\": [{\\"numeric\\": [\\">\\", 120]}]}}"}.';
const filterList = (what: string): Meaning => ({ text: `${what} A record matches when any filter matches.`, unit: 'filters' });

/**
 * What every field means, keyed by its path with list elements as `[]`. AWS's names keep
 * their AWS meaning. Sources: engine/scenario/schema.ts and docs/engine.md.
 */
export const MEANINGS: Record<string, Meaning> = {
  name: { text: 'A short title for the scenario, shown with its results and in exports.' },
  description: { text: 'What the scenario shows, in a sentence or two.' },
  seed: { text: 'Seed of the random generator: the same scenario and seed always give the same run.' },
  durationSeconds: { text: 'How much time the run simulates.', unit: 'seconds' },

  source: { text: 'Where the records come from, chosen by "type": a Kinesis data stream, a Kafka topic on Amazon MSK, or clients invoking the function directly.' },
  'source.type': {
    text: 'The kind of stream; it decides which other fields the source takes.',
    values: {
      kinesis: 'Amazon Kinesis Data Streams: shards, read by the mapping with GetRecords or enhanced fan-out.',
      kafka: 'An Apache Kafka topic on Amazon MSK: partitions, read by the mapping\'s event pollers.',
      requests: 'Clients invoking the function directly (synchronous Invoke): no stream and no event source mapping; the producer\'s rate is requests per second.',
    },
  },
  'source.ShardCount': { text: 'Shards in the stream. Each takes up to 1 MB/s or 1,000 records/s of writes and serves 2 MB/s of reads.', unit: 'shards' },
  'source.consumer': {
    text: 'How the mapping reads the stream.',
    values: {
      shared: 'Shared throughput: polled with GetRecords; all shared readers split 2 MB/s and 5 calls/s per shard.',
      efo: 'Enhanced fan-out: records are pushed, with 2 MB/s per shard for this consumer alone (billed per consumer-shard hour and GB).',
    },
  },
  'source.RetentionPeriodHours': { text: 'How long the stream keeps records; records not read by then expire. Above 24 hours is billed as extended retention.', unit: 'hours' },
  'source.otherSharedConsumers': { text: 'Other applications polling the stream with shared throughput; each takes the same share of a shard\'s 2 MB/s and 5 reads/s.', unit: 'consumers' },
  'source.partitions': { text: 'Partitions of the topic. Lambda reads each in order, one batch at a time, with at most one poller per partition.', unit: 'partitions' },
  'source.brokers': { text: 'Brokers in the MSK cluster; they count in the bill only.', unit: 'brokers' },
  'source.brokerInstanceType': {
    text: 'The brokers\' instance type, for the bill.',
    values: { 'kafka.m5.large': 'The broker size the price table knows (2 vCPU, 8 GiB).' },
  },
  'source.retentionHours': { text: 'How long the topic keeps records (Kafka\'s log.retention.hours); records not read by then are lost.', unit: 'hours' },

  producer: { text: 'What writes to the stream: the rate over time, random bursts, the record size, partition keys and payloads.' },
  'producer.rate': { text: 'The producer\'s rate over time: points in time order, each a step or a ramp to a new rate.', range: 'at least 1 point' },
  'producer.rate[].at': { text: 'When this point\'s rate applies, counted from the start of the run.', unit: 'seconds' },
  'producer.rate[].recordsPerSecond': { text: 'The rate from "at" on (a step), or the rate reached at "at" (a ramp).', unit: 'records per second' },
  'producer.rate[].shape': {
    text: 'How the rate gets to this point.',
    values: {
      step: 'The rate jumps to this point\'s rate at "at".',
      ramp: 'The rate changes linearly from the previous point\'s and reaches this one at "at".',
    },
  },
  'producer.bursts': { text: 'Random bursts on top of the rate; their starts are a Poisson process.' },
  'producer.bursts.meanSecondsBetween': { text: 'Average time from the start of one burst to the start of the next.', unit: 'seconds' },
  'producer.bursts.durationSeconds': { text: 'How long each burst lasts.', unit: 'seconds' },
  'producer.bursts.extraRecordsPerSecond': { text: 'Records per second a burst adds to the rate.', unit: 'records per second' },
  'producer.recordSizeBytes': { text: 'Size of each record, partition key included. A shard takes at most 1 MB/s of writes, so large records lower its records per second.', unit: 'bytes' },
  'producer.partitionKeys': { text: 'How records get their partition key, which decides their shard (or partition).' },
  'producer.partitionKeys.type': {
    text: 'How keys are chosen.',
    values: {
      random: 'Every record gets a random key: records spread evenly over shards.',
      hot: 'One key carries "hotShare" of all records, so one shard gets them; the rest are random.',
    },
  },
  'producer.partitionKeys.hotShare': { text: 'Share of all records that carry the one hot key.', unit: '(a share of all records)' },
  'producer.payload': { text: 'What the records contain. Needed by filters, by the function\'s own check (actionable) and by poison pills.' },
  'producer.payload.type': {
    text: 'The kind of payload.',
    values: { telemetry: 'Connected-car readings: fleet_id, vehicle_id, speed, engine_rpm, fuel_remaining, tire_pressure, timestamp.' },
  },
  'producer.payload.fleets': { text: 'Fleets, named fleet-0 to fleet-(n−1), equally likely.', unit: 'fleets' },
  'producer.payload.vehiclesPerFleet': { text: 'Vehicles in each fleet, equally likely.', unit: 'vehicles' },
  'producer.payload.speed': { text: 'The speed reading: normally distributed with this mean and standard deviation.' },
  'producer.payload.speed.mean': { text: 'Mean speed.', unit: 'km/h' },
  'producer.payload.speed.sd': { text: 'Standard deviation of the speed.', unit: 'km/h' },
  'producer.payload.engine_rpm': { text: 'The engine speed reading: normally distributed with this mean and standard deviation.' },
  'producer.payload.engine_rpm.mean': { text: 'Mean engine speed.', unit: 'rpm' },
  'producer.payload.engine_rpm.sd': { text: 'Standard deviation of the engine speed.', unit: 'rpm' },
  'producer.payload.fuel_remaining': { text: 'Fuel left, as a percent of a full tank: uniform between min and max.' },
  'producer.payload.fuel_remaining.min': { text: 'Lowest fuel reading.', unit: '%' },
  'producer.payload.fuel_remaining.max': { text: 'Highest fuel reading; at least min.', unit: '%' },
  'producer.payload.tire_pressure': { text: 'The tire pressure reading: normally distributed with this mean and standard deviation.' },
  'producer.payload.tire_pressure.mean': { text: 'Mean tire pressure.', unit: 'psi' },
  'producer.payload.tire_pressure.sd': { text: 'Standard deviation of the tire pressure.', unit: 'psi' },
  'producer.payload.nonJsonShare': { text: 'Share of records whose payload is not JSON (a binary frame, say); a filter on data drops them.', unit: '(a share of all records)' },

  eventSourceMapping: { text: 'The Lambda event source mapping that reads the stream, batches records and invokes the function. Settings keep their AWS names.' },
  'eventSourceMapping.BatchSize': {
    text: 'Most records per batch: one invocation gets at most this many. A batch also leaves when the batching window ends or at the 6 MB payload limit.',
    unit: 'records',
  },
  'eventSourceMapping.MaximumBatchingWindowInSeconds': {
    text: 'How long the mapping gathers records before it invokes with a batch that is not full.',
    unit: 'seconds',
    default: '0 on Kinesis, 0.5 s on Kafka',
  },
  'eventSourceMapping.ParallelizationFactor': {
    text: 'Kinesis only: batches processed at once per shard; records with the same partition key stay in order. Not allowed on Kafka.',
    default: '1 on Kinesis',
  },
  'eventSourceMapping.ProvisionedPollerConfig': { text: 'Kafka only: provisioned mode, with always-on pollers between a minimum and a maximum. Without it Lambda scales pollers on demand.' },
  'eventSourceMapping.ProvisionedPollerConfig.MinimumPollers': { text: 'Pollers kept running at all times. Each handles up to 5 MB/s or 5 concurrent invocations.', unit: 'pollers' },
  'eventSourceMapping.ProvisionedPollerConfig.MaximumPollers': { text: 'Most pollers the mapping scales to (never more than the partitions); at least MinimumPollers.', unit: 'pollers' },
  'eventSourceMapping.StartingPosition': {
    text: 'Where in the stream the mapping starts reading.',
    values: { LATEST: 'Only records written after the mapping starts.', TRIM_HORIZON: 'The oldest record the stream still holds.' },
  },
  'eventSourceMapping.FilterCriteria': { text: 'Records that match none of these filters are dropped before batching and never reach the function (FilteredOutEventCount). Needs producer.payload.' },
  'eventSourceMapping.FilterCriteria.Filters': filterList('Up to account.filtersPerEventSourceMapping filters (5; 10 with a quota increase).'),
  'eventSourceMapping.FilterCriteria.Filters[].Pattern': { text: filterPattern },
  'eventSourceMapping.MaximumRetryAttempts': {
    text: 'Retries of a batch the function failed; -1 retries until the records expire. Throttles do not count. On Kafka, provisioned mode only.',
    unit: 'retries',
    range: '-1 (no limit), or 0–10,000 retries',
  },
  'eventSourceMapping.MaximumRecordAgeInSeconds': {
    text: 'Records older than this are given up on (sent to the on-failure destination, or dropped) instead of retried. On Kafka, provisioned mode only.',
    unit: 'seconds',
    range: '-1 (no limit), or 60–604,800 seconds',
  },
  'eventSourceMapping.BisectBatchOnFunctionError': { text: 'Split a failed batch in two and retry each half; splitting does not use up retries. On Kafka, provisioned mode only.' },
  'eventSourceMapping.FunctionResponseTypes': {
    text: 'With ReportBatchItemFailures, the function reports the first record that failed: the records before it count as processed and the retry starts at it. On Kafka, provisioned mode only.',
    values: { ReportBatchItemFailures: 'The function returns which records failed (a partial batch response).' },
  },
  'eventSourceMapping.DestinationConfig': { text: 'Where records go when they are given up on (retries or age exhausted) instead of being dropped.' },
  'eventSourceMapping.DestinationConfig.OnFailure': { text: 'The on-failure destination.' },
  'eventSourceMapping.DestinationConfig.OnFailure.Destination': {
    text: 'ARN of an SQS queue, SNS topic or S3 bucket; on Kafka in provisioned mode, also a topic as kafka://name.',
    range: 'arn:aws:sqs:…, arn:aws:sns:…, arn:aws:s3:::… or kafka://…',
  },

  function: { text: 'The Lambda function: memory, timeout, how long an invocation takes, its concurrency and when it fails.' },
  'function.MemorySize': { text: 'Memory of each execution environment. CPU grows with it (one vCPU at 1,769 MB); duration is billed per GB-second.', unit: 'MB' },
  'function.Timeout': { text: 'An invocation still running after this is stopped and fails.', unit: 'seconds' },
  'function.duration': { text: 'How long an invocation runs: baseMs + perRecordMs × records, measured at measuredAtMemorySize, with an optional random spread.' },
  'function.duration.baseMs': { text: 'Time per invocation, whatever the batch holds.', unit: 'ms' },
  'function.duration.perRecordMs': { text: 'Time per record in the batch (per record the function does not act on, when function.actionable is set).', unit: 'ms' },
  'function.duration.perActionableRecordMs': { text: 'Time per record the function acts on (see function.actionable).', unit: 'ms', default: 'perRecordMs' },
  'function.duration.spread': { text: 'Random variation of durations, as multiples of the computed duration: the median (p50) and the 99th percentile (p99).' },
  'function.duration.spread.p50': { text: 'Median duration as a multiple of the computed duration.', unit: '× the computed duration' },
  'function.duration.spread.p99': { text: '99th-percentile duration as a multiple of the computed duration; at least p50.', unit: '× the computed duration' },
  'function.duration.coldStartMs': { text: 'Init time of a new execution environment, before its first invocation, and billed with it. An assumption: AWS documents only the 10 s ceiling.', unit: 'ms' },
  'function.duration.cpuBoundShare': { text: 'Share of the time that is CPU work, and so scales with MemorySize; the rest (waiting on I/O) does not.', unit: '(a share of the duration)' },
  'function.duration.measuredAtMemorySize': { text: 'The MemorySize at which baseMs and perRecordMs were measured.', unit: 'MB', default: 'the function\'s MemorySize' },
  'function.ReservedConcurrentExecutions': {
    text: 'Reserved concurrency: guarantees and caps the function\'s concurrent executions; null for none. It must leave UnreservedConcurrentExecutionsMinimum of the account unreserved.',
    unit: 'concurrent executions',
  },
  'function.Architectures': {
    text: 'The instruction set, as a one-item list. Arm\'s duration price is lower; the model assumes the same speed on both.',
    values: { x86_64: 'Intel or AMD processors.', arm64: 'AWS Graviton processors: a lower price per GB-second.' },
  },
  'function.actionable': { text: 'The records the function\'s own code acts on, in the filter language (the check the code makes). They take perActionableRecordMs; the others perRecordMs. Needs producer.payload.' },
  'function.actionable.Filters': filterList('The check the code makes, as filters.'),
  'function.actionable.Filters[].Pattern': { text: filterPattern },
  'function.failures': { text: 'When the function fails.' },
  'function.failures.errorRate': { text: 'Share of invocations that fail whatever records they hold (a flaky dependency).', unit: '(a share of invocations)' },
  'function.failures.poisonPill': { text: 'Records, in the filter language, that make any batch holding one fail: poison pills. Needs producer.payload.' },
  'function.failures.poisonPill.Filters': filterList('The poison records, as filters.'),
  'function.failures.poisonPill.Filters[].Pattern': { text: filterPattern },

  account: { text: 'The AWS account\'s Lambda concurrency and quotas in the Region.' },
  'account.ConcurrentExecutions': { text: 'The account\'s concurrency limit: concurrent executions shared by all its functions.', unit: 'concurrent executions' },
  'account.UnreservedConcurrentExecutionsMinimum': { text: 'Concurrency that reservations must leave to functions without one.', unit: 'concurrent executions' },
  'account.otherFunctionsConcurrency': { text: 'Other functions\' use of the unreserved concurrency, constant through the run.', unit: 'concurrent executions' },
  'account.filtersPerEventSourceMapping': { text: 'Filters one event source mapping may hold: 5, or up to 10 after a quota increase.', unit: 'filters' },

  metrics: { text: 'How the run\'s metrics are reported.' },
  'metrics.periodSeconds': { text: 'Length of a metric period, like CloudWatch\'s period (Lambda\'s standard metrics use 60 s).', unit: 'seconds' },

  cost: { text: 'How the bill is reported.' },
  'cost.monthDays': { text: 'Days in the month that the run\'s rate is extended to for the monthly bill.', unit: 'days' },
  'cost.includeFreeTier': { text: 'Subtract Lambda\'s monthly free tier (1 million requests and 400,000 GB-seconds) from the bill.' },

  assumptions: { text: 'Values AWS does not document. Each is a modelling assumption with a default; docs/engine.md gives the reasons.' },
  'assumptions.idleLifetimeSeconds': { text: 'How long an idle execution environment is kept before Lambda reclaims it.', unit: 'seconds' },
  'assumptions.throttleRetrySeconds': { text: 'Wait before the mapping retries a batch whose invocation was throttled.', unit: 'seconds' },
  'assumptions.errorRetrySeconds': { text: 'Wait before the mapping retries a batch whose invocation returned a function error.', unit: 'seconds' },
  'assumptions.readThrottleRetrySeconds': { text: 'Wait before the mapping calls GetRecords again after Kinesis throttled a read.', unit: 'seconds' },
  'assumptions.efoPropagationMs': { text: 'Delay from a record\'s arrival to its push to an enhanced fan-out consumer (AWS quotes about 70 ms on average).', unit: 'ms' },
  'assumptions.readAheadRecords': { text: 'Records of a shard the mapping holds, read but not yet processed (at least one batch per lane).', unit: 'records' },
  'assumptions.eventOverheadBytes': { text: 'Bytes each record adds to the invocation payload besides its base64 data (IDs, ARNs, keys, timestamps).', unit: 'bytes' },
  'assumptions.kafkaInitialPollers': { text: 'Kafka on demand: pollers a new mapping starts with.', unit: 'pollers' },
  'assumptions.kafkaScalingStep': { text: 'Kafka: pollers one scaling decision adds or removes.', unit: 'pollers' },
  'assumptions.kafkaOnDemandScalingDelaySeconds': { text: 'Kafka on demand: time from a scaling evaluation to its change taking effect ("within three minutes").', unit: 'seconds' },
  'assumptions.kafkaOnDemandScalingIntervalSeconds': { text: 'Kafka on demand: least time between two scaling changes ("every 3 minutes").', unit: 'seconds' },
  'assumptions.kafkaBacklogFactor': { text: 'Kafka: a lag above this many times a caught-up consumer\'s lag counts as a backlog.', unit: '× the caught-up lag' },
  'assumptions.kafkaBusySlotShare': { text: 'Kafka: share of the pollers\' invocation slots in use at or above which the pollers are the bottleneck (add one).', unit: '(a share of the slots)' },
  'assumptions.kafkaIdleSlotShare': { text: 'Kafka: share of the slots in use below which the mapping removes a poller.', unit: '(a share of the slots)' },
  'assumptions.payloadSampleSize': { text: 'Generated payloads the filters are tried on; the shares found are applied to all records.', unit: 'records' },
};

// ---------------------------------------------------------------------------------------
// The field tree, from the schema's JSON Schema (input side: what a reader may write).

interface Js {
  type?: string | string[];
  properties?: Record<string, Js>;
  required?: string[];
  items?: Js | boolean;
  prefixItems?: Js[];
  oneOf?: Js[];
  anyOf?: Js[];
  allOf?: Js[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, Js>;
}

let rootSchema: Js | undefined;

/** The scenario schema as JSON Schema, made once. Refinements are dropped by zod: `MEANINGS` states them. */
function schemaRoot(): Js {
  rootSchema ??= z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as unknown as Js;
  return rootSchema;
}

function deref(s: Js): Js {
  if (!s.$ref) return s;
  const root = schemaRoot();
  if (s.$ref === '#') return root;
  const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
  const target = name === undefined ? undefined : root.$defs?.[decodeURIComponent(name)];
  return target ?? {};
}

/** The alternatives of a schema: the members of a union (flattened), else the schema itself. */
function alternatives(schema: Js): Js[] {
  const s = deref(schema);
  const members = s.oneOf ?? s.anyOf;
  if (members) return members.flatMap(alternatives);
  if (s.allOf?.length === 1 && s.allOf[0]) return alternatives(s.allOf[0]);
  return [s];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The member that tells a union's objects apart (`type`): fixed to a different value in each. */
function discriminator(variants: readonly Js[]): string | undefined {
  const first = variants[0];
  if (!first?.properties) return undefined;
  return Object.keys(first.properties).find((key) => variants.every((v) => v.properties?.[key]?.const !== undefined));
}

/** The variants the object's current discriminator selects; all of them when it names none. */
function pickVariants(variants: readonly Js[], current: unknown): Js[] {
  const key = discriminator(variants);
  if (key === undefined || !isObject(current)) return [...variants];
  const chosen = variants.filter((v) => v.properties?.[key]?.const === current[key]);
  return chosen.length > 0 ? chosen : [...variants];
}

function objectVariants(schema: Js): Js[] {
  return alternatives(schema).filter((a) => a.properties !== undefined);
}

function valueAt(document: unknown, path: JsonPath): unknown {
  let value = document;
  for (const step of path) {
    if (typeof step === 'number') value = Array.isArray(value) ? value[step] : undefined;
    else value = isObject(value) && Object.hasOwn(value, step) ? value[step] : undefined;
  }
  return value;
}

/** The schemas that may hold the value at `path`, choosing union variants by the document's discriminators. */
function schemasAt(path: JsonPath, document: unknown): Js[] {
  let nodes: Js[] = [schemaRoot()];
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const container = valueAt(document, path.slice(0, i));
    const next: Js[] = [];
    for (const node of nodes) {
      if (typeof step === 'number') {
        for (const a of alternatives(node)) {
          const item = a.prefixItems?.[step] ?? (typeof a.items === 'object' ? a.items : undefined);
          if (item) next.push(item);
        }
      } else {
        for (const v of pickVariants(objectVariants(node), container)) {
          const child = v.properties?.[step];
          if (child) next.push(child);
        }
      }
    }
    nodes = [...new Set(next)];
    if (nodes.length === 0) break;
  }
  return nodes;
}

/** `['producer', 'rate', 0, 'at']` → `producer.rate[].at`. */
export function pathPattern(path: JsonPath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? '[]' : out === '' ? step : `.${step}`;
  return out;
}

/** Limits keep their digits: 0.000001 must not read as 0. */
function formatLimit(n: number): string {
  return formatNumber(n, 6);
}

/** JSON on one line with a space after `:` and `,`: `{ "mean": 72, "sd": 28 }`. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (isObject(value)) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value) ?? String(value);
}

function numberRange(s: Js, unit: string | undefined): string | undefined {
  const lo = s.minimum ?? s.exclusiveMinimum;
  const hi = s.maximum ?? s.exclusiveMaximum;
  if (lo === undefined && hi === undefined) return undefined;
  let text: string;
  if (lo !== undefined && hi !== undefined && s.exclusiveMinimum === undefined && s.exclusiveMaximum === undefined) {
    text = lo < 0 ? `${formatLimit(lo)} to ${formatLimit(hi)}` : `${formatLimit(lo)}–${formatLimit(hi)}`;
  } else {
    const parts: string[] = [];
    if (lo !== undefined) parts.push(`${s.exclusiveMinimum !== undefined ? 'more than' : 'at least'} ${formatLimit(lo)}`);
    if (hi !== undefined) parts.push(`${s.exclusiveMaximum !== undefined ? 'less than' : 'at most'} ${formatLimit(hi)}`);
    text = parts.join(', ');
  }
  return unit ? `${text} ${unit}` : text;
}

function lengthRange(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return `${formatLimit(min)}–${formatLimit(max)} ${unit}`;
  if (max !== undefined) return `at most ${formatLimit(max)} ${unit}`;
  if (min !== undefined && min > 0) return `at least ${formatLimit(min)} ${unit}`;
  return undefined;
}

/** The fixed values a schema allows (an enum, a constant), or undefined when it is not a choice. */
function choices(s: Js): unknown[] | undefined {
  if (s.enum) return s.enum;
  if (s.const !== undefined) return [s.const];
  return undefined;
}

/** A list whose one item is a choice (`Architectures`, `FunctionResponseTypes`): its values as one-item lists. */
function listChoices(s: Js): unknown[] | undefined {
  if (s.type !== 'array' || s.maxItems !== 1) return undefined;
  const item = s.prefixItems?.[0] ?? (typeof s.items === 'object' ? s.items : undefined);
  const values = item ? alternatives(item).flatMap((a) => choices(a) ?? []) : [];
  return values.length > 0 ? values : undefined;
}

function valueHelp(value: unknown, meaning: Meaning | undefined, defaultValue: unknown, wrap: boolean): ValueHelp {
  const inserted = wrap ? [value] : value;
  const json = JSON.stringify(inserted);
  return {
    json,
    label: typeof inserted === 'string' ? inserted : json,
    meaning: meaning?.values?.[String(value)],
    isDefault: defaultValue !== undefined && JSON.stringify(defaultValue) === json,
  };
}

function typeText(s: Js): string {
  if (choices(s)) return 'choice';
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
      return 'whole number';
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'list';
    case 'object':
      return 'object';
    case 'null':
      return 'null';
    default:
      return s.properties ? 'object' : 'any value';
  }
}

/** Everything about one field, from the schemas that may hold it (one, or one per union variant). */
function buildHelp(name: string, path: JsonPath, schemas: readonly Js[], required: boolean, onlyWhen: string | undefined): FieldHelp {
  const pattern = pathPattern(path);
  const meaning = MEANINGS[pattern];
  const first = deref(schemas[0] ?? {});
  const defaultValue = schemas.map((s) => deref(s).default).find((d) => d !== undefined);
  // A nullable field is a union of its type and null.
  const members = schemas.flatMap(alternatives);
  const nullable = members.some((m) => m.type === 'null') && members.some((m) => m.type !== 'null');
  const base = members.find((m) => m.type !== 'null') ?? first;

  const direct = members.flatMap((m) => choices(m) ?? []);
  const wrapped = direct.length === 0 ? members.flatMap((m) => listChoices(m) ?? []) : [];
  const valueList = direct.length > 0 ? direct : wrapped;
  const values = valueList.length > 0 ? [...new Set(valueList)].map((v) => valueHelp(v, meaning, defaultValue, direct.length === 0)) : undefined;

  let range = meaning?.range;
  if (range === undefined && !values) {
    const kind = Array.isArray(base.type) ? base.type[0] : base.type;
    if (kind === 'number' || kind === 'integer') range = numberRange(base, meaning?.unit);
    else if (kind === 'string') range = lengthRange(base.minLength, base.maxLength, 'characters');
    else if (kind === 'array') range = lengthRange(base.minItems, base.maxItems, meaning?.unit ?? 'items');
  }

  let defaultText = meaning?.default;
  if (defaultText === undefined && defaultValue !== undefined && !(isObject(defaultValue) && Object.keys(defaultValue).length === 0)) {
    defaultText = oneLine(defaultValue);
  }

  const type = `${values && !wrapped.length ? 'choice' : typeText(base)}${nullable ? ' or null' : ''}`;
  const parts: string[] = [];
  if (range) parts.push(nullable ? `${range}, or null` : range);
  else if (values) parts.push(values.map((v) => v.json).join(' or '));
  if (defaultText !== undefined) parts.push(`default ${defaultText}`);
  else if (required) parts.push('required');
  return {
    name,
    path: pattern,
    type,
    ...(range === undefined ? {} : { range }),
    ...(defaultText === undefined ? {} : { default: defaultText }),
    meaning: meaning?.text ?? '',
    ...(values ? { values } : {}),
    required,
    ...(onlyWhen === undefined ? {} : { onlyWhen }),
    summary: parts.join('; '),
  };
}

/** The fields of the object at `path`: variants chosen by `current` (the object itself), merged when it names none. */
function fieldsIn(path: JsonPath, current: unknown, document: unknown): FieldHelp[] {
  const nodes = schemasAt(path, document);
  const byName = new Map<string, { schemas: Js[]; requiredIn: number; tags: string[] }>();
  let chosenCount = 0;
  let key: string | undefined;
  for (const node of nodes) {
    const all = objectVariants(node);
    const chosen = pickVariants(all, current);
    key ??= discriminator(all);
    chosenCount += chosen.length;
    for (const variant of chosen) {
      const tag = key === undefined ? undefined : variant.properties?.[key]?.const;
      for (const [name, schema] of Object.entries(variant.properties ?? {})) {
        const entry = byName.get(name) ?? { schemas: [], requiredIn: 0, tags: [] };
        entry.schemas.push(schema);
        if (variant.required?.includes(name)) entry.requiredIn++;
        if (tag !== undefined) entry.tags.push(JSON.stringify(tag));
        byName.set(name, entry);
      }
    }
  }
  return [...byName].map(([name, entry]) => {
    const everywhere = entry.schemas.length === chosenCount;
    const onlyWhen = !everywhere && key !== undefined && entry.tags.length > 0 ? `"${key}": ${entry.tags.join(' or ')}` : undefined;
    return buildHelp(name, [...path, name], entry.schemas, everywhere && entry.requiredIn === chosenCount, onlyWhen);
  });
}

/**
 * The fields that may be written in the object at `path`, leaving out those `current` (that
 * object, as typed so far) already has. When the object is one of a union's variants
 * (`source`), its `type` picks the variant; without one, every variant's fields are offered,
 * each marked with the variant it belongs to. `document`, the whole scenario as typed so far,
 * picks the variants of the objects along the path.
 */
export function fieldsAt(path: JsonPath, current?: unknown, document?: unknown): FieldHelp[] {
  const present = isObject(current) ? current : {};
  return fieldsIn(path, current, document).filter((f) => !Object.hasOwn(present, f.name));
}

/** The help for the field at `path` (a list element's path gives its list's help). */
export function helpFor(path: JsonPath, document?: unknown): FieldHelp | undefined {
  const end = path.findLastIndex((step) => typeof step === 'string');
  if (end < 0) return undefined;
  const name = path[end] as string;
  const parent = path.slice(0, end);
  // The parent's variant is picked without this field: a discriminator's help lists every value.
  const current = valueAt(document, parent);
  const others = isObject(current) ? Object.fromEntries(Object.entries(current).filter(([k]) => k !== name)) : current;
  return fieldsIn(parent, others, document).find((f) => f.name === name);
}

/** Every field at every depth, once per path (union variants merged): for tests and docs. */
export function allFields(): FieldHelp[] {
  const out: FieldHelp[] = [];
  const seen = new Set<string>();
  const visit = (path: JsonPath, depth: number): void => {
    if (depth > 32) return;
    for (const node of schemasAt(path, undefined)) {
      for (const a of alternatives(node)) {
        const item = a.prefixItems?.[0] ?? (typeof a.items === 'object' ? a.items : undefined);
        if (item && alternatives(item).some((i) => i.properties || i.items)) visit([...path, 0], depth + 1);
      }
    }
    if (!schemasAt(path, undefined).some((n) => objectVariants(n).length > 0)) return;
    for (const field of fieldsIn(path, undefined, undefined)) {
      if (seen.has(field.path)) continue;
      seen.add(field.path);
      out.push(field);
      visit([...path, field.name], depth + 1);
    }
  };
  visit([], 0);
  return out;
}

/** The values a completion may offer at `path`: a choice's values, true/false, null. */
function valuesAt(path: JsonPath, document: unknown): ValueHelp[] {
  const help = helpFor(path, document);
  const members = schemasAt(path, document).flatMap(alternatives);
  let out: ValueHelp[];
  if (typeof path[path.length - 1] === 'number') {
    // An element of a list: the item's values, with the list's meanings.
    const meaning = help ? MEANINGS[help.path] : undefined;
    out = [...new Set(members.flatMap((m) => choices(m) ?? []))].map((v) => valueHelp(v, meaning, undefined, false));
  } else {
    out = [...(help?.values ?? [])];
  }
  if (members.some((m) => m.type === 'boolean')) out.push(...[true, false].map((b) => ({ json: String(b), label: String(b), isDefault: help?.default === String(b) })));
  if (members.some((m) => m.type === 'null') && members.some((m) => m.type !== 'null')) out.push({ json: 'null', label: 'null', isDefault: help?.default === 'null' });
  return out;
}

/** The help as one plain sentence, for a screen reader's announcement. */
export function helpText(help: FieldHelp): string {
  const values = help.values?.filter((v) => v.meaning).map((v) => `${v.json}: ${v.meaning}`) ?? [];
  return [`${help.name} (${help.type}${help.onlyWhen ? `, only with ${help.onlyWhen}` : ''}).`, help.meaning, help.summary && `${help.summary}.`, ...values].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------------------
// Where the cursor is in a JSON text that may be only partly typed.

type TokenType = '{' | '}' | '[' | ']' | ':' | ',' | 'string' | 'word';

interface Token {
  type: TokenType;
  from: number;
  to: number;
  /** A string's closing quote is there (else it ran to the end of the line). */
  closed: boolean;
}

/** Splits the text into JSON tokens, leniently: an unterminated string ends at the line's end; anything else is a word. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || /\s/.test(c)) {
      i++;
    } else if (c === '{' || c === '}' || c === '[' || c === ']' || c === ':' || c === ',') {
      tokens.push({ type: c, from: i, to: i + 1, closed: true });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const d = text[j];
        if (d === '\\') j += 2;
        else if (d === '"') {
          j++;
          closed = true;
          break;
        } else if (d === '\n' || d === '\r') break;
        else j++;
      }
      j = Math.min(j, text.length);
      tokens.push({ type: 'string', from: i, to: j, closed });
      i = j;
    } else {
      let j = i + 1;
      while (j < text.length && !/[\s{}[\]:,"]/.test(text[j]!)) j++;
      tokens.push({ type: 'word', from: i, to: j, closed: true });
      i = j;
    }
  }
  return tokens;
}

function stringContent(text: string, token: Token): string {
  const raw = text.slice(token.from, token.to);
  if (token.closed) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw.slice(1);
}

function scalar(text: string, token: Token): unknown {
  if (token.type === 'string') return stringContent(text, token);
  const word = text.slice(token.from, token.to);
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  const n = Number(word);
  return /^-?\d/.test(word) && Number.isFinite(n) ? n : word;
}

/** Where an offset is in a JSON text: what may be typed there, and the document around it. */
export interface JsonPlace {
  /** `key`: a member name goes (or is being typed) here; `value`: a member's value or a list element; `none`: neither (after a key, before its colon, or between elements). */
  kind: 'key' | 'value' | 'none';
  /** For `key`: the path of the object the name belongs to; otherwise the path of the value (for `none`, of the innermost object or list). */
  path: JsonPath;
  /** The string or bare word at the offset, if the offset is in one. */
  token?: { from: number; to: number; quoted: boolean; closed: boolean; text: string };
  /** For `key` with a token: the name typed so far (or in full). */
  key?: string;
  /** For `key` with a token: a colon follows the name. */
  colonAfter: boolean;
  /** Where a comma is missing before the offset (after the previous member or element), if one is. */
  commaAt?: number;
  /** The whole document as far as it could be read, with what follows the offset. */
  document: unknown;
}

interface Frame {
  kind: 'object' | 'list' | 'root';
  path: (string | number)[];
  value: Record<string, unknown> | unknown[] | { root?: unknown };
  expect: 'key' | 'colon' | 'value' | 'comma' | 'done';
  key?: string;
  /** End of the last member or element. */
  lastEnd: number;
}

const MAX_DEPTH = 256;

/**
 * Reads `text` (complete, partial or broken JSON) and says where `offset` is: in or at a
 * member name, in or at a value, or neither, with the path there. `side` says which
 * character a token must hold to count as under the offset: the one before it (typing)
 * or the one after it (a pointer over the text). Never throws.
 */
export function locateJson(text: string, offset: number, side: 'before' | 'after' = 'before'): JsonPlace {
  const tokens = tokenize(text);
  const root: Frame = { kind: 'root', path: [], value: {}, expect: 'value', lastEnd: 0 };
  const stack: Frame[] = [root];
  let place: JsonPlace | undefined;

  const contains = (t: Token): boolean => (side === 'before' ? t.from < offset && offset <= t.to : t.from <= offset && offset < t.to);

  const placeBetween = (f: Frame): JsonPlace => {
    const base = { colonAfter: false, document: undefined };
    if (f.kind === 'object') {
      if (f.expect === 'key') return { ...base, kind: 'key', path: f.path };
      if (f.expect === 'comma') return { ...base, kind: 'key', path: f.path, commaAt: f.lastEnd };
      if (f.expect === 'value' && f.key !== undefined) return { ...base, kind: 'value', path: [...f.path, f.key] };
      return { ...base, kind: 'none', path: f.path };
    }
    if (f.kind === 'list') {
      const length = (f.value as unknown[]).length;
      if (f.expect === 'value') return { ...base, kind: 'value', path: [...f.path, length] };
      return { ...base, kind: 'none', path: f.path };
    }
    return { ...base, kind: f.expect === 'value' ? 'value' : 'none', path: [] };
  };

  const placeIn = (f: Frame, t: Token, index: number): JsonPlace => {
    const token = { from: t.from, to: t.to, quoted: t.type === 'string', closed: t.closed, text: t.type === 'string' ? stringContent(text, t) : text.slice(t.from, t.to) };
    if (f.kind === 'object') {
      if (f.expect === 'value' && f.key !== undefined) return { kind: 'value', path: [...f.path, f.key], token, colonAfter: false, document: undefined };
      return {
        kind: 'key',
        path: f.path,
        token,
        key: token.text,
        colonAfter: tokens[index + 1]?.type === ':',
        ...(f.expect === 'comma' ? { commaAt: f.lastEnd } : {}),
        document: undefined,
      };
    }
    if (f.kind === 'list') {
      const length = (f.value as unknown[]).length;
      return { kind: 'value', path: [...f.path, length], token, colonAfter: false, ...(f.expect === 'comma' ? { commaAt: f.lastEnd } : {}), document: undefined };
    }
    return { kind: f.expect === 'value' ? 'value' : 'none', path: [], token, colonAfter: false, document: undefined };
  };

  /** Stores a value in the frame; returns the path a container value will have. */
  const store = (f: Frame, value: unknown, end: number): (string | number)[] => {
    let path: (string | number)[];
    if (f.kind === 'object') {
      const key = f.key ?? '';
      (f.value as Record<string, unknown>)[key] = value;
      path = [...f.path, key];
    } else if (f.kind === 'list') {
      const list = f.value as unknown[];
      path = [...f.path, list.length];
      list.push(value);
    } else {
      (f.value as { root?: unknown }).root = value;
      path = [];
    }
    f.expect = f.kind === 'root' ? 'done' : 'comma';
    f.lastEnd = end;
    return path;
  };

  const close = (kind: 'object' | 'list', end: number): void => {
    if (!stack.some((f) => f.kind === kind)) return;
    while (stack.length > 1) {
      const f = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.lastEnd = end;
      if (f.kind === kind) return;
    }
  };

  const value = (f: Frame, t: Token): void => {
    if (t.type === '{' || t.type === '[') {
      if (stack.length > MAX_DEPTH) return;
      const container: Record<string, unknown> | unknown[] = t.type === '{' ? {} : [];
      const path = store(f, container, t.to);
      stack.push({ kind: t.type === '{' ? 'object' : 'list', path, value: container, expect: t.type === '{' ? 'key' : 'value', lastEnd: t.to });
    } else {
      store(f, scalar(text, t), t.to);
    }
  };

  tokens.forEach((t, index) => {
    const f = stack[stack.length - 1]!;
    if (!place) {
      if ((t.type === 'string' || t.type === 'word') && contains(t)) place = placeIn(f, t, index);
      else if (offset <= t.from) place = placeBetween(f);
    }
    const scalarToken = t.type === 'string' || t.type === 'word';
    if (t.type === '}') return close('object', t.to);
    if (t.type === ']') return close('list', t.to);
    switch (f.kind === 'root' ? (f.expect === 'value' ? 'value' : 'done') : f.expect) {
      case 'key':
        if (scalarToken) {
          f.key = String(scalar(text, t));
          f.expect = 'colon';
        }
        return;
      case 'colon':
        if (t.type === ':') f.expect = 'value';
        else if (scalarToken) f.key = String(scalar(text, t)); // a missing colon: take the newer name
        else if (t.type === '{' || t.type === '[') value(f, t);
        else if (t.type === ',') f.expect = 'key';
        return;
      case 'value':
        if (scalarToken || t.type === '{' || t.type === '[') value(f, t);
        else if (t.type === ',' && f.kind === 'object') f.expect = 'key';
        return;
      case 'comma':
        if (t.type === ',') f.expect = f.kind === 'object' ? 'key' : 'value';
        else if (f.kind === 'object' && scalarToken) {
          // A missing comma: this is the next member's name.
          f.key = String(scalar(text, t));
          f.expect = 'colon';
        } else if (f.kind === 'list' && (scalarToken || t.type === '{' || t.type === '[')) value(f, t);
        return;
      default:
        return;
    }
  });
  place ??= placeBetween(stack[stack.length - 1]!);
  return { ...place, document: (root.value as { root?: unknown }).root };
}

// ---------------------------------------------------------------------------------------
// What the editor asks: completions at the cursor, and help for the field under a pointer.

/** A change to the text: replace `from`–`to` with `insert`. */
export interface HelpEdit {
  from: number;
  to: number;
  insert: string;
}

/** One entry of the completion list. */
export interface HelpChoice {
  /** The text the typed characters are matched against: a field's name, a value without its quotes. */
  label: string;
  /** What the list shows, when it differs from the label: a string value with its quotes. */
  display?: string;
  /** Shown beside the label: the range, the values, or the type. */
  detail: string;
  kind: 'field' | 'value';
  field?: FieldHelp;
  value?: ValueHelp;
  /** The changes that apply it, in text order, and where the cursor goes after them. */
  changes: HelpEdit[];
  cursor: number;
  /** Open the completion again after applying it: a field whose values are a choice. */
  reopen: boolean;
  /** Ranks required fields and default values first. */
  boost: number;
}

export interface HelpCompletions {
  /** Where the typed text that filters the list starts. */
  from: number;
  choices: HelpChoice[];
}

export interface HelpAt {
  /** The text the help is about (a member name or a value), or an empty range at the cursor. */
  from: number;
  to: number;
  help: FieldHelp;
  /** The help in one sentence, for a screen reader. */
  text: string;
}

/** What a help-giving editor needs; the JSON editor takes any object of this shape. */
export interface EditorHelp {
  /** Completions at `offset`; `explicit` when the reader asked for them (Ctrl-Space), else they were typing. */
  complete(text: string, offset: number, explicit: boolean): HelpCompletions | null;
  /**
   * Help for the member name or value at `offset` (`side`: the character after it, for a
   * pointer; the one before, then after, for a cursor). With `container`, a cursor that is on
   * no name or value gets the help of the field it is inside.
   */
  describe(text: string, offset: number, options?: { side?: 'before' | 'after' | 'either'; container?: boolean }): HelpAt | null;
}

const shorten = (s: string, max = 34): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Where a replaced token ends: a closed token's end, or for an unterminated string the name's characters after the cursor. */
function replaceEnd(text: string, offset: number, token: NonNullable<JsonPlace['token']>): number {
  if (!token.quoted || token.closed) return token.to;
  const rest = /^[\w.$-]*/.exec(text.slice(offset, token.to))?.[0] ?? '';
  return offset + rest.length;
}

function withChanges(changes: HelpEdit[], main: HelpEdit): { changes: HelpEdit[]; cursor: number } {
  const sorted = [...changes].sort((a, b) => a.from - b.from);
  let shift = 0;
  for (const c of sorted) if (c !== main && c.from <= main.from) shift += c.insert.length - (c.to - c.from);
  return { changes: sorted, cursor: main.from + shift + main.insert.length };
}

export function completeScenario(text: string, offset: number, explicit: boolean): HelpCompletions | null {
  const place = locateJson(text, offset, 'before');
  const token = place.token;
  if (!token && !explicit && place.kind === 'key') return null;
  const from = token ? token.from + (token.quoted ? 1 : 0) : offset;
  const replaceFrom = token ? token.from : offset;
  const replaceTo = token ? replaceEnd(text, offset, token) : offset;
  const comma: HelpEdit[] = place.commaAt === undefined ? [] : [{ from: place.commaAt, to: place.commaAt, insert: ',' }];

  if (place.kind === 'key') {
    const current = valueAt(place.document, place.path);
    // The name being typed is offered again, even when it is already in the object.
    const others = isObject(current) ? Object.fromEntries(Object.entries(current).filter(([k]) => k !== place.key)) : current;
    const fields = fieldsAt(place.path, others, place.document);
    if (fields.length === 0) return null;
    return {
      from,
      choices: fields.map((field) => {
        const main = { from: replaceFrom, to: replaceTo, insert: `${JSON.stringify(field.name)}${place.colonAfter ? '' : ': '}` };
        const detail = field.range ?? field.values?.map((v) => v.json).join(' | ') ?? field.type;
        return {
          label: field.name,
          detail: shorten(field.onlyWhen ? `${detail} (${field.onlyWhen.replace(/^"type": /, '')} only)` : detail),
          kind: 'field' as const,
          field,
          ...withChanges([...comma, main], main),
          reopen: !place.colonAfter && (field.values !== undefined || field.type.startsWith('true or false')),
          boost: field.required ? 1 : 0,
        };
      }),
    };
  }

  if (place.kind === 'value') {
    const values = valuesAt(place.path, place.document);
    if (values.length === 0) return null;
    return {
      from,
      choices: values.map((value) => {
        const main = { from: replaceFrom, to: replaceTo, insert: value.json };
        return {
          label: value.label,
          ...(value.label === value.json ? {} : { display: value.json }),
          detail: value.isDefault ? 'default' : '',
          kind: 'value' as const,
          value,
          ...withChanges([...comma, main], main),
          reopen: false,
          boost: value.isDefault ? 1 : 0,
        };
      }),
    };
  }
  return null;
}

export function describeScenario(text: string, offset: number, options: { side?: 'before' | 'after' | 'either'; container?: boolean } = {}): HelpAt | null {
  const side = options.side ?? 'either';
  let place = locateJson(text, offset, side === 'after' ? 'after' : 'before');
  if (!place.token && side === 'either') place = locateJson(text, offset, 'after');
  const found = (path: JsonPath, from: number, to: number): HelpAt | null => {
    const help = helpFor(path, place.document);
    return help ? { from, to, help, text: helpText(help) } : null;
  };
  if (place.token && place.kind === 'key' && place.key !== undefined) {
    const at = found([...place.path, place.key], place.token.from, place.token.to);
    if (at || !options.container) return at;
  } else if (place.token && place.kind === 'value') {
    const at = found(place.path, place.token.from, place.token.to);
    if (at || !options.container) return at;
  }
  if (!options.container) return null;
  // The innermost field the cursor is inside.
  for (let end = place.path.length; end > 0; end--) {
    const at = found(place.path.slice(0, end), offset, offset);
    if (at) return at;
  }
  return null;
}

/** The scenario editor's help, in the shape the JSON editor takes (`help` option). */
export const scenarioHelp: EditorHelp = { complete: completeScenario, describe: describeScenario };
