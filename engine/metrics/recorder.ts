import { Observations } from './observations.ts';

/**
 * A CloudWatch-like recorder: values are gathered into fixed periods and reported with
 * CloudWatch's statistic names.
 *
 * Two kinds of metric exist. A gauge (such as ConcurrentExecutions) has a value at every
 * instant; its Average is weighted by time, so a spike that lasts 10 ms barely moves it
 * while its Maximum shows it. A sampled metric (such as Invocations or Duration) gathers
 * observations: their Sum, SampleCount, Average, extremes and, if wanted, percentiles.
 */

/** Statistics of a gauge over one period starting at `t` seconds. */
export interface GaugeDatapoint {
  t: number;
  Average: number;
  Minimum: number;
  Maximum: number;
}

/**
 * Statistics of one metric over one period starting at `t` seconds, named as CloudWatch
 * names its statistics. A period with no samples has SampleCount 0 and null statistics,
 * as CloudWatch shows no data there.
 */
export interface Datapoint {
  t: number;
  Sum: number;
  SampleCount: number;
  Average: number | null;
  Minimum: number | null;
  Maximum: number | null;
  p50?: number | null;
  p90?: number | null;
  p99?: number | null;
}

interface GaugeState {
  value: number;
  /** The area is accumulated up to here. */
  since: number;
  /** The period that holds `since`, and where it ends (cached: gauges change on every invocation). */
  period: number;
  periodEnd: number;
  area: number[];
  min: number[];
  max: number[];
}

interface SampleState {
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Every observation, for percentiles; absent when not wanted. */
  observations?: Observations;
}

export class MetricRecorder {
  private readonly periods: number;
  private readonly gauges = new Map<string, GaugeState>();
  private readonly samples = new Map<string, SampleState>();

  /**
   * @param periodSeconds length of one period
   * @param endSeconds the end of the recorded time; periods cover [0, endSeconds)
   */
  constructor(
    readonly periodSeconds: number,
    readonly endSeconds: number,
  ) {
    this.periods = Math.max(1, Math.ceil(endSeconds / periodSeconds - 1e-9));
  }

  /** Sets gauge `name` to `value` from time `t` on. Gauges start at 0. */
  setGauge(name: string, t: number, value: number): void {
    this.updateGauge(this.gauge(name), t, value);
  }

  private updateGauge(g: GaugeState, t: number, value: number): void {
    if (t > g.since && t < g.periodEnd) {
      // The common case: a change within the period already under way.
      g.area[g.period] = (g.area[g.period] as number) + g.value * (t - g.since);
      g.since = t;
    } else {
      this.advanceGauge(g, Math.min(t, this.endSeconds));
    }
    g.value = value;
    const p = t === g.since && t < this.endSeconds ? g.period : this.periodOf(t);
    if (p !== undefined && t <= p * this.periodSeconds) {
      // Set at the very start of a period: the value before held for no time in it.
      g.min[p] = value;
      g.max[p] = value;
    } else if (p !== undefined) {
      g.min[p] = Math.min(g.min[p] as number, value);
      g.max[p] = Math.max(g.max[p] as number, value);
    }
  }

  /**
   * Records one observation of metric `name` at time `t` (an invocation's Duration, a
   * poll's PolledEventCount). Declare the metric first with `declareSamples`.
   */
  addSample(name: string, t: number, value: number): void {
    this.sampler(name)(t, value);
  }

  /**
   * A handle that records observations of one declared metric without looking it up by
   * name each time: the hot paths of a run record hundreds of thousands of samples.
   */
  sampler(name: string): (t: number, value: number) => void {
    const m = this.samples.get(name);
    if (!m) throw new Error(`metric ${name} was not declared`);
    // Everything is looked up once, here: the returned function is the hottest path of a run.
    const { sum, count, min, max, observations } = m;
    const end = this.endSeconds;
    const last = this.periods - 1;
    const period = this.periodSeconds;
    return (t, value) => {
      if (t < 0 || t >= end) return;
      const p = Math.min(last, Math.floor(t / period));
      sum[p] = (sum[p] as number) + value;
      count[p] = (count[p] as number) + 1;
      if (value < (min[p] as number)) min[p] = value;
      if (value > (max[p] as number)) max[p] = value;
      if (observations) observations.add(p, value);
    };
  }

  /** A handle that sets one gauge without looking it up by name each time. */
  gaugeSetter(name: string): (t: number, value: number) => void {
    const g = this.gauge(name);
    return (t, value) => this.updateGauge(g, t, value);
  }

