import { binomial, createRandom, type Random } from '../core/random.ts';
import { MAX_FILTERS_QUOTA } from '../filter/compile.ts';
import { matches } from '../filter/match.ts';
import type { CompiledFilter } from '../filter/types.ts';
import type { StreamLog } from '../kinesis/stream-log.ts';
import { decodedTelemetrySample } from '../producer/telemetry-settings.ts';
import { compileCriteria } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { FilteringReport } from '../simulation/result.ts';

/**
 * The shares of records that the mapping's filter keeps and that the function's code acts
 * on, found by trying the filters on a sample of generated payloads.
 */
export interface RecordShares {
  /** Share of all records that pass the mapping's FilterCriteria (1 without one). */
  kept: number;
  /** Of the kept records, the share the function acts on (0 when nothing is actionable). */
  actionableOfKept: number;
  /** Of the kept records, the share that makes any batch holding one fail (poison pills). */
  poisonOfKept: number;
}

/**
 * Tries the mapping's filter and the function's own check on sample payloads, decoded as a
 * filter sees them (`decodePayload`). A payload that is not JSON fails both, as Lambda drops
 * non-JSON Kinesis data whenever a filter is set.
 */
export function measureShares(
  payloads: readonly unknown[],
  tests: { mappingFilter?: CompiledFilter | undefined; actionable?: CompiledFilter | undefined; poison?: CompiledFilter | undefined },
): RecordShares {
  let kept = 0;
  let acted = 0;
  let poison = 0;
  // Each filter sees the payload under its source's key: `data` for Kinesis, `value` for Kafka.
  const test = (filter: CompiledFilter, payload: unknown) => matches(filter, { [filter.dataKey]: payload });
  for (const payload of payloads) {
    if (tests.mappingFilter && !test(tests.mappingFilter, payload)) continue;
    kept++;
    if (tests.actionable && test(tests.actionable, payload)) acted++;
    if (tests.poison && test(tests.poison, payload)) poison++;
  }
  return {
    kept: payloads.length > 0 ? kept / payloads.length : 1,
    actionableOfKept: kept > 0 ? acted / kept : 0,
    poisonOfKept: kept > 0 ? poison / kept : 0,
  };
}

/**
 * The record classes of a run: undefined when the scenario sets no mapping filter, no
 * actionable check and no poison pills (then every record is kept, none acted on or poison).
 */
