import { validateWith, type Validated, type ValidationProblem } from '../core/validation.ts';
import { compileFilterCriteria, MAX_FILTERS_QUOTA } from '../filter/compile.ts';
import type { CompiledFilter } from '../filter/types.ts';
import { expectedRecords } from '../producer/rate-profile.ts';
import { ACCOUNT_DEFAULTS, ASSUMPTION_DEFAULTS, EVENT_SOURCE_MAPPING_DEFAULTS, REQUESTS_ASSUMPTIONS, scenarioSchema, type FilterCriteriaSettings, type Scenario } from './schema.ts';

/**
 * The most shard-seconds (shards × ParallelizationFactor × simulated seconds) one run may
 * hold. The engine keeps per-second record counts for each of them, so this bounds memory.
 */
export const MAX_LANE_SECONDS = 20_000_000;

/**
 * The most requests a requests scenario may be expected to hold (its rate profile over its
 * duration). Each request is a few events, so this keeps a run within a few seconds.
 */
export const MAX_REQUESTS = 5_000_000;

/**
 * Checks a scenario written by hand: the schema (names, types, documented ranges) and then
 * the documented rules that tie fields together. Lists every problem found.
 */
export function parseScenario(input: unknown): Validated<Scenario> {
  const checked = validateWith(scenarioSchema, input);
  if (!checked.ok) return checked;
  const problems = crossFieldProblems(checked.value);
  if (problems.length > 0) return { ok: false, problems };
  const s = checked.value;
  // Kinesis's ParallelizationFactor defaults to 1; Kafka and requests have none.
  if (s.source.type !== 'kinesis') return { ok: true, value: s };
  return { ok: true, value: { ...s, eventSourceMapping: { ...s.eventSourceMapping, ParallelizationFactor: s.eventSourceMapping.ParallelizationFactor ?? 1 } } };
}

function problem(path: string, value: unknown, allowed: string): ValidationProblem {
  const shown = value === undefined ? '(missing)' : JSON.stringify(value);
  return { path, value: shown, allowed, message: `${path}: ${shown} ${allowed}` };
}

