import { poisson, type Random } from '../core/random.ts';
import { shardWriteLimit } from './limits.ts';

/**
 * What was written to each shard, second by second, after write throttling.
 *
 * Records are not stored one by one: the log keeps, for every lane of every shard, how
 * many records arrived in each whole second. A lane is the share of a shard's partition
 * keys that one of the mapping's ParallelizationFactor concurrent batches handles, so the
 * order of records within a lane is the order per partition key. Within a second, the k-th
 * of n records arrives at s + (k + 0.5) / n.
 */
export class StreamLog {
  constructor(
    readonly shardCount: number,
    readonly lanesPerShard: number,
    readonly seconds: number,
    readonly recordSizeBytes: number,
    /**
     * cumulative[lane * (seconds + 1) + s]: records of the lane that arrived before second
     * s. One array holds everything (the records of second s are the difference of two
     * neighbours): runs allocate it afresh, and fresh memory costs page faults. Whole
     * numbers that fit 32 bits, since a shard takes at most 1,000 records a second.
     */
    private readonly cumulative: Int32Array,
    /** Per second, over the whole stream. */
    readonly writtenPerSecond: Float64Array,
    readonly throttledPerSecond: Float64Array,
  ) {
    this.lastSecond = new Int32Array(shardCount * lanesPerShard);
  }

  /** Per lane, the second `secondOf` found last: a hint for the next question. */
  private readonly lastSecond: Int32Array;

  /** The global index of a lane of a shard. */
  laneIndex(shard: number, lane: number): number {
    return shard * this.lanesPerShard + lane;
  }

  /** Records of a lane that have arrived by time t (inclusive). */
  arrivedBy(lane: number, t: number): number {
    if (t <= 0) return 0;
    const width = this.seconds + 1;
    if (t >= this.seconds) return this.cumulative[lane * width + this.seconds] as number;
    const s = Math.floor(t);
    const before = this.cumulative[lane * width + s] as number;
    const n = (this.cumulative[lane * width + s + 1] as number) - before;
    // The tiny epsilon makes a record count as arrived at exactly its own arrival time,
    // whatever the rounding of (k + 0.5) / n.
    const inSecond = Math.min(n, Math.max(0, Math.floor((t - s) * n + 0.5 + 1e-9)));
    return before + inSecond;
  }

  /** Arrival time of a lane's record number `index` (0-based); Infinity when never written. */
  arrivalTime(lane: number, index: number): number {
    const s = this.secondOf(lane, index);
    if (s >= this.seconds) return Infinity;
    const base = lane * (this.seconds + 1);
    const before = this.cumulative[base + s] as number;
    const n = (this.cumulative[base + s + 1] as number) - before;
    return s + (index - before + 0.5) / n;
  }

