import type { Random } from '../core/random.ts';
import type { FunctionSettings } from '../scenario/schema.ts';

/** Memory at which a function has the equivalent of one vCPU. */
export const MEMORY_PER_VCPU_MB = 1_769;

/** z-score of the 99th percentile of a standard normal distribution. */
const Z99 = 2.3263478740408408;

/**
 * How long one invocation of the function takes, in milliseconds.
 *
 * The scenario gives baseMs + perRecordMs × records, measured at some MemorySize. Lambda
 * allocates CPU in proportion to memory, so when the function's MemorySize differs from
 * the measured one, the CPU-bound share of that time scales by the ratio of CPU power.
 * Assumption: the handler is single-threaded, so CPU power stops growing at one vCPU
 * (1,769 MB). A spread, when given, multiplies the result by a lognormal factor with the
 * stated median (p50) and 99th percentile (p99).
 */
export class FunctionModel {
  private readonly scale: number;
  private readonly spread: { mu: number; sigma: number } | undefined;

  constructor(private readonly settings: FunctionSettings) {
    const d = settings.duration;
    const measuredAt = d.measuredAtMemorySize ?? settings.MemorySize;
    const speedup = cpuPower(measuredAt) / cpuPower(settings.MemorySize);
    this.scale = 1 - d.cpuBoundShare + d.cpuBoundShare * speedup;
    if (d.spread) {
      const mu = Math.log(d.spread.p50);
      this.spread = { mu, sigma: Math.max(0, (Math.log(d.spread.p99) - mu) / Z99) };
    }
  }

  /**
   * Handler time for a batch of `records`, `actionable` of which the code acts on, before any
   * timeout; draws from `random` only with a spread.
   */
  durationMs(records: number, actionable: number, random: Random): number {
    const d = this.settings.duration;
    const perActionable = d.perActionableRecordMs ?? d.perRecordMs;
    let ms = (d.baseMs + d.perRecordMs * (records - actionable) + perActionable * actionable) * this.scale;
    if (this.spread) ms *= Math.exp(this.spread.mu + this.spread.sigma * random.normal());
    return ms;
  }

  /** The configured timeout in milliseconds. */
  get timeoutMs(): number {
    return this.settings.Timeout * 1000;
  }

  /** Init time of a new execution environment, in milliseconds. */
  get coldStartMs(): number {
    return this.settings.duration.coldStartMs;
  }
}

/** Relative CPU power at a memory size, for a single-threaded handler. */
function cpuPower(memoryMb: number): number {
  return Math.min(memoryMb, MEMORY_PER_VCPU_MB);
}
