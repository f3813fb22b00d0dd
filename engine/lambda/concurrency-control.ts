/**
 * Decides whether a function may start one more execution environment: the concurrency
 * it may use (reserved, or what the account leaves unreserved) and the per-function
 * scaling rate of 1,000 new environments every 10 seconds, refilled continuously.
 */

/** Documented scaling rate: new execution environments per 10 seconds, per function. */
export const SCALING_ENVIRONMENTS_PER_10_SECONDS = 1_000;

export class ConcurrencyControl {
  private tokens: number;
  private tokensAt = 0;

  /**
   * @param limit concurrent executions the function may reach
   * @param burst new environments that may be created at once; the rate refills up to it
   */
  constructor(
    readonly limit: number,
    private readonly burst = SCALING_ENVIRONMENTS_PER_10_SECONDS,
    private readonly perSecond = SCALING_ENVIRONMENTS_PER_10_SECONDS / 10,
  ) {
    // Assumption: the rate starts full, so a function can add 1,000 environments at once.
    this.tokens = burst;
  }

  /** Why a new environment cannot be created now, or undefined when it can. */
  refusal(now: number, concurrency: number): 'concurrency-limit' | 'scaling-rate' | undefined {
    if (concurrency >= this.limit) return 'concurrency-limit';
    this.refill(now);
    if (this.tokens < 1) return 'scaling-rate';
    return undefined;
  }

  /** Spends one unit of scaling rate on a new environment. Call after `refusal` returned undefined. */
  spend(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    if (now <= this.tokensAt) return;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.tokensAt) * this.perSecond);
    this.tokensAt = now;
  }
}

/** The concurrency one function may use, from its reservation or the account's unreserved pool. */
export function functionConcurrencyLimit(account: { ConcurrentExecutions: number; otherFunctionsConcurrency: number }, reserved: number | null): number {
  if (reserved !== null) return reserved;
  return Math.max(0, account.ConcurrentExecutions - account.otherFunctionsConcurrency);
}
