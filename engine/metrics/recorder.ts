/**
 * A CloudWatch-like recorder: values are gathered into fixed periods and reported with
 * CloudWatch's statistic names.
 *
 * Two kinds of metric exist. A gauge (such as ConcurrentExecutions) has a value at every
 * instant; its Average is weighted by time, so a spike that lasts 10 ms barely moves it
 * while its Maximum shows it. A count (such as Invocations) adds up events.
 */

/** Statistics of a gauge over one period starting at `t` seconds. */
export interface GaugeDatapoint {
  t: number;
  Average: number;
  Minimum: number;
  Maximum: number;
}

/** Statistics of a count over one period starting at `t` seconds. */
export interface CountDatapoint {
  t: number;
  Sum: number;
  SampleCount: number;
}

interface GaugeState {
  value: number;
  since: number;
  area: number[];
  min: number[];
  max: number[];
}

export class MetricRecorder {
  private readonly periods: number;
  private readonly gauges = new Map<string, GaugeState>();
  private readonly counts = new Map<string, { sum: Float64Array; samples: Uint32Array }>();

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
    const g = this.gauge(name);
    this.advanceGauge(g, Math.min(t, this.endSeconds));
    g.value = value;
    const p = this.periodOf(t);
    if (p !== undefined) {
      g.min[p] = Math.min(g.min[p] as number, value);
      g.max[p] = Math.max(g.max[p] as number, value);
    }
  }

  /** Adds `amount` to count `name` at time `t`. */
  addCount(name: string, t: number, amount = 1): void {
    const p = this.periodOf(t);
    if (p === undefined) return;
    const c = this.count(name);
    c.sum[p] = (c.sum[p] as number) + amount;
    c.samples[p] = (c.samples[p] as number) + 1;
  }

  /** The datapoints of a gauge, one per period, closing every period at the end time. */
  gaugeSeries(name: string): GaugeDatapoint[] {
    const g = this.gauge(name);
    this.advanceGauge(g, this.endSeconds);
    return g.area.map((area, p) => {
      const start = p * this.periodSeconds;
      const length = Math.min(this.periodSeconds, this.endSeconds - start);
      return { t: start, Average: area / length, Minimum: g.min[p] as number, Maximum: g.max[p] as number };
    });
  }

  /** The datapoints of a count, one per period. */
  countSeries(name: string): CountDatapoint[] {
    const c = this.count(name);
    return Array.from(c.sum, (sum, p) => ({ t: p * this.periodSeconds, Sum: sum, SampleCount: c.samples[p] as number }));
  }

  /**
   * Time-weighted mean of a gauge between two instants. It is exact when both lie on
   * period boundaries; inside a period the period's own mean stands for the part.
   */
  gaugeMean(name: string, from: number, to: number): number {
    const series = this.gaugeSeries(name);
    let area = 0;
    for (const point of series) {
      const start = point.t;
      const end = Math.min(start + this.periodSeconds, this.endSeconds);
      const overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap > 0) area += point.Average * overlap;
    }
    return to > from ? area / (to - from) : 0;
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
        area: new Array<number>(this.periods).fill(0),
        min: new Array<number>(this.periods).fill(0),
        max: new Array<number>(this.periods).fill(0),
      };
      this.gauges.set(name, g);
    }
    return g;
  }

  private count(name: string) {
    let c = this.counts.get(name);
    if (!c) {
      c = { sum: new Float64Array(this.periods), samples: new Uint32Array(this.periods) };
      this.counts.set(name, c);
    }
    return c;
  }

  /** Adds the area under the current value up to `t`, split at period boundaries. */
  private advanceGauge(g: GaugeState, t: number): void {
    while (g.since < t) {
      const p = Math.min(this.periods - 1, Math.floor(g.since / this.periodSeconds));
      const boundary = Math.min((p + 1) * this.periodSeconds, this.endSeconds);
      const until = Math.min(boundary, t);
      g.area[p] = (g.area[p] as number) + g.value * (until - g.since);
      g.since = until;
      if (until === boundary && p + 1 < this.periods) {
        // The value carried into a new period is that period's first sample.
        g.min[p + 1] = g.value;
        g.max[p + 1] = g.value;
      }
    }
  }
}
