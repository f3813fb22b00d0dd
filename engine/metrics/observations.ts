/**
 * The observations of one metric that reports percentiles (Duration), kept so that p50,
 * p90 and p99 can be computed per period.
 *
 * Recording must be cheap: it is on the hottest path of a run. So an observation is pushed
 * onto its period's list, and the work happens when percentiles are read: the three ranks
 * are selected in each period's list (a selection, not a sort: linear time). Percentiles
 * are then exact, by nearest rank as CloudWatch defines them. Plain arrays on the engine's
 * heap are used on purpose: large typed arrays allocated per run cost page faults.
 *
 * Memory stays bounded on very long runs: once `foldAt` observations are held, they are
 * folded into per-period histograms of logarithmic buckets and the lists start again. A
 * period with folded observations reports its percentiles from the buckets, within 0.4%.
 */

/** The percentiles a datapoint carries. */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
}

const QUANTILES = [0.5, 0.9, 0.99] as const;

/** Default number of observations held before folding (8 bytes each: 8 MB). */
export const DEFAULT_FOLD_AT = 1 << 20;

export class Observations {
  /** Per period, the observations not folded yet. */
  private readonly held: number[][];
  private heldCount = 0;
  /** Per period, counts by bucket of the observations folded so far. */
  private readonly folded = new Map<number, Map<number, number>>();

  /**
   * @param periodCount how many periods there are (observations name theirs by index)
   * @param foldAt observations held before they are folded into buckets
   */
  constructor(
    private readonly periodCount: number,
    private readonly foldAt = DEFAULT_FOLD_AT,
  ) {
    this.held = Array.from({ length: periodCount }, () => []);
  }

  /** Records `value` in period `period` (0 ≤ period < periodCount). */
  add(period: number, value: number): void {
    (this.held[period] as number[]).push(value);
    if (++this.heldCount >= this.foldAt) this.fold();
  }

  /**
   * p50, p90 and p99 of each period (null for a period without observations), clamped to
   * the period's observed minimum and maximum when they come from buckets.
   */
  percentiles(minimum: ArrayLike<number>, maximum: ArrayLike<number>): (Percentiles | null)[] {
    const out: (Percentiles | null)[] = [];
    for (let p = 0; p < this.periodCount; p++) {
      const held = this.held[p] as number[];
      const buckets = this.folded.get(p);
      if (buckets) {
        const all = new Map(buckets);
        for (const value of held) addToBucket(all, value);
        out.push(fromBuckets(all, minimum[p] as number, maximum[p] as number));
      } else if (held.length > 0) {
        // Select from the highest rank down: each selection leaves the smaller values in
        // front, so the next one searches only there. (Reordering a period's list is
        // harmless: the order of observations means nothing.)
        const n = held.length;
        const p99 = select(held, 0, n, nearestRank(0.99, n) - 1);
        const p90 = select(held, 0, nearestRank(0.99, n), nearestRank(0.9, n) - 1);
        const p50 = select(held, 0, nearestRank(0.9, n), nearestRank(0.5, n) - 1);
        out.push({ p50, p90, p99 });
      } else {
        out.push(null);
      }
    }
    return out;
  }

  private fold(): void {
    for (let p = 0; p < this.periodCount; p++) {
      const held = this.held[p] as number[];
      if (held.length === 0) continue;
      let buckets = this.folded.get(p);
      if (!buckets) this.folded.set(p, (buckets = new Map()));
      for (const value of held) addToBucket(buckets, value);
      held.length = 0;
    }
    this.heldCount = 0;
  }
}

/**
 * The value that would be at index `k` if `a[from, to)` were sorted (Hoare's selection).
 * Rearranges that range so that everything before `k` is at most the value and everything
 * after is at least it. The pivot is the median of three, so sorted input stays linear.
 */
function select(a: number[], from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** CloudWatch's nearest rank: the smallest rank with at least q of the observations at or below it. */
function nearestRank(q: number, count: number): number {
  return Math.max(1, Math.ceil(q * count - 1e-9));
}

/*
 * Buckets come from the bits of the number itself: its binary exponent and the top 7 bits
 * of its mantissa, so each power of two is cut into 128 buckets, each at most 0.8% wide; a
 * bucket's middle is within 0.4% of any value in it. Zero and negatives share bucket -1.
 */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const MANTISSA_SHIFT = 13;

function bucketOf(value: number): number {
  if (!(value > 0)) return -1;
  bits[0] = value;
  return (words[HIGH_WORD] as number) >>> MANTISSA_SHIFT;
}

function bucketMiddle(bucket: number): number {
  words[HIGH_WORD] = ((bucket << MANTISSA_SHIFT) | (1 << (MANTISSA_SHIFT - 1))) >>> 0;
  words[1 - HIGH_WORD] = 0;
  return bits[0] as number;
}

function addToBucket(buckets: Map<number, number>, value: number): void {
  const bucket = bucketOf(value);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
}

function fromBuckets(buckets: Map<number, number>, lo: number, hi: number): Percentiles {
  let count = 0;
  for (const n of buckets.values()) count += n;
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const [p50, p90, p99] = QUANTILES.map((q) => {
    const rank = nearestRank(q, count);
    let seen = 0;
    for (const key of keys) {
      seen += buckets.get(key) as number;
      if (seen >= rank) return key < 0 ? Math.max(lo, 0) : Math.min(hi, Math.max(lo, bucketMiddle(key)));
    }
    return hi;
  }) as [number, number, number];
  return { p50, p90, p99 };
}
