/**
 * Every engine figure in the chapters still matches the engine, checked in `npm test` before
 * the build would stop on it; and engineFigure itself (paths, derived measures, formats,
 * errors, the cache).
 *
 * The chapters' <Figure> tags are read by a small parser, which accepts only this syntax:
 *   <Figure preset="…" value="…" format="…" change={{ ShardCount: 8, BatchSize: 50 }}>written</Figure>
 *   <Figure preset="…" value="…" format="…" />
 * Attributes in any order, values in double quotes (no escapes), `change` an object of knob
 * ids (bare or double-quoted) and plain numbers, the written text plain text. Anything else
 * in a <Figure> fails this test, so the check cannot silently skip a figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedRunCount, engineFigure, FIGURE_FORMATS, sameFigureText } from '../../src/chapters/figures.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CONTENT = join(ROOT, 'content');

interface FigureTag {
  file: string;
  line: number;
  column: number;
  preset: string;
  value: string;
  format: string;
  change?: Record<string, number>;
  /** The preset a ratio figure divides by. */
  base?: string;
  /** The text between the tags; undefined for <Figure … />. */
  written?: string;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(path);
    return entry.name.endsWith('.mdx') ? [path] : [];
  });
}

/** Reads `{ Key: 1, "Other": 2.5 }` (the text between the outer braces of change={{ … }}). */
function parseChange(text: string, where: string): Record<string, number> {
  const change: Record<string, number> = {};
  const body = text.trim();
  if (body === '') return change;
  for (const pair of body.split(',')) {
    if (pair.trim() === '') continue; // a trailing comma
    const match = /^\s*(?:"([A-Za-z][A-Za-z0-9]*)"|([A-Za-z][A-Za-z0-9]*))\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(pair);
    if (!match) throw new Error(`${where}: change must be {{ Knob: number, … }}, and "${pair.trim()}" is not`);
    change[match[1] ?? match[2]!] = Number(match[3]);
  }
  return change;
}

