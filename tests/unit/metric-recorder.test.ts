import { describe, expect, it } from 'vitest';
import { MetricRecorder } from '../../engine/metrics/recorder.ts';

describe('MetricRecorder', () => {
  it('weights a gauge average by time and keeps its extremes per period', () => {
    const m = new MetricRecorder(10, 20);
    m.setGauge('g', 2, 5); // 0 for 2 s, then 5 for 8 s in the first period
    m.setGauge('g', 14, 1); // 5 for 4 s, then 1 for 6 s in the second
    const [first, second] = m.gaugeSeries('g');
    expect(first).toEqual({ t: 0, Average: 4, Minimum: 0, Maximum: 5 });
    expect(second).toEqual({ t: 10, Average: 2.6, Minimum: 1, Maximum: 5 });
  });

  it('catches a spike shorter than a period in Maximum but barely in Average', () => {
    const m = new MetricRecorder(60, 60);
    m.setGauge('g', 30, 100);
    m.setGauge('g', 30.06, 0);
    const [p] = m.gaugeSeries('g');
    expect(p?.Maximum).toBe(100);
    expect(p?.Average).toBeCloseTo(0.1, 10);
  });

  it('adds counts into their period and ignores times outside the run', () => {
    const m = new MetricRecorder(1, 3);
    m.declareSamples('c');
    m.addSample('c', 0.5, 1);
    m.addSample('c', 0.9, 4);
    m.addSample('c', 2.99, 1);
    m.addSample('c', 3, 1);
    m.addSample('c', -1, 1);
    expect(m.sampleSeries('c')).toMatchObject([
      { t: 0, Sum: 5, SampleCount: 2 },
      { t: 1, Sum: 0, SampleCount: 0 },
      { t: 2, Sum: 1, SampleCount: 1 },
    ]);
  });
});