export function classifyRecords(scenario: Scenario, log: StreamLog): RecordClasses | undefined {
  const source = scenario.source.type;
  // Requests carry no payloads to classify (the scenario's rules reject filters there).
  if (source === 'requests') return undefined;
  const mappingFilter = compileCriteria(scenario.eventSourceMapping.FilterCriteria, 'eventSourceMapping.FilterCriteria', scenario.account.filtersPerEventSourceMapping, source).filter;
  const actionable = compileCriteria(scenario.function.actionable, 'function.actionable', MAX_FILTERS_QUOTA, source).filter;
  const poison = compileCriteria(scenario.function.failures.poisonPill, 'function.failures.poisonPill', MAX_FILTERS_QUOTA, source).filter;
  if (!mappingFilter && !actionable && !poison) return undefined;
  const size = scenario.assumptions.payloadSampleSize;
  const shares = measureShares(decodedTelemetrySample(scenario.producer.payload, scenario.seed, size), { mappingFilter, actionable, poison });
  // Its own stream of randomness, so that adding a filter leaves the traffic unchanged.
  return new RecordClasses(log, shares, createRandom((scenario.seed ^ 0x2545f491) >>> 0), size);
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
  /** The same for records both kept and poison. */
  private readonly poison: Int32Array;
  private readonly width: number;

  constructor(
    private readonly log: StreamLog,
    readonly shares: RecordShares,
    random: Random,
    /** How many sample payloads the shares were measured on. */
    readonly sampleSize = 0,
  ) {
    const seconds = log.seconds;
    const lanes = log.shardCount * log.lanesPerShard;
    this.width = seconds + 1;
    this.kept = new Int32Array(lanes * this.width);
    this.actionable = new Int32Array(lanes * this.width);
    this.poison = new Int32Array(lanes * this.width);
    for (let lane = 0; lane < lanes; lane++) {
      const base = lane * this.width;
      for (let s = 0; s < seconds; s++) {
        const n = log.inSecond(lane, s);
        const k = binomial(random, n, shares.kept);
        const a = binomial(random, k, shares.actionableOfKept);
        const p = binomial(random, k, shares.poisonOfKept);
        this.kept[base + s + 1] = (this.kept[base + s] as number) + k;
        this.actionable[base + s + 1] = (this.actionable[base + s] as number) + a;
        this.poison[base + s + 1] = (this.poison[base + s] as number) + p;
      }
    }
  }

  /** The shares, and the poison records among each lane's first `written(lane)` records. */
  report(written: (lane: number) => number): FilteringReport {
    let poisonRecords = 0;
    for (let lane = 0; lane < this.log.shardCount * this.log.lanesPerShard; lane++) poisonRecords += this.poisonBefore(lane, written(lane));
    return {
      sampleSize: this.sampleSize,
      keptShare: this.shares.kept,
      actionableShareOfKept: this.shares.actionableOfKept,
      poisonShareOfKept: this.shares.poisonOfKept,
      poisonRecords,
    };
  }

  /** Kept records among the lane's first `index` records. */
  keptBefore(lane: number, index: number): number {
    const base = lane * this.width;
    const s = this.log.secondOf(lane, index);
    if (s >= this.log.seconds) return this.kept[base + this.log.seconds] as number;
    const n = this.log.inSecond(lane, s);
    const k = (this.kept[base + s + 1] as number) - (this.kept[base + s] as number);
    return (this.kept[base + s] as number) + spread(index - this.log.countBefore(lane, s), k, n);
  }

  /** Kept and actionable records among the lane's first `index` records. */
  actionableBefore(lane: number, index: number): number {
    return this.subclassBefore(this.actionable, lane, index);
  }

  /** Kept and poison records among the lane's first `index` records. */
  poisonBefore(lane: number, index: number): number {
    return this.subclassBefore(this.poison, lane, index);
  }

  /** Index (among all the lane's records) of its kept record number `ordinal` (0-based); Infinity when there is none. */
  indexOfKept(lane: number, ordinal: number): number {
    const s = this.secondHolding(this.kept, lane, ordinal);
    if (s < 0) return Infinity;
    const base = lane * this.width;
    const k = (this.kept[base + s + 1] as number) - (this.kept[base + s] as number);
    return this.log.countBefore(lane, s) + position(ordinal - (this.kept[base + s] as number), k, this.log.inSecond(lane, s));
  }

  /** Index (among all the lane's records) of its poison record number `ordinal` (0-based); Infinity when there is none. */
  indexOfPoison(lane: number, ordinal: number): number {
    const s = this.secondHolding(this.poison, lane, ordinal);
    if (s < 0) return Infinity;
    const base = lane * this.width;
    const p = (this.poison[base + s + 1] as number) - (this.poison[base + s] as number);
    const k = (this.kept[base + s + 1] as number) - (this.kept[base + s] as number);
    return this.indexOfKept(lane, (this.kept[base + s] as number) + position(ordinal - (this.poison[base + s] as number), p, k));
  }

  /**
   * Records of a class of kept records (actionable, poison) among the lane's first `index`:
   * within a second, the class is spread evenly over the second's kept records, so a
   * poison or actionable record is always a kept one.
   */
  private subclassBefore(counts: Int32Array, lane: number, index: number): number {
    const base = lane * this.width;
    const s = this.log.secondOf(lane, index);
    if (s >= this.log.seconds) return counts[base + this.log.seconds] as number;
    const k = (this.kept[base + s + 1] as number) - (this.kept[base + s] as number);
    const c = (counts[base + s + 1] as number) - (counts[base + s] as number);
    return (counts[base + s] as number) + spread(this.keptBefore(lane, index) - (this.kept[base + s] as number), c, k);
  }

  /** The second whose records hold class member number `ordinal`, or -1 when there is none. */
  private secondHolding(counts: Int32Array, lane: number, ordinal: number): number {
    const base = lane * this.width;
    const seconds = this.log.seconds;
    if (ordinal >= (counts[base + seconds] as number)) return -1;
    let lo = 0;
    let hi = seconds - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((counts[base + mid] as number) <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Spreading c members evenly over n places: how many of them are among the first w places,
 * round(w × c / n) in whole numbers.
 */
function spread(w: number, c: number, n: number): number {
  return n > 0 ? Math.floor((2 * w * c + n) / (2 * n)) : 0;
}

/** The place (0-based) of member number t (0-based) when c members are spread over n places: the inverse of `spread`. */
function position(t: number, c: number, n: number): number {
  return Math.ceil((n * (2 * t + 1)) / (2 * c)) - 1;
}