  /** Declares a sampled metric; with `percentiles`, its datapoints also carry p50, p90 and p99. */
  declareSamples(name: string, options: { percentiles?: boolean } = {}): void {
    if (this.samples.has(name)) return;
    const n = this.periods;
    this.samples.set(name, {
      sum: new Float64Array(n),
      count: new Float64Array(n),
      min: new Float64Array(n).fill(Infinity),
      max: new Float64Array(n).fill(-Infinity),
      ...(options.percentiles ? { observations: new Observations(n) } : {}),
    });
  }

  /** The datapoints of a sampled metric, one per period. */
  sampleSeries(name: string): Datapoint[] {
    const m = this.samples.get(name);
    if (!m) throw new Error(`metric ${name} was not declared`);
    const percentiles = m.observations?.percentiles(m.min, m.max);
    const out: Datapoint[] = [];
    for (let p = 0; p < this.periods; p++) {
      const count = m.count[p] as number;
      const point: Datapoint = {
        t: p * this.periodSeconds,
        Sum: m.sum[p] as number,
        SampleCount: count,
        Average: count > 0 ? (m.sum[p] as number) / count : null,
        Minimum: count > 0 ? (m.min[p] as number) : null,
        Maximum: count > 0 ? (m.max[p] as number) : null,
      };
      if (percentiles) {
        const of = percentiles[p];
        point.p50 = of?.p50 ?? null;
        point.p90 = of?.p90 ?? null;
        point.p99 = of?.p99 ?? null;
      }
      out.push(point);
    }
    return out;
  }

  /**
   * A gauge's datapoints in the common shape: the time-weighted Average, Minimum and
   * Maximum, with one sample counted per second of the period (Sum = Average × seconds).
   */
  gaugeDatapoints(name: string): Datapoint[] {
    return this.gaugeSeries(name).map((g) => {
      const seconds = Math.min(this.periodSeconds, this.endSeconds - g.t);
      return { t: g.t, Sum: g.Average * seconds, SampleCount: seconds, Average: g.Average, Minimum: g.Minimum, Maximum: g.Maximum };
    });
  }

  /**
   * The datapoints of a gauge, one per period, as if its current value held to the end
   * time. Reading does not change the recorder, so a run can be looked at mid-way.
   */
  gaugeSeries(name: string): GaugeDatapoint[] {
    const live = this.gauge(name);
    const g: GaugeState = { ...live, area: live.area.slice(), min: live.min.slice(), max: live.max.slice() };
    this.advanceGauge(g, this.endSeconds);
    return g.area.map((area, p) => {
      const start = p * this.periodSeconds;
      const length = Math.min(this.periodSeconds, this.endSeconds - start);
      return { t: start, Average: area / length, Minimum: g.min[p] as number, Maximum: g.max[p] as number };
    });
  }

  private periodOf(t: number): number | undefined {
    if (t < 0 || t >= this.endSeconds) return undefined;
    return Math.min(this.periods - 1, Math.floor(t / this.periodSeconds));
  }

  private gauge(name: string): GaugeState {
    let g = this.gauges.get(name);
    if (!g) {
      g = {
        value: 0,
        since: 0,
        period: 0,
        periodEnd: Math.min(this.periodSeconds, this.endSeconds),
        area: new Array<number>(this.periods).fill(0),
        min: new Array<number>(this.periods).fill(0),
        max: new Array<number>(this.periods).fill(0),
      };
      this.gauges.set(name, g);
    }
    return g;
  }

  /** Adds the area under the current value up to `t`, split at period boundaries. */
  private advanceGauge(g: GaugeState, t: number): void {
    while (g.since < t) {
      const p = Math.min(this.periods - 1, Math.floor(g.since / this.periodSeconds));
      const boundary = Math.min((p + 1) * this.periodSeconds, this.endSeconds);
      const until = Math.min(boundary, t);
      g.area[p] = (g.area[p] as number) + g.value * (until - g.since);
      g.since = until;
      g.period = p;
      g.periodEnd = boundary;
      if (until === boundary && p + 1 < this.periods) {
        g.period = p + 1;
        g.periodEnd = Math.min((p + 2) * this.periodSeconds, this.endSeconds);
        // The value carried into a new period is that period's first sample.
        g.min[p + 1] = g.value;
        g.max[p + 1] = g.value;
      }
    }
  }
}
