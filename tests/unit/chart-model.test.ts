import { describe, expect, it } from 'vitest';
import {
  annotationSentence,
  chartAriaLabel,
  formatClock,
  layoutMarkerLabels,
  markerLabelMaxWidth,
  periodSeries,
  pointsUntil,
  seriesExtent,
  sortAnnotations,
  tableHtml,
  toTableRows,
  truncateToWidth,
} from '../../src/components/chart-model.ts';
import { pngFileName, pngLayout, slugify } from '../../src/components/chart-png.ts';

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

  it('writes the data table as markup: caption, a column per series, blank gaps, every text escaped', () => {
    const html = tableHtml(
      [
        { label: 'Lag <max>', points: [{ x: 0, y: 1234.5678 }, { x: 10, y: 3 }] },
        { label: 'B & "C"', points: [{ x: 10, y: 6 }] },
      ],
      { caption: "Lag's <b>peak</b>", xLabel: 'Simulated time', formatX: formatClock },
    );
    expect(html).toBe(
      '<table><caption class="sr-only">Lag&#39;s &lt;b&gt;peak&lt;/b&gt;</caption>' +
        '<thead><tr><th scope="col">Simulated time</th><th scope="col">Lag &lt;max&gt;</th><th scope="col">B &amp; &quot;C&quot;</th></tr></thead>' +
        '<tbody><tr><th scope="row">0:00</th><td>1,234.57</td><td></td></tr>' +
        '<tr><th scope="row">0:10</th><td>3</td><td>6</td></tr></tbody></table>',
    );
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

describe('pointsUntil (playback)', () => {
  // A stepped series as periodSeries builds it: periods of 5 s, closed at the run's end (15 s).
  const stepped = periodSeries(
    [
      { t: 0, v: 1 },
      { t: 5, v: 3 },
      { t: 10, v: 2 },
    ],
    15,
    (d) => d.v,
  );

  it('keeps every point, the closing one included, once the cursor reaches the end', () => {
    expect(pointsUntil(stepped, 15, true)).toEqual(stepped);
    expect(pointsUntil(stepped, 100, true)).toEqual(stepped);
    expect(pointsUntil(stepped, Infinity, true)).toEqual(stepped);
  });

  it('holds the last step up to the cursor inside the last period (before its closing point)', () => {
    expect(pointsUntil(stepped, 12.5, true)).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 3 },
      { x: 10, y: 2 },
      { x: 12.5, y: 2 },
    ]);
  });

  it('holds a step up to the cursor inside an earlier period', () => {
    expect(pointsUntil(stepped, 7, true)).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 3 },
      { x: 7, y: 3 },
    ]);
  });

  it('adds nothing when the cursor is on a point, and draws nothing before the first', () => {
    expect(pointsUntil(stepped, 5, true)).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 3 },
    ]);
    expect(pointsUntil(stepped, -1, true)).toEqual([]);
    expect(pointsUntil([], 3)).toEqual([]);
  });

  it('interpolates a sloped line to the cursor, so a two-point reference line still shows', () => {
    const line = [
      { x: 0, y: 10 },
      { x: 300, y: 40 },
    ];
    expect(pointsUntil(line, 100)).toEqual([
      { x: 0, y: 10 },
      { x: 100, y: 20 },
    ]);
  });

  it('does not change the series it is given', () => {
    const copy = stepped.map((p) => ({ ...p }));
    pointsUntil(stepped, 7, true);
    expect(stepped).toEqual(copy);
  });

  it('is fast enough for every frame of playback (600 points × 3 series)', () => {
    const points = Array.from({ length: 600 }, (_, i) => ({ x: i, y: i % 7 }));
    const started = performance.now();
    for (let frame = 0; frame < 1_000; frame++) for (let s = 0; s < 3; s++) pointsUntil(points, frame % 600, true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('seriesExtent', () => {
  it('spans every series', () => {
    expect(
      seriesExtent([
        { label: 'a', points: [{ x: 0, y: 3 }, { x: 60, y: 1 }] },
        { label: 'b', points: [{ x: 30, y: -2 }, { x: 90, y: 8 }] },
      ]),
    ).toEqual({ xMin: 0, xMax: 90, yMin: -2, yMax: 8 });
  });

  it('is undefined without points', () => {
    expect(seriesExtent([])).toBeUndefined();
    expect(seriesExtent([{ label: 'a', points: [] }])).toBeUndefined();
  });
});

describe('annotations in words', () => {
  const annotations = [
    { x: 72, label: 'first throttle', tone: 2 as const },
    { x: 60, label: 'spike' },
  ];

  it('names the marked moments in time order', () => {
    expect(annotationSentence(annotations, formatClock)).toBe('Marked: spike at 1:00, first throttle at 1:12.');
    expect(annotationSentence([], formatClock)).toBe('');
  });

  it('keeps ties in the order given', () => {
    expect(sortAnnotations([{ x: 5, label: 'b' }, { x: 1, label: 'a' }, { x: 5, label: 'c' }]).map((a) => a.label)).toEqual(['a', 'b', 'c']);
  });

  it('appends them, and how far playback draws, to the summary', () => {
    const summary = 'Line chart of ConcurrentExecutions.';
    expect(chartAriaLabel({ summary, annotations: [], formatX: formatClock })).toBe(summary);
    expect(chartAriaLabel({ summary, annotations, formatX: formatClock })).toBe(
      'Line chart of ConcurrentExecutions. Marked: spike at 1:00, first throttle at 1:12.',
    );
    expect(chartAriaLabel({ summary, annotations, formatX: formatClock, until: 90, xMax: 300 })).toBe(
      'Line chart of ConcurrentExecutions. Marked: spike at 1:00, first throttle at 1:12. Drawn up to 1:30 of 5:00.',
    );
    expect(chartAriaLabel({ summary, annotations: [], formatX: formatClock, until: 300, xMax: 300 })).toBe(summary);
  });
});

describe('marker labels', () => {
  const measure = (text: string): number => text.length * 6;

  it('truncates a label to a width with an ellipsis', () => {
    expect(truncateToWidth('spike', 100, measure)).toBe('spike');
    const short = truncateToWidth('first records lost', 60, measure);
    expect(short).toBe('first rec…');
    expect(measure(short)).toBeLessThanOrEqual(60);
    expect(truncateToWidth('spike', 3, measure)).toBe('…');
  });

  it('lets a label take at most half the plot, so it always fits on one side of its line', () => {
    expect(markerLabelMaxWidth(1000)).toBe(200);
    expect(markerLabelMaxWidth(300)).toBe(144);
    expect(markerLabelMaxWidth(0)).toBe(0);
  });

  it('puts far-apart labels in one row, right of their lines', () => {
    const layout = layoutMarkerLabels([{ x: 50, width: 30 }, { x: 200, width: 30 }], 40, 380);
    expect(layout.rows).toBe(1);
    expect(layout.placed).toEqual([
      { start: 54, end: 84, row: 0 },
      { start: 204, end: 234, row: 0 },
    ]);
  });

  it('staggers two close labels into two rows, neither crossing the other line', () => {
    // "spike" at 1:00 and "first throttle" at 1:12 on a 390 px wide phone chart.
    const layout = layoutMarkerLabels([{ x: 120, width: 30 }, { x: 131, width: 84 }], 40, 370);
    expect(layout.rows).toBe(2);
    const [a, b] = layout.placed;
    expect(a!.row).not.toBe(b!.row);
    // The upper label's line goes down through the lower row: it must not cross that label.
    const upper = a!.row < b!.row ? { place: a!, x: 120 } : { place: b!, x: 131 };
    const lower = a!.row < b!.row ? b! : a!;
    expect(upper.x < lower.start || upper.x > lower.end).toBe(true);
  });

  it('flips a label left of its line near the right edge, and never leaves the plot', () => {
    const layout = layoutMarkerLabels([{ x: 360, width: 60 }], 40, 370);
    expect(layout.placed[0]).toEqual({ start: 296, end: 356, row: 0 });
    for (const x of [40, 100, 205, 300, 370]) {
      const [p] = layoutMarkerLabels([{ x, width: markerLabelMaxWidth(330) }], 40, 370).placed;
      expect(p!.start).toBeGreaterThanOrEqual(40);
      expect(p!.end).toBeLessThanOrEqual(370);
    }
  });

  it('shares the last row once the rows run out, and returns labels in the order given', () => {
    const items = [130, 120, 110, 100].map((x) => ({ x, width: 50 }));
    const layout = layoutMarkerLabels(items, 0, 400, 3);
    expect(layout.rows).toBe(3);
    expect(layout.placed.map((p) => p.row)).toEqual([2, 2, 1, 0]);
    expect(layoutMarkerLabels([], 0, 400)).toEqual({ placed: [], rows: 0 });
  });
});

describe('PNG export', () => {
  it('slugs a title into a file name', () => {
    expect(slugify('ConcurrentExecutions')).toBe('concurrent-executions');
    expect(slugify('IteratorAge (Maximum, 60 s)')).toBe('iterator-age-maximum-60-s');
    expect(slugify('Débit — écritures/s')).toBe('debit-ecritures-s');
    expect(slugify('  ??  ')).toBe('chart');
    expect(slugify('x'.repeat(200))).toHaveLength(80);
  });

  it('names the file from fileName when given, otherwise from the title', () => {
    expect(pngFileName('ConcurrentExecutions')).toBe('concurrent-executions.png');
    expect(pngFileName('ConcurrentExecutions', 'kinesis-4-shards.iterator-age')).toBe('kinesis-4-shards.iterator-age.png');
    expect(pngFileName('A', 'run.PNG')).toBe('run.png');
    expect(pngFileName('A', 'a/b:c')).toBe('a-b-c.png');
    expect(pngFileName('Iterator age', '   ')).toBe('iterator-age.png');
  });

  it('lays the title above the chart with a margin all round', () => {
    const layout = pngLayout(700, 320, 2);
    expect(layout).toMatchObject({ width: 732, ratio: 2, chartX: 16, padding: 16, titleMaxWidth: 700 });
    expect(layout.titleBaseline).toBeGreaterThan(layout.padding);
    expect(layout.titleBaseline).toBeLessThan(layout.chartY);
    expect(layout.height).toBe(layout.chartY + 320 + 16);
    expect(pngLayout(300, 200, 0).ratio).toBe(1);
  });
});
