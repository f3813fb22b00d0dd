import { z } from 'zod';
import { rangedNumber, validateWith, type Validated } from '../core/validation.ts';

/**
 * The inputs of the concurrency experiment: requests arrive at a steady average rate and
 * each takes a fixed time, served by one function's execution environments.
 */
export const concurrencyParamsSchema = z.strictObject({
  /** Average arrival rate. */
  requestsPerSecond: rangedNumber(0.1, 10_000, 'requests per second'),
  /** Time the handler takes for one request, cold start excluded (what the Duration metric reports). */
  durationMs: rangedNumber(1, 900_000, 'ms'),
  /** Length of the simulated run. */
  runSeconds: rangedNumber(1, 3_600, 'seconds'),
  /** Seed of the random arrivals: the same seed gives the same run. */
  seed: rangedNumber(0, 4_294_967_295, '', { integer: true }).default(1),
  /** `poisson`: independent arrivals (realistic); `even`: exactly 1 / rate apart. */
  arrivals: z.enum(['poisson', 'even'], { error: 'must be "poisson" or "even"' }).default('poisson'),
  /**
   * Extra time a new environment spends initializing before it runs the request.
   * Assumption: AWS documents only the 10 s ceiling of the Init phase, not a typical value.
   */
  coldStartMs: rangedNumber(0, 10_000, 'ms').default(250),
  /**
   * How long an idle environment is kept before Lambda reclaims it.
   * Assumption: AWS documents no number; 300 s is a middle-of-the-road choice.
   */
  idleLifetimeSeconds: rangedNumber(1, 7_200, 'seconds').default(300),
  /** Concurrency available to the function (the account's default quota is 1,000). */
  concurrencyLimit: rangedNumber(1, 100_000, 'concurrent executions', { integer: true }).default(1_000),
  /** Length of one metric period. */
  periodSeconds: rangedNumber(1, 60, 'seconds', { integer: true }).default(1),
  /** How often the environments are pictured for the environment view. */
  frameEverySeconds: rangedNumber(0.1, 600, 'seconds').default(2),
});

/** Concurrency experiment inputs, as written by a reader (defaults may be left out). */
export type ConcurrencyInput = z.input<typeof concurrencyParamsSchema>;
/** Concurrency experiment inputs with every default filled in. */
export type ConcurrencyParams = z.output<typeof concurrencyParamsSchema>;

/** Most arrivals one run may simulate, so that a typo cannot freeze a browser tab. */
export const MAX_ARRIVALS = 2_000_000;

/** Checks reader input, filling in defaults, and lists every problem found. */
export function parseConcurrencyParams(input: unknown): Validated<ConcurrencyParams> {
  const checked = validateWith(concurrencyParamsSchema, input);
  if (!checked.ok) return checked;
  const expected = checked.value.requestsPerSecond * checked.value.runSeconds;
  if (expected > MAX_ARRIVALS) {
    const allowed = `gives ${Math.round(expected).toLocaleString('en-US')} requests; a run may have at most ${MAX_ARRIVALS.toLocaleString('en-US')} (lower the rate or the run length)`;
    return {
      ok: false,
      problems: [{ path: 'requestsPerSecond', value: String(checked.value.requestsPerSecond), allowed, message: `requestsPerSecond × runSeconds ${allowed}` }],
    };
  }
  return checked;
}
