import { describe, expect, it } from 'vitest';
import { decodeStart, encodeStart } from '../../src/workbench/start-codec.ts';
import { experimentStart } from '../../src/workbench/start.ts';

/** Astro's own prop encoding, which the codec replaces: every value tagged, in an HTML attribute. */
function astroAttributeLength(value: unknown): number {
  const tag = (v: unknown): unknown => (Array.isArray(v) ? [1, v.map(tag)] : v !== null && typeof v === 'object' ? [0, Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tag(x)]))] : [0, v]);
  return JSON.stringify(tag(value)).replace(/"/g, '&quot;').length;
}

describe('experiment start codec', () => {
  const kafka = experimentStart('kafka-spike-provisioned', { title: 'A spike in provisioned mode', knobs: ['MinimumPollers'], charts: ['OffsetLag', 'ConcurrentExecutions', 'Throttles'], id: 'spike' });
  const kinesis = experimentStart('kinesis-4-shards', { title: 'Four shards', knobs: ['ShardCount', 'BatchSize'], charts: ['IncomingRecords', 'IteratorAge', 'ConcurrentExecutions'], id: 'shards', pipeline: true });

  it('gives back the start it was given: charts, bindings, moments, pipeline and all', () => {
    for (const start of [kafka, kinesis]) {
      const back = decodeStart(encodeStart(start));
      expect(back).toEqual(start);
      expect(back.view.charts[0]?.series[0]?.points.length).toBeGreaterThan(5);
    }
  });

  it('keeps numbers JSON cannot write', () => {
    const start = { ...kinesis, view: { ...kinesis.view, outcomes: { ...kinesis.view.outcomes, recoverySeconds: Infinity, worstLag: -Infinity, lawGap: NaN } } };
    const back = decodeStart(encodeStart(start as unknown as typeof kinesis));
    expect(back.view.outcomes).toMatchObject({ recoverySeconds: Infinity, worstLag: -Infinity });
    expect((back.view.outcomes as unknown as { lawGap: number }).lawGap).toBeNaN();
  });

  it('leaves strings that look like its marks alone', () => {
    const start = { ...kinesis, title: '$number', id: 'Infinity' };
    expect(decodeStart(encodeStart(start))).toEqual(start);
  });

  it('is a fraction of what Astro would put in the page', () => {
    const encoded = encodeStart(kafka);
    const inPage = JSON.stringify([0, encoded]).replace(/"/g, '&quot;').length;
    expect(inPage).toBeLessThan(astroAttributeLength(kafka) / 2.5);
  });
});
