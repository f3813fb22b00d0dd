/**
 * Decides whether a function may start one more execution environment: the concurrency
 * it may use (reserved, or what the account leaves unreserved) and the per-function
 * scaling rate of 1,000 new environments every 10 seconds, refilled continuously.
 */

/** Documented scaling rate: new execution environments per 10 seconds, per function. */
export const SCALING_ENVIRONMENTS_PER_10_SECONDS = 1_000;

/** Per period: environments created, and what the scaling rate had in hand at the period's start. */
interface ScalingTally {
  periodSeconds: number;
  endSeconds: number;
  created: Float64Array;
  startTokens: Float64Array;
  /** Index of the next period whose start has not been tallied yet. */
  next: number;
}

export class ConcurrencyControl {
  private tokens: number;
  private tokensAt = 0;
  private tally: ScalingTally | undefined;
  /** Start of the next period to tally; Infinity when nothing is tallied, so refills pay one comparison. */
  private nextBoundary = Infinity;

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
    const tally = this.tally;
    if (tally) {
      const p = Math.min(tally.created.length - 1, Math.floor(now / tally.periodSeconds));
      tally.created[p] = (tally.created[p] as number) + 1;
    }
  }

  /**
   * Starts counting, per period of `periodSeconds` up to `endSeconds`, the environments
   * created and the most the scaling rate allowed (see `scalingUse`). Call before any spend.
   */
  tallyPeriods(periodSeconds: number, endSeconds: number): void {
    const periods = Math.max(1, Math.ceil(endSeconds / periodSeconds - 1e-9));
    const startTokens = new Float64Array(periods);
    startTokens[0] = this.tokens;
    this.tally = { periodSeconds, endSeconds, created: new Float64Array(periods), startTokens, next: 1 };
    this.nextBoundary = periods > 1 ? periodSeconds : Infinity;
  }

  /**
   * Per tallied period: its start, the environments created in it, and the most the scaling
   * rate would have let it create: the units in hand at its start plus the refill over its
   * length (spending each unit as it comes, the bucket never overflows). Periods not yet
   * reached are projected from the units in hand now.
   */
  scalingUse(): { t: number; newEnvironments: number; allowedNewEnvironments: number }[] {
    const tally = this.tally;
    if (!tally) return [];
    const out = [];
    for (let p = 0; p < tally.created.length; p++) {
      const start = p * tally.periodSeconds;
      const length = Math.min(tally.periodSeconds, tally.endSeconds - start);
      const inHand = p < tally.next ? (tally.startTokens[p] as number) : this.unitsAt(start);
      out.push({ t: start, newEnvironments: tally.created[p] as number, allowedNewEnvironments: Math.floor(inHand + this.perSecond * length) });
    }
    return out;
  }

  private refill(now: number): void {
    // Tally the periods that began since the last refill, with the units in hand then.
    while (now >= this.nextBoundary) this.tallyBoundary();
    if (now <= this.tokensAt) return;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.tokensAt) * this.perSecond);
    this.tokensAt = now;
  }

  private tallyBoundary(): void {
    const tally = this.tally as ScalingTally;
    tally.startTokens[tally.next] = this.unitsAt(this.nextBoundary);
    tally.next++;
    this.nextBoundary = tally.next < tally.created.length ? tally.next * tally.periodSeconds : Infinity;
  }

  /** Units in hand at `t` (not before the last refill), if nothing is spent until then. */
  private unitsAt(t: number): number {
    return Math.min(this.burst, this.tokens + Math.max(0, t - this.tokensAt) * this.perSecond);
  }
}

/** The concurrency one function may use, from its reservation or the account's unreserved pool. */
export function functionConcurrencyLimit(account: { ConcurrentExecutions: number; otherFunctionsConcurrency: number }, reserved: number | null): number {
  if (reserved !== null) return reserved;
  return Math.max(0, account.ConcurrentExecutions - account.otherFunctionsConcurrency);
}
