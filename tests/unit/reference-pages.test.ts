/**
 * The reference pages cannot drift from the chapters:
 * - every AWS page linked from a chapter (content/**\/*.mdx) or from docs/engine.md is listed
 *   on content/reference/references.mdx; the failure names each missing link and its files;
 * - every glossary link in the content (/reference/glossary/#term) has its entry, and the
 *   glossary is in alphabetical order, each entry linking a chapter that exists and an AWS page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const REFERENCES = 'content/reference/references.mdx';
const GLOSSARY = 'content/reference/glossary.mdx';

function mdxFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return mdxFiles(path);
    return entry.name.endsWith('.mdx') ? [path] : [];
  });
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** AWS documentation and aws.amazon.com links in a text; trailing punctuation and fragments are dropped (a page is a page). */
function awsLinks(text: string): string[] {
  const found = text.match(/https:\/\/(?:docs\.aws\.amazon\.com|aws\.amazon\.com)\/[^\s)"'<>`\]]*/g) ?? [];
  return found.map((url) => url.replace(/[.,;:!?]+$/, '').replace(/#.*$/, ''));
}

describe('the references page', () => {
  it('finds links, dropping fragments and trailing punctuation', () => {
    expect(awsLinks('See [x](https://docs.aws.amazon.com/a/b.html#c). And https://aws.amazon.com/lambda/pricing/, then <https://example.com/x>.')).toEqual([
      'https://docs.aws.amazon.com/a/b.html',
      'https://aws.amazon.com/lambda/pricing/',
    ]);
  });

  it('lists every AWS page the chapters and docs/engine.md link to', () => {
    const listed = new Set(awsLinks(read(REFERENCES)));
    const missing = new Map<string, Set<string>>();
    const sources = [...mdxFiles('content'), 'docs/engine.md'];
    for (const file of sources) {
      for (const url of awsLinks(read(file))) {
        if (listed.has(url)) continue;
        if (!missing.has(url)) missing.set(url, new Set());
        missing.get(url)!.add(file);
      }
    }
    const report = [...missing].map(([url, files]) => `  ${url}  (linked from ${[...files].join(', ')})`).join('\n');
    expect(
      missing.size,
      `${missing.size} AWS link(s) are not on ${REFERENCES}; add each under its group with what the site uses it for:\n${report}`,
    ).toBe(0);
  });
});

interface Entry {
  id: string;
  term: string;
  definition: string;
}

function glossaryEntries(): Entry[] {
  const text = read(GLOSSARY);
  const entries: Entry[] = [];
  const pattern = /<dt id="([^"]+)"><a href="#([^"]+)">([^<]+)<\/a><\/dt>\s*<dd>([\s\S]*?)<\/dd>/g;
  for (const match of text.matchAll(pattern)) {
    const [, id, href, term, definition] = match;
    expect(href, `glossary entry "${term}" links to #${href}, not to itself (#${id})`).toBe(id);
    entries.push({ id: id!, term: term!, definition: definition! });
  }
  // Every <dt> is an entry the pattern read: a differently written one would escape the checks.
  expect(entries.length, 'every <dt> of the glossary must be written <dt id="x"><a href="#x">Term</a></dt> followed by <dd>…</dd>').toBe(text.match(/<dt\b/g)?.length ?? 0);
  return entries;
}

describe('the glossary', () => {
  const entries = glossaryEntries();
  const key = (term: string) => term.toLowerCase().replace(/'/g, '');

  it('is in alphabetical order, one entry per anchor', () => {
    const terms = entries.map((e) => e.term);
    expect(terms).toEqual([...terms].sort((a, b) => key(a).localeCompare(key(b), 'en')));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.length).toBeGreaterThan(20);
  });

  it('links each term to a chapter that exists and to an AWS page listed on the references page', () => {
    const chapters = new Set(mdxFiles('content/chapters').map((f) => f.replace(/^content\/chapters\/(.*)\.mdx$/, '$1')));
    const listed = new Set(awsLinks(read(REFERENCES)));
    for (const entry of entries) {
      const linked = [...entry.definition.matchAll(/\]\(\/chapters\/([^/)]+)\/\)/g)].map((m) => m[1]!);
      expect(linked.length, `glossary "${entry.term}" names no chapter`).toBeGreaterThan(0);
      for (const chapter of linked) expect(chapters.has(chapter), `glossary "${entry.term}" links /chapters/${chapter}/, which does not exist`).toBe(true);
      const aws = awsLinks(entry.definition);
      expect(aws.length, `glossary "${entry.term}" links no AWS page`).toBeGreaterThan(0);
    }
    expect(listed.size).toBeGreaterThan(0);
  });

  it('has an entry for every glossary link in the content', () => {
    const ids = new Set(entries.map((e) => e.id));
    const broken: string[] = [];
    for (const file of mdxFiles('content')) {
      for (const match of read(file).matchAll(/\/reference\/glossary\/#([A-Za-z0-9_-]+)/g)) {
        if (!ids.has(match[1]!)) broken.push(`${relative('.', file)}: #${match[1]}`);
      }
    }
    expect(broken, `glossary links without an entry (add the term, or fix the anchor):\n${broken.join('\n')}`).toEqual([]);
  });
});

describe('about the model', () => {
  it('lists every assumption of the engine with the default a scenario gets', async () => {
    const { parseScenario } = await import('../../engine/index.ts');
    const { assumptionRows, priceBasis } = await import('../../src/reference/model-facts.ts');
    const minimal = { name: 'm', durationSeconds: 10, source: { type: 'kinesis', ShardCount: 1 }, producer: { rate: [{ at: 0, recordsPerSecond: 1 }], recordSizeBytes: 100 }, function: { duration: { baseMs: 10 } } };
    const parsed = parseScenario(minimal);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
    const rows = new Map(assumptionRows().map((r) => [r.field, r]));
    for (const [name, value] of Object.entries(parsed.value.assumptions)) {
      const row = rows.get(`assumptions.${name}`);
      expect(row, `assumptions.${name} is missing from the page`).toBeDefined();
      expect(Number(row!.defaultText.split(' ')[0]!.replace(/,/g, '')), `default of assumptions.${name}`).toBe(value);
      expect(row!.meaning.length).toBeGreaterThan(10);
    }
    expect(rows.get('function.duration.coldStartMs')?.defaultText).toBe(`${parsed.value.function.duration.coldStartMs} ms`);
    expect(priceBasis().date).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  });
});
