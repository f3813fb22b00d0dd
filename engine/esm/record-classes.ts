import { binomial, type Random } from '../core/random.ts';
import { matches } from '../filter/match.ts';
import type { CompiledFilter } from '../filter/types.ts';
import type { StreamLog } from '../kinesis/stream-log.ts';

/**
 * The shares of records that the mapping's filter keeps and that the function's code acts
 * on, found by trying the filters on a sample of generated payloads.
 */
export interface RecordShares {
  /** Share of all records that pass the mapping's FilterCriteria (1 without one). */
  kept: number;
  /** Of the kept records, the share the function acts on (0 when nothing is actionable). */
  actionableOfKept: number;
}

/**
 * Tries the mapping's filter and the function's own check on sample payloads, decoded as a
 * filter sees them (`decodePayload`). A payload that is not JSON fails both, as Lambda drops
 * non-JSON Kinesis data whenever a filter is set.
 */
export function measureShares(payloads: readonly unknown[], mappingFilter: CompiledFilter | undefined, actionable: CompiledFilter | undefined): RecordShares {
  let kept = 0;
  let acted = 0;
  for (const data of payloads) {
    const event = { data };
    if (mappingFilter && !matches(mappingFilter, event)) continue;
    kept++;
    if (actionable && matches(actionable, event)) acted++;
  }
  return { kept: payloads.length > 0 ? kept / payloads.length : 1, actionableOfKept: kept > 0 ? acted / kept : 0 };
}

/**
 * Which records of each lane the mapping keeps and which of those the function acts on.
 *
 * Payloads are not generated record by record (a 30-minute run holds millions): each
 * second of each lane gets binomial counts of kept and actionable records from the shares,
 * and within a second those records are spread evenly among the others, as arrivals are.
 * Counts are cumulative per lane, like the stream log's, so any range of records can be
 * classified in constant time after one binary search.
 */
export class RecordClasses {
  /** kept[lane * (seconds + 1) + s]: kept records of the lane that arrived before second s. */
  private readonly kept: Int32Array;
  /** The same for records both kept and actionable. */
  private readonly actionable: Int32Array;
  private readonly width: number;

  constructor(
    private readonly log: StreamLog,
    shares: RecordShares,
    random: Random,
  ) {
    const seconds = log.seconds;
    const lanes = log.shardCount * log.lanesPerShard;
    this.width = seconds + 1;
    this.kept = new Int32Array(lanes * this.width);
    this.actionable = new Int32Array(lanes * this.width);
    for (let lane = 0; lane < lanes; lane++) {
      const base = lane * this.width;
      for (let s = 0; s < seconds; s++) {
        const n = log.inSecond(lane, s);
        const k = binomial(random, n, shares.kept);
        const a = binomial(random, k, shares.actionableOfKept);
        this.kept[base + s + 1] = (this.kept[base + s] as number) + k;
        this.actionable[base + s + 1] = (this.actionable[base + s] as number) + a;
      }
    }
  }

  /** Kept records among the lane's first `index` records. */
  keptBefore(lane: number, index: number): number {
    return this.classBefore(this.kept, lane, index);
  }

  /** Kept and actionable records among the lane's first `index` records. */
  actionableBefore(lane: number, index: number): number {
    return this.classBefore(this.actionable, lane, index);
  }

  /** Index (among all the lane's records) of its kept record number `ordinal` (0-based); Infinity when there is none. */
  indexOfKept(lane: number, ordinal: number): number {
    const base = lane * this.width;
    const seconds = this.log.seconds;
    if (ordinal >= (this.kept[base + seconds] as number)) return Infinity;
    let lo = 0;
    let hi = seconds - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.kept[base + mid] as number) <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    const t = ordinal - (this.kept[base + lo] as number);
    const k = (this.kept[base + lo + 1] as number) - (this.kept[base + lo] as number);
    const n = this.log.inSecond(lane, lo);
    // The smallest w whose first w records of the second hold t + 1 kept ones (see classBefore).
    const w = Math.ceil((n * (2 * t + 1)) / (2 * k));
    return this.log.countBefore(lane, lo) + w - 1;
  }

  /**
   * Records of one class among the lane's first `index`. Within a second of n records of
   * which c are of the class, the first w hold round(w × c / n) of them.
   */
  private classBefore(counts: Int32Array, lane: number, index: number): number {
    const base = lane * this.width;
    const s = this.log.secondOf(lane, index);
    if (s >= this.log.seconds) return counts[base + this.log.seconds] as number;
    const n = this.log.inSecond(lane, s);
    const c = (counts[base + s + 1] as number) - (counts[base + s] as number);
    const w = index - this.log.countBefore(lane, s);
    return (counts[base + s] as number) + Math.floor((2 * w * c + n) / (2 * n));
  }
}