function crossFieldProblems(s: Scenario): ValidationProblem[] {
  const problems: ValidationProblem[] = [];

  const reserved = s.function.ReservedConcurrentExecutions;
  if (reserved !== null) {
    const most = s.account.ConcurrentExecutions - s.account.UnreservedConcurrentExecutionsMinimum;
    if (reserved > most) {
      problems.push(
        problem(
          'function.ReservedConcurrentExecutions',
          reserved,
          `leaves less than ${s.account.UnreservedConcurrentExecutionsMinimum} of the account's ${s.account.ConcurrentExecutions} unreserved; at most ${Math.max(0, most)} can be reserved`,
        ),
      );
    }
  }

  s.producer.rate.forEach((point, i) => {
    const previous = s.producer.rate[i - 1];
    if (previous && point.at < previous.at) {
      problems.push(problem(`producer.rate.${i}.at`, point.at, `must not be earlier than the point before it (${previous.at})`));
    }
  });

  const spread = s.function.duration.spread;
  if (spread && spread.p99 < spread.p50) {
    problems.push(problem('function.duration.spread.p99', spread.p99, `must be at least p50 (${spread.p50})`));
  }

  const fuel = s.producer.payload?.fuel_remaining;
  if (fuel && fuel.max < fuel.min) {
    problems.push(problem('producer.payload.fuel_remaining.max', fuel.max, `must be at least min (${fuel.min})`));
  }

  const esm = s.eventSourceMapping;
  if (s.source.type === 'requests') {
    problems.push(...requestsProblems(s));
    return problems;
  }
  if (s.source.type === 'kinesis') {
    const pf = esm.ParallelizationFactor ?? 1;
    const laneSeconds = s.source.ShardCount * pf * s.durationSeconds;
    if (laneSeconds > MAX_LANE_SECONDS) {
      problems.push(
        problem(
          'durationSeconds',
          s.durationSeconds,
          `is too long for ${s.source.ShardCount} shards × ParallelizationFactor ${pf}: the scenario is too large to simulate (at most ${MAX_LANE_SECONDS.toLocaleString('en-US')} shard-seconds)`,
        ),
      );
    }
    if (esm.ProvisionedPollerConfig) {
      problems.push(problem('eventSourceMapping.ProvisionedPollerConfig', esm.ProvisionedPollerConfig, 'applies to Kafka event sources only (provisioned mode); remove it for Kinesis'));
    }
  } else {
    const laneSeconds = s.source.partitions * s.durationSeconds;
    if (laneSeconds > MAX_LANE_SECONDS) {
      problems.push(
        problem('durationSeconds', s.durationSeconds, `is too long for ${s.source.partitions} partitions: the scenario is too large to simulate (at most ${MAX_LANE_SECONDS.toLocaleString('en-US')} partition-seconds)`),
      );
    }
    if (esm.ParallelizationFactor !== undefined) {
      problems.push(problem('eventSourceMapping.ParallelizationFactor', esm.ParallelizationFactor, 'applies to Kinesis and DynamoDB streams only; Kafka reads each partition with one poller at a time, so remove it'));
    }
    const pollers = esm.ProvisionedPollerConfig;
    if (pollers && pollers.MaximumPollers < pollers.MinimumPollers) {
      problems.push(problem('eventSourceMapping.ProvisionedPollerConfig.MaximumPollers', pollers.MaximumPollers, `must be at least MinimumPollers (${pollers.MinimumPollers})`));
    }
    // Retry settings, bisecting and partial batch responses exist for Kafka in provisioned mode only.
    if (!pollers) {
      const provisionedOnly: [string, boolean][] = [
        ['eventSourceMapping.MaximumRetryAttempts', esm.MaximumRetryAttempts !== -1],
        ['eventSourceMapping.MaximumRecordAgeInSeconds', esm.MaximumRecordAgeInSeconds !== -1],
        ['eventSourceMapping.BisectBatchOnFunctionError', esm.BisectBatchOnFunctionError],
        ['eventSourceMapping.FunctionResponseTypes', esm.FunctionResponseTypes.length > 0],
        ['eventSourceMapping.DestinationConfig.OnFailure.Destination', esm.DestinationConfig?.OnFailure.Destination.startsWith('kafka://') ?? false],
      ];
      for (const [path, set] of provisionedOnly) {
        if (set) problems.push(problem(path, getPath(s, path), 'needs provisioned mode on Kafka: add eventSourceMapping.ProvisionedPollerConfig'));
      }
    }
  }
  if (s.source.type === 'kinesis' && esm.DestinationConfig?.OnFailure.Destination.startsWith('kafka://')) {
    problems.push(problem('eventSourceMapping.DestinationConfig.OnFailure.Destination', esm.DestinationConfig.OnFailure.Destination, 'is a Kafka topic, which only Kafka event sources can send failures to; use an SQS queue, SNS topic or S3 bucket'));
  }

  const esmFilter = s.eventSourceMapping.FilterCriteria;
  const filterProblems = compileCriteria(esmFilter, 'eventSourceMapping.FilterCriteria', s.account.filtersPerEventSourceMapping, s.source.type);
  problems.push(...filterProblems.problems);
  // The function's own check is code, not a mapping setting: the mapping's filter limit does not apply.
  problems.push(...compileCriteria(s.function.actionable, 'function.actionable', MAX_FILTERS_QUOTA, s.source.type).problems);
  problems.push(...compileCriteria(s.function.failures.poisonPill, 'function.failures.poisonPill', MAX_FILTERS_QUOTA, s.source.type).problems);
  if (!s.producer.payload) {
    if ((s.function.failures.poisonPill?.Filters.length ?? 0) > 0) {
      problems.push(problem('producer.payload', undefined, 'must be given when function.failures.poisonPill is set: the simulator must know what the records contain, e.g. { "type": "telemetry" }'));
    }
    if ((esmFilter?.Filters.length ?? 0) > 0) {
      problems.push(problem('producer.payload', undefined, 'must be given when eventSourceMapping.FilterCriteria is set: the simulator must know what the records contain, e.g. { "type": "telemetry" }'));
    }
    if ((s.function.actionable?.Filters.length ?? 0) > 0) {
      problems.push(problem('producer.payload', undefined, 'must be given when function.actionable is set: the simulator must know what the records contain, e.g. { "type": "telemetry" }'));
    }
  }
  return problems;
}

