/**
 * The public API of the streaming engine. Everything outside engine/ (the site's islands,
 * the CLI, the tests) imports from here and nowhere else.
 */
export { createRandom, type Random } from './core/random.ts';
export { EventQueue } from './core/event-queue.ts';
export { formatProblems, type ValidationProblem, type Validated } from './core/validation.ts';
export type { GaugeDatapoint, CountDatapoint } from './metrics/recorder.ts';
export {
  concurrencyParamsSchema,
  parseConcurrencyParams,
  MAX_ARRIVALS,
  type ConcurrencyInput,
  type ConcurrencyParams,
} from './lambda/concurrency-params.ts';
export {
  simulateConcurrency,
  littlesLaw,
  type ConcurrencyResult,
  type ConcurrencySummary,
  type EnvironmentFrame,
} from './lambda/concurrency-simulation.ts';
