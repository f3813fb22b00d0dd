/**
 * The public API of the streaming engine. Everything outside engine/ (the site's islands,
 * the CLI, the tests) imports from here and nowhere else.
 */

// Running scenarios
export { simulate, createRun, ScenarioError, ScenarioTooLargeError, MAX_EVENTS_PER_RUN, type Run, type RunOptions } from './simulation/run.ts';
export type { InvocationTrace } from './simulation/kinesis-run.ts';
export type { SimulationResult, Summary, Ledger, MetricsByNamespace, Namespace, FilteringReport, PollerChange, RunFrame, ScalingPeriod } from './simulation/result.ts';
export { parseScenario, MAX_LANE_SECONDS, MAX_REQUESTS } from './scenario/parse.ts';
export { scenarioSchema, MAX_RATE_POINTS, type Scenario, type ScenarioInput, type SourceType } from './scenario/schema.ts';

// Pictures of a run (the `frameEverySeconds` option)
export { MAX_PICTURED_LANES, MAX_RUN_FRAMES, MIN_FRAME_SECONDS } from './simulation/frames.ts';
export { MAX_PICTURED_ENVIRONMENTS, type EnvironmentPicture } from './lambda/environment-pool.ts';

// What records carry, and what a run costs
export { telemetryRecords } from './producer/telemetry.ts';
export { sampleTelemetry, telemetrySettings } from './producer/telemetry-settings.ts';
export type { TelemetryInput, TelemetryPayload } from './scenario/schema.ts';
export { PRICES, type Architecture } from './cost/prices.ts';
export { priceUsage, type CostReport, type CostLine, type Usage } from './cost/bill.ts';

// Event filtering: Lambda's FilterCriteria language
export {
  compileFilterCriteria,
  matches,
  matchesPayload,
  decodePayload,
  parseJsonText,
  stringifyJson,
  DEFAULT_MAX_FILTERS,
  MAX_FILTERS_QUOTA,
  MAX_PATTERN_LENGTH,
  SUPPORTED_OPERATORS,
  type CompiledFilter,
  type CompileResult,
  type FilterOptions,
  type FilterSource,
} from './filter/index.ts';

// Building blocks, for tests and for islands that explain one mechanism
export { createRandom, poisson, binomial, type Random } from './core/random.ts';
export { EventQueue } from './core/event-queue.ts';
export { formatProblems, type ValidationProblem, type Validated } from './core/validation.ts';
export type { Datapoint, GaugeDatapoint } from './metrics/recorder.ts';
export { recoveryAfterRise, type Recovery } from './metrics/recovery.ts';
export { bindingLimits, type LimitUse } from './metrics/binding-limit.ts';
export { batchingWindowSeconds, type BatchTrigger, type BatchTriggerCounts, type BatchTriggerPeriod, type BatchingReport } from './esm/batching.ts';
