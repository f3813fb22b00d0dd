import { afterEach, describe, expect, it, vi } from 'vitest';
import { billInCode, billWithPattern, savedShare, scenarioWithPattern } from '../../src/filtering/bill.ts';
import { createBillClient } from '../../src/filtering/bill-client.ts';
import { EXAMPLES, pretty } from '../../src/filtering/examples.ts';
import { chapterFigures } from '../../src/filtering/figures.ts';
import type { BillOutcome } from '../../src/filtering/bill.ts';
import type { JobMessage, JobRequest } from '../../src/workbench/job-client.ts';
import { formatMoney, formatShare } from '../../src/filtering/format.ts';
import { playgroundStart } from '../../src/filtering/start.ts';

describe('the bill', () => {
  const start = playgroundStart();

  it('adds up to the engine total, and the default filter costs less than filtering in code', () => {
    for (const bill of [start.inCode, start.initial]) {
      expect(bill.requests + bill.duration + bill.other).toBeCloseTo(bill.total, 6);
    }
    expect(start.initial.total).toBeLessThan(start.inCode.total);
    // Only Lambda's lines change: the stream is the same either way.
    expect(start.initial.other).toBeCloseTo(start.inCode.other, 6);
    expect(start.inCode.filteredOutRecords).toBe(0);
    expect(start.initial.filteredOutRecords).toBeGreaterThan(0);
    expect(savedShare(start.inCode, start.initial)).toBeGreaterThan(0);
    expect(start.basis.monthDays).toBeGreaterThanOrEqual(28);
    expect(start.basis.requestPrice).toBeGreaterThan(0);
    expect(start.basis.gbSecondPrice).toBeGreaterThan(0);
  });

  it('puts the reader pattern in the mapping and nowhere else', () => {
    const scenario = scenarioWithPattern('{"data":{"a":[1]}}') as { eventSourceMapping: { FilterCriteria: unknown } };
    expect(scenario.eventSourceMapping.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"data":{"a":[1]}}' }] });
    // The preset itself is untouched for the next call.
    const again = scenarioWithPattern('{"data":{"b":[2]}}') as { eventSourceMapping: { FilterCriteria: unknown } };
    expect(again.eventSourceMapping.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"data":{"b":[2]}}' }] });
  });

  it('reports a pattern the engine rejects instead of throwing', () => {
    const outcome = billWithPattern('{"data":{"x":[{"wildcard":"a*"}]}}');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.messages.join('\n')).toMatch(/wildcard/);
  });

  it('a filter that keeps more costs more', () => {
    const everything = billWithPattern(EXAMPLES[2]?.text ?? '');
    if (!everything.ok) throw new Error(everything.messages.join('; '));
    expect(everything.bill.total).toBeGreaterThan(start.initial.total);
    expect(billInCode().bill.total).toBeCloseTo(start.inCode.total, 9);
  });

  it('gives the chapter its figures as text', () => {
    const figures = chapterFigures(start);
    expect(figures.sampleSize).toBe('4,096');
    expect(figures.inCodeMonthly).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(figures.defaultShare).toMatch(/^[\d.]+%$/);
    expect(Object.values(figures).every((v) => typeof v === 'string' && v.length > 0 && !v.includes('NaN'))).toBe(true);
  });
});

describe('formatting', () => {
  it('writes shares and money for reading', () => {
    expect(formatShare(0.8071)).toBe('80.7%');
    expect(formatShare(0.00044)).toBe('0.04%');
    expect(formatShare(0)).toBe('0%');
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(0.001)).toBe('under $0.01');
    expect(formatMoney(0)).toBe('$0.00');
  });

  it('lays patterns out one field per line, short values inline', () => {
    expect(pretty({ data: { a: ['x'] } })).toBe('{ "data": { "a": ["x"] } }');
    expect(pretty({ data: { fleet: ['fleet-1'], pressure: [{ numeric: ['<', 1] }] } })).toBe(
      '{\n  "data": {\n    "fleet": ["fleet-1"],\n    "pressure": [{ "numeric": ["<", 1] }]\n  }\n}',
    );
    for (const example of EXAMPLES) expect(JSON.parse(example.text)).toBeTypeOf('object');
  });
});

describe('the bill client', () => {
  /** A stand-in Worker: records what is posted, and answers when the test says so. */
  class FakeWorker {
    static last: FakeWorker | undefined;
    posted: JobRequest<string>[] = [];
    onmessage: ((event: MessageEvent<JobMessage<BillOutcome>>) => void) | null = null;
    onerror: ((event: ErrorEvent) => void) | null = null;
    terminated = false;
    constructor() {
      FakeWorker.last = this;
    }
    postMessage(message: JobRequest<string>): void {
      this.posted.push(message);
    }
    terminate(): void {
      this.terminated = true;
    }
    answer(id: number, total: number): void {
      const bill = { requests: 0, duration: 0, other: 0, total, invocations: 0, filteredOutRecords: 0 };
      this.onmessage?.({ data: { id, kind: 'done', value: { ok: true, bill } } } as MessageEvent<JobMessage<BillOutcome>>);
    }
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('runs one request at a time, and a newer request replaces older ones', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const client = createBillClient();
    const worker = FakeWorker.last as FakeWorker;
    const a = client.request('a');
    const b = client.request('b');
    const c = client.request('c');
    // Only the first went to the worker; b was replaced by c before it could start.
    expect(worker.posted.map((p) => p.request)).toEqual(['a']);
    await expect(a).resolves.toBeUndefined();
    await expect(b).resolves.toBeUndefined();

    worker.answer(worker.posted[0]?.id ?? -1, 1);
    expect(worker.posted.map((p) => p.request)).toEqual(['a', 'c']);
    worker.answer(worker.posted[1]?.id ?? -1, 3);
    await expect(c).resolves.toMatchObject({ ok: true, bill: { total: 3 } });

    client.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('computes on the page when there is no Worker', async () => {
    vi.stubGlobal('Worker', undefined);
    const client = createBillClient();
    const outcome = await client.request('{"data":{"x":[{"bogus":1}]}}');
    expect(outcome?.ok).toBe(false);
  });
});