  /**
   * The second in which a lane's record number `index` arrived (0-based), found by binary
   * search; `seconds` when the lane has no such record.
   */
  secondOf(lane: number, index: number): number {
    const width = this.seconds + 1;
    const base = lane * width;
    const c = this.cumulative;
    if (index >= (c[base + this.seconds] as number)) return this.seconds;
    // Questions about a lane cluster around where it is being read: try the second found
    // last time and the next one before searching.
    const guess = this.lastSecond[lane] as number;
    if ((c[base + guess] as number) <= index) {
      if (index < (c[base + guess + 1] as number)) return guess;
      if (index < (c[base + guess + 2] as number)) {
        // The next second holds it unless that second is empty; the search settles those.
        if ((c[base + guess + 1] as number) <= index) return (this.lastSecond[lane] = guess + 1);
      }
    }
    let lo = 0;
    let hi = this.seconds - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((c[base + mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    this.lastSecond[lane] = lo;
    return lo;
  }

  /** Records of a lane that arrived before whole second s. */
  countBefore(lane: number, s: number): number {
    return this.cumulative[lane * (this.seconds + 1) + Math.max(0, Math.min(s, this.seconds))] as number;
  }

  /** Every record of a lane ever written. */
  totalOf(lane: number): number {
    return this.cumulative[lane * (this.seconds + 1) + this.seconds] as number;
  }

  /** Records written to the lane during whole second s. */
  inSecond(lane: number, s: number): number {
    if (s < 0 || s >= this.seconds) return 0;
    const i = lane * (this.seconds + 1) + s;
    return (this.cumulative[i + 1] as number) - (this.cumulative[i] as number);
  }
}

export interface WriteSettings {
  shardCount: number;
  lanesPerShard: number;
  recordSizeBytes: number;
  /** Share of all records carried by one hot partition key (0 when keys are random). */
  hotShare: number;
  /** Records a shard (partition) accepts per second; Kinesis's documented limit when absent. */
  recordsPerShardSecond?: number;
}

/**
 * Writes the producer's records into the stream. Each second, every lane receives a
 * Poisson-distributed count (records with random keys arrive independently); a hot key's
 * records all go to lane 0 of shard 0, as one key always hashes to one shard and one lane.
 * A shard accepts at most its write limit per second; the excess is rejected, taken from
 * its lanes in proportion to what each sent.
 */
export function writeToStream(rates: Float64Array, settings: WriteSettings, random: Random): StreamLog {
  const { shardCount, lanesPerShard, recordSizeBytes, hotShare } = settings;
  const seconds = rates.length;
  const lanes = shardCount * lanesPerShard;
  const width = seconds + 1;
  const cumulative = new Int32Array(lanes * width);
  const writtenPerSecond = new Float64Array(seconds);
  const throttledPerSecond = new Float64Array(seconds);
  const limit = settings.recordsPerShardSecond ?? shardWriteLimit(recordSizeBytes);
  const sent = new Float64Array(lanesPerShard);

  for (let s = 0; s < seconds; s++) {
    const rate = rates[s] as number;
    const perLaneMean = (rate * (1 - hotShare)) / lanes;
    for (let shard = 0; shard < shardCount; shard++) {
      let total = 0;
      for (let lane = 0; lane < lanesPerShard; lane++) {
        let n = poisson(random, perLaneMean);
        if (shard === 0 && lane === 0 && hotShare > 0) n += poisson(random, rate * hotShare);
        sent[lane] = n;
        total += n;
      }
      const accepted = Math.min(total, limit);
      const keep = accepted < total ? apportion(sent, accepted, total) : sent;
      for (let lane = 0; lane < lanesPerShard; lane++) {
        const i = (shard * lanesPerShard + lane) * width + s;
        cumulative[i + 1] = (cumulative[i] as number) + (keep[lane] as number);
      }
      writtenPerSecond[s] = (writtenPerSecond[s] as number) + accepted;
      throttledPerSecond[s] = (throttledPerSecond[s] as number) + (total - accepted);
    }
  }
  return new StreamLog(shardCount, lanesPerShard, seconds, recordSizeBytes, cumulative, writtenPerSecond, throttledPerSecond);
}

/**
 * Splits `accepted` whole records over the lanes in proportion to what each sent, by
 * largest remainder (ties to the lower lane), so the parts add up exactly.
 */
function apportion(sent: Float64Array, accepted: number, total: number): Float64Array {
  const out = new Float64Array(sent.length);
  let given = 0;
  const remainders: { lane: number; rest: number }[] = [];
  for (let lane = 0; lane < sent.length; lane++) {
    const exact = ((sent[lane] as number) * accepted) / total;
    const whole = Math.floor(exact);
    out[lane] = whole;
    given += whole;
    remainders.push({ lane, rest: exact - whole });
  }
  remainders.sort((a, b) => b.rest - a.rest || a.lane - b.lane);
  for (let i = 0; given < accepted; i++, given++) {
    const lane = (remainders[i % remainders.length] as { lane: number }).lane;
    out[lane] = (out[lane] as number) + 1;
  }
  return out;
}