/**
 * The rules of a requests source (clients invoking the function directly). It has no event
 * source mapping, so a mapping setting would have no effect and is rejected by name; so are
 * the assumptions only the stream runs use. The schema fills defaults in, and a parsed
 * scenario must parse again, so only settings that differ from their defaults count as
 * written. Partition keys, payloads and the record checks written in the filter language
 * describe records of a stream or topic.
 */
function requestsProblems(s: Scenario): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const noMapping = 'has no effect: a requests source has no event source mapping; remove it';
  for (const key of changedFromDefaults(s.eventSourceMapping, EVENT_SOURCE_MAPPING_DEFAULTS)) {
    problems.push(problem(`eventSourceMapping.${key}`, s.eventSourceMapping[key], noMapping));
  }
  if (s.account.filtersPerEventSourceMapping !== ACCOUNT_DEFAULTS.filtersPerEventSourceMapping) {
    problems.push(problem('account.filtersPerEventSourceMapping', s.account.filtersPerEventSourceMapping, noMapping));
  }
  for (const key of changedFromDefaults(s.assumptions, ASSUMPTION_DEFAULTS)) {
    if (REQUESTS_ASSUMPTIONS.includes(key)) continue;
    problems.push(problem(`assumptions.${key}`, s.assumptions[key], 'has no effect: it is an assumption about streams and their event source mappings, which a requests source does not have; remove it'));
  }
  if (s.producer.payload) {
    problems.push(problem('producer.payload', s.producer.payload, 'has no effect: a requests source does not model what requests carry; remove it'));
  }
  if (s.producer.partitionKeys.type !== 'random') {
    problems.push(problem('producer.partitionKeys', s.producer.partitionKeys, 'has no effect: requests go straight to the function, with no shards or partitions for a key to choose; remove it'));
  }
  if (s.function.actionable) {
    problems.push(problem('function.actionable', s.function.actionable, 'applies to records of a stream or topic; a requests source does not model request payloads, so remove it'));
  }
  if (s.function.failures.poisonPill) {
    problems.push(problem('function.failures.poisonPill', s.function.failures.poisonPill, 'applies to records of a stream or topic; a requests source does not model request payloads (use function.failures.errorRate), so remove it'));
  }
  const expected = expectedRecords(s.producer, s.durationSeconds);
  if (expected > MAX_REQUESTS) {
    problems.push(
      problem(
        'durationSeconds',
        s.durationSeconds,
        `is too long for producer.rate: about ${Math.round(expected).toLocaleString('en-US')} requests expected, and a requests scenario may hold at most ${MAX_REQUESTS.toLocaleString('en-US')} (lower the rate or the duration)`,
      ),
    );
  }
  return problems;
}

/** The keys of `value` whose value is set and differs from `defaults` (compared as JSON). */
function changedFromDefaults<T extends object>(value: T, defaults: Readonly<T>): (keyof T & string)[] {
  return (Object.keys(value) as (keyof T & string)[]).filter((key) => value[key] !== undefined && JSON.stringify(value[key]) !== JSON.stringify(defaults[key]));
}

/**
 * Compiles a FilterCriteria of the scenario as Lambda checks it when a mapping is created,
 * with each problem's path starting at the scenario's field.
 */
export function compileCriteria(
  criteria: FilterCriteriaSettings | undefined,
  at: string,
  maxFilters: number,
  source: 'kinesis' | 'kafka',
): { filter: CompiledFilter | undefined; problems: ValidationProblem[] } {
  if (!criteria || criteria.Filters.length === 0) return { filter: undefined, problems: [] };
  const compiled = compileFilterCriteria(criteria, { source, maxFilters });
  if (compiled.ok) return { filter: compiled.filter, problems: [] };
  return {
    filter: undefined,
    problems: compiled.problems.map((p) => {
      const path = `${at}.${p.path}`;
      return { ...p, path, message: `${path}: ${p.value} ${p.allowed}` };
    }),
  };
}

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}