/** Every <Figure> of an MDX text, with its attributes and written text. */
function figureTags(source: string, file: string): FigureTag[] {
  const tags: FigureTag[] = [];
  const opening = /<Figure(?=[\s/>])/g;
  for (let m = opening.exec(source); m; m = opening.exec(source)) {
    const before = source.slice(0, m.index).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    const where = `${file}:${line}:${column}`;
    const attributes: Record<string, string> = {};
    let change: Record<string, number> | undefined;
    let i = m.index + m[0].length;
    let selfClosing = false;
    for (;;) {
      while (/\s/.test(source[i] ?? '')) i++;
      if (source.startsWith('/>', i)) {
        selfClosing = true;
        i += 2;
        break;
      }
      if (source[i] === '>') {
        i += 1;
        break;
      }
      const name = /^[A-Za-z]+/.exec(source.slice(i))?.[0];
      if (!name || source[i + name.length] !== '=') throw new Error(`${where}: expected an attribute name="…" in <Figure>, found "${source.slice(i, i + 20)}"`);
      i += name.length + 1;
      if (source[i] === '"') {
        const end = source.indexOf('"', i + 1);
        if (end < 0) throw new Error(`${where}: attribute ${name} is not closed`);
        attributes[name] = source.slice(i + 1, end);
        i = end + 1;
      } else if (name === 'change' && source.startsWith('{{', i)) {
        const end = source.indexOf('}}', i + 2);
        if (end < 0) throw new Error(`${where}: change={{ … }} is not closed`);
        change = parseChange(source.slice(i + 2, end), where);
        i = end + 2;
      } else {
        throw new Error(`${where}: attribute ${name} must be "a string"${name === 'change' ? ' or {{ Knob: number }}' : ''}`);
      }
    }
    for (const name of Object.keys(attributes)) {
      if (!['preset', 'value', 'format', 'base'].includes(name)) throw new Error(`${where}: <Figure> takes preset, value, format, base and change, not ${name}`);
    }
    const { preset, value, format, base } = attributes;
    if (preset === undefined || value === undefined || format === undefined) throw new Error(`${where}: <Figure> needs preset, value and format`);
    let written: string | undefined;
    if (!selfClosing) {
      const end = source.indexOf('</Figure>', i);
      if (end < 0) throw new Error(`${where}: <Figure> is not closed with </Figure>`);
      written = source.slice(i, end);
      if (/[<>{}*`]/.test(written)) throw new Error(`${where}: write a figure as plain text, not "${written}"`);
      opening.lastIndex = end;
    }
    tags.push({ file, line, column, preset, value, format, ...(change ? { change } : {}), ...(base !== undefined ? { base } : {}), ...(written !== undefined ? { written } : {}) });
  }
  return tags;
}

const figures = mdxFiles(CONTENT).flatMap((path) => figureTags(readFileSync(path, 'utf8'), relative(ROOT, path)));

describe('figures in the chapters', () => {
  it('are there to check (the shards chapter quotes the engine)', () => {
    expect(figures.filter((f) => f.file.endsWith('shards-and-partitions.mdx')).length).toBeGreaterThanOrEqual(5);
  });

  for (const f of figures) {
    const label = `${f.file}:${f.line}:${f.column} ${f.value} of ${f.preset}${f.change ? ` ${JSON.stringify(f.change)}` : ''}${f.base ? ` against ${f.base}` : ''} (${f.format})`;
    it(`${label} matches the engine`, () => {
      const engine = engineFigure(f.preset, f.value, f.format, f.change, f.base);
      if (f.written === undefined || f.written.trim() === '') return; // <Figure … />: the engine's text is shown as it is
      expect(
        sameFigureText(f.written, engine),
        `${label}: the prose says "${f.written.trim()}" but the engine gives "${engine}"`,
      ).toBe(true);
    }, 30_000); // the first figure of a preset runs it: a Kafka run takes seconds on a busy machine
  }
});

describe('figureTags', () => {
  it('reads attributes in any order, change objects and self-closing tags', () => {
    const tags = figureTags(
      'A <Figure format="integer" value="ledger.writeThrottled" preset="p">1,234</Figure> b\n' +
        '<Figure preset="p" change={{ ShardCount: 8, "BatchSize": 50, }} value="cost.monthly" format="usd" />',
      'x.mdx',
    );
    expect(figureTags('<Figure base="b" preset="p" value="v" format="times">×2</Figure>', 'y.mdx')).toEqual([
      { file: 'y.mdx', line: 1, column: 1, preset: 'p', value: 'v', format: 'times', base: 'b', written: '×2' },
    ]);
    expect(tags).toEqual([
      { file: 'x.mdx', line: 1, column: 3, preset: 'p', value: 'ledger.writeThrottled', format: 'integer', written: '1,234' },
      { file: 'x.mdx', line: 2, column: 1, preset: 'p', value: 'cost.monthly', format: 'usd', change: { ShardCount: 8, BatchSize: 50 } },
    ]);
  });

  it('refuses what it does not read, naming the file and line', () => {
    expect(() => figureTags('\n<Figure preset="p" value={v} format="usd" />', 'x.mdx')).toThrow(/x\.mdx:2:1: attribute value must be "a string"/);
    expect(() => figureTags('<Figure preset="p" value="v" format="usd" change={{ ShardCount: 2 * 4 }} />', 'x.mdx')).toThrow(/change must be/);
    expect(() => figureTags('<Figure preset="p" value="v" format="usd">**1**</Figure>', 'x.mdx')).toThrow(/plain text/);
    expect(() => figureTags('<Figure preset="p" value="v" format="usd"><b>1</b></Figure>', 'x.mdx')).toThrow(/plain text/);
    expect(() => figureTags('<Figure preset="p" value="v" format="usd" id="a" />', 'x.mdx')).toThrow(/not id/);
    expect(() => figureTags('<Figure preset="p" format="usd" />', 'x.mdx')).toThrow(/needs preset, value and format/);
    expect(() => figureTags('<Figure preset="p" value="v" format="usd">1', 'x.mdx')).toThrow(/not closed/);
  });

  it('leaves other components alone', () => {
    expect(figureTags('<Figures a={1} /> <FigureCaption>x</FigureCaption>', 'x.mdx')).toEqual([]);
  });
});

describe('engineFigure', () => {
  const P = 'kinesis-4-shards';

  it('reads dotted paths into the result, array indexes included', () => {
    expect(engineFigure(P, 'summary.maxIteratorAgeMs', 'seconds')).toMatch(/^\d(\.\d)? s$/);
    expect(engineFigure(P, 'scenario.source.ShardCount', 'words')).toBe('four');
    expect(engineFigure(P, 'scenario.producer.rate.1.recordsPerSecond', 'integer')).toBe('6,000');
    expect(engineFigure(P, 'scenario.producer.rate.1.at', 'clock')).toBe('5:00');
    expect(engineFigure(P, 'cost.monthly', 'usd')).toMatch(/^\$\d{1,3}(,\d{3})*\.\d\d$/);
    expect(engineFigure(P, 'ledger.writeThrottled', 'integer')).toMatch(/^\d{1,3}(,\d{3})*$/);
  });

  it('computes the derived measures', () => {
    // Four shards saturated after the step: each takes 1 MiB/s of 1,500-byte records, 699 a second.
    expect(engineFigure(P, 'afterRise.perShard.IncomingRecords', 'integer')).toBe('699');
    expect(engineFigure(P, 'beforeRise.WriteProvisionedThroughputExceeded', 'integer')).toBe('0');
    const rejected = Number(engineFigure(P, 'afterRise.WriteProvisionedThroughputExceeded', 'decimal1').replace(/,/g, ''));
    const ledger = Number(engineFigure(P, 'ledger.writeThrottled', 'integer').replace(/,/g, ''));
    expect(rejected).toBeCloseTo(ledger / 300, 1); // every rejection happens in the 300 s after the step
    expect(engineFigure(P, 'recovery.riseAt', 'clock')).toBe('5:00');
    expect(engineFigure(P, 'binding.text', 'text')).toMatch(/^shard write limit: .*records\/s rejected$/);
    expect(engineFigure(P, 'binding.t', 'clock')).toMatch(/^\d+:\d\d$/);
    const average = Number(engineFigure(P, 'law.average', 'decimal1'));
    const predicted = Number(engineFigure(P, 'law.predicted', 'decimal1'));
    expect(Math.abs(average - predicted)).toBeLessThan(0.5);
  });

  it('projects a number over the bill’s month as the bill does (perMonth)', () => {
    const F = 'filtering-iot-in-code';
    const num = (text: string) => Number(text.replace(/[$,]/g, ''));
    expect(num(engineFigure(F, 'perMonth.cost.lines.0.run', 'usd'))).toBeCloseTo(num(engineFigure(F, 'cost.lines.0.monthly', 'usd')), 2);
    // The talk's "about 450 million messages a month": 10,000 sensors, one reading a minute, 31 days.
    expect(engineFigure(F, 'perMonth.summary.producedRecords', 'millions')).toMatch(/^4[45]\d million$/);
    expect(FIGURE_FORMATS.millions(9_640_000)).toBe('9.6 million');
    expect(() => engineFigure(F, 'perMonth', 'integer')).toThrow(/perMonth needs a path/);
    expect(() => engineFigure(P, 'perMonth.binding.text', 'integer')).toThrow(/perMonth needs a number/);
  });

  it('applies knob changes before the run', () => {
    expect(engineFigure(P, 'scenario.source.ShardCount', 'words', { ShardCount: 8 })).toBe('eight');
    const four = Number(engineFigure(P, 'ledger.writeThrottled', 'integer').replace(/,/g, ''));
    const eight = Number(engineFigure(P, 'ledger.writeThrottled', 'integer', { ShardCount: 8 }).replace(/,/g, ''));
    expect(eight).toBeLessThan(four / 2);
  });

  it("divides by a base preset for a lever's gain, and refuses a ratio without one", () => {
    const gain = (preset: string) => Number(engineFigure(preset, 'throughput.recordsPerSecond', 'times', undefined, 'lever-baseline').slice(1));
    // 800 ms per one-record batch at 128 MB; 8 times the CPU, 32 records a batch, 10 lanes.
    expect(gain('lever-shorter-duration')).toBeCloseTo(8, 0);
    expect(gain('lever-batching')).toBe(32);
    expect(gain('lever-parallelization')).toBe(10);
    expect(gain('lever-baseline')).toBe(1);
    const raw = Number(engineFigure('lever-filtering', 'throughput.recordsPerSecond', 'decimal1'));
    const base = Number(engineFigure('lever-baseline', 'throughput.recordsPerSecond', 'decimal1'));
    expect(raw / base).toBeGreaterThan(20); // filtered records leave without an invocation
    expect(() => engineFigure('lever-batching', 'throughput.recordsPerSecond', 'times')).toThrow(/needs a base preset/);
    expect(() => engineFigure('lever-batching', 'summary.maxIteratorAgeMs', 'seconds', undefined, 'lever-baseline')).toThrow(/has no unit/);
    expect(() => engineFigure('lever-batching', 'summary.throttles', 'times', undefined, 'lever-baseline')).toThrow(/has 0 for it/);
    expect(() => engineFigure('lever-batching', 'summary.invocations', 'times', undefined, 'no-such-preset')).toThrow(/no preset named "no-such-preset"/);
    expect(FIGURE_FORMATS.times(7.94)).toBe('×7.9');
    expect(FIGURE_FORMATS.times(31.96)).toBe('×32');
  });

  it('writes each format as the site does', () => {
    const kafka = 'kafka-spike-on-demand';
    expect(FIGURE_FORMATS.integer(1234.5)).toBe('1,235');
    expect(FIGURE_FORMATS.decimal1(1234.56)).toBe('1,234.6');
    expect(FIGURE_FORMATS.usd(1234.561)).toBe('$1,234.56');
    expect(FIGURE_FORMATS.percent(0.9274)).toBe('92.7%');
    expect(FIGURE_FORMATS.words(8)).toBe('eight');
    expect(FIGURE_FORMATS.words(1000)).toBe('1,000');
    expect(FIGURE_FORMATS.seconds(1.6646)).toBe('1.7 s');
    expect(FIGURE_FORMATS.seconds(25.4)).toBe('25 s');
    expect(FIGURE_FORMATS.seconds(1234)).toBe('1,234 s');
    expect(FIGURE_FORMATS.minutes(150)).toBe('2.5 min');
    expect(FIGURE_FORMATS.minutes(840)).toBe('14 min');
    expect(FIGURE_FORMATS.clock(300)).toBe('5:00');
    // The time formats take the unit from the value's name: Ms is milliseconds, Seconds seconds.
    expect(engineFigure(P, 'summary.simulatedSeconds', 'minutes')).toBe('10 min');
    expect(engineFigure(P, 'summary.simulatedSeconds', 'clock')).toBe('10:00');
    expect(engineFigure(kafka, 'scenario.durationSeconds', 'seconds')).toMatch(/^[\d,]+ s$/);
  });

  it('names the figure and what went wrong', () => {
    expect(() => engineFigure('kinesis-4-shard', 'cost.monthly', 'usd')).toThrow('value "cost.monthly" of preset "kinesis-4-shard", format "usd": no preset named "kinesis-4-shard" in scenarios/');
    expect(() => engineFigure(P, 'summary.maxIteratorAge', 'seconds')).toThrow(/no "maxIteratorAge" in "summary" \(it has .*maxIteratorAgeMs/);
    expect(() => engineFigure(P, 'sumary.throttles', 'integer')).toThrow(/no "sumary" in the run \(it has scenario, summary.*; or a derived measure: law/);
    expect(() => engineFigure(P, 'summary', 'integer')).toThrow(/it is object, not a number/);
    // Five pollers at most never absorb the Kafka spike.
    expect(() => engineFigure('provisioned-max-5', 'recovery.seconds', 'seconds')).toThrow(/null, not a number \(the run did not recover by its end\)/);
    expect(() => engineFigure(P, 'cost.monthly', 'dollars')).toThrow(/unknown format "dollars" \(formats: integer, decimal1, usd/);
    expect(() => engineFigure(P, 'cost.monthly', 'seconds')).toThrow(/does not end in Ms/);
    expect(() => engineFigure(P, 'cost.monthly', 'text')).toThrow(/format "text" is for sentences/);
    expect(() => engineFigure(P, 'cost.monthly', 'usd', { Shards: 8 })).toThrow(/with Shards 8, format "usd": preset "kinesis-4-shards": unknown knob "Shards"/);
    expect(() => engineFigure(P, 'cost.monthly', 'usd', { ShardCount: 0 })).toThrow(/preset "kinesis-4-shards" with ShardCount 0 is not a valid scenario: .*ShardCount/);
    expect(() => engineFigure(P, 'cost.monthly', 'usd', { partitions: 8 })).toThrow(/with partitions 8 is not a valid scenario: source\.partitions/);
    expect(() => engineFigure(P, 'afterRise.IteratorAge', 'integer')).toThrow(/IteratorAge is read by its Maximum/);
    expect(() => engineFigure(P, 'afterRise.NoSuchMetric', 'integer')).toThrow(/no metric "NoSuchMetric"/);
    expect(() => engineFigure('lever-baseline', 'afterRise.Invocations', 'integer')).toThrow(/needs a step up/);
    expect(() => engineFigure(P, 'summary..throttles', 'integer')).toThrow(/not a dotted path/);
  });

  it('simulates a preset once per change, and answers the same text every time', () => {
    engineFigure(P, 'summary.throttles', 'integer');
    const before = cachedRunCount();
    const first = [engineFigure(P, 'summary.maxIteratorAgeMs', 'seconds'), engineFigure(P, 'cost.monthly', 'usd'), engineFigure(P, 'law.average', 'decimal1')];
    const again = [engineFigure(P, 'summary.maxIteratorAgeMs', 'seconds'), engineFigure(P, 'cost.monthly', 'usd'), engineFigure(P, 'law.average', 'decimal1')];
    expect(again).toEqual(first);
    expect(cachedRunCount()).toBe(before);
    engineFigure(P, 'cost.monthly', 'usd', { ShardCount: 5, BatchSize: 50 });
    engineFigure(P, 'cost.monthly', 'usd', { BatchSize: 50, ShardCount: 5 });
    expect(cachedRunCount()).toBe(before + 1);
  });
});
