import { describe, expect, it } from 'vitest';
import { formatClock, periodSeries, toTableRows } from '../../src/components/chart-model.ts';

describe('chart model', () => {
  it('lines series up on shared x values, leaving gaps blank', () => {
    const rows = toTableRows([
      { label: 'a', points: [{ x: 0, y: 1 }, { x: 2, y: 3 }] },
      { label: 'b', points: [{ x: 1, y: 5 }, { x: 2, y: 6 }] },
    ]);
    expect(rows).toEqual([
      { x: 0, cells: [1, undefined] },
      { x: 1, cells: [undefined, 5] },
      { x: 2, cells: [3, 6] },
    ]);
  });

  it('formats simulated time as a clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75)).toBe('1:15');
    expect(formatClock(3_725)).toBe('1:02:05');
  });
});

describe('periodSeries', () => {
  it('closes the last period at the end of the run', () => {
    const points = periodSeries(
      [
        { t: 0, v: 1 },
        { t: 5, v: 3 },
      ],
      10,
      (d) => d.v,
    );
    expect(points).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 3 },
      { x: 10, y: 3 },
    ]);
  });

  it('adds nothing when there are no datapoints', () => {
    expect(periodSeries([], 10, () => 0)).toEqual([]);
  });
});
