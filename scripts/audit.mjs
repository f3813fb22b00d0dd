#!/usr/bin/env node
// `npm run audit`: Lighthouse over every chapter and every lab page of the built site, with
// Lighthouse's default settings (a mid-range phone on a slow 4G network, simulated), one page
// at a time in a fresh headless Chromium. Writes an HTML report per page and a summary
// (JSON and Markdown) to reports/lighthouse/, prints a table of the four category scores and
// exits with status 1 naming each page and category below its target.
//
//   npm run audit                        every chapter and lab in dist/ (built first if missing)
//   npm run audit -- --build             rebuild dist/ first
//   npm run audit -- /chapters/intro/    only the pages named
//   npm run audit -- --runs=3            each page 3 times; the run with the median performance score counts
//   npm run audit -- --cpu-slowdown=10   a heavier CPU throttle than the preset's 4, to see how a page
//                                        would score on a slower machine (scores are not comparable
//                                        with the preset's; the targets are for the preset)
//
// Not part of `npm test`: a run takes minutes, and scores move with the machine's load.
import { mkdirSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/support/chromium.mjs';
import { DIST, ROOT, ensureBuild, freePort, serveDist } from './serve-dist.mjs';

const REPORT_DIR = join(ROOT, 'reports', 'lighthouse');

/** The targets of issue #9, as Lighthouse scores from 0 to 100. */
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95 };
const CATEGORIES = /** @type {(keyof typeof TARGETS)[]} */ (Object.keys(TARGETS));

/** The metrics the performance score is made of, for the summary. */
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/**
 * Every chapter and lab page in dist/, read from the build so that a new page is audited
 * without anyone editing a list.
 * @returns {string[]} URL paths such as '/chapters/intro/'
 */
function auditedPages() {
  const pages = [];
  for (const section of ['chapters', 'labs']) {
    const dir = join(DIST, section);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(dir, entry.name, 'index.html'))) pages.push(`/${section}/${entry.name}/`);
    }
  }
  return pages.sort();
}

/** '/chapters/intro/' → 'chapters-intro', for file names. */
function slugFor(path) {
  return path.split('/').filter(Boolean).join('-');
}

/**
 * Runs Lighthouse on one URL in a Chromium of its own, so no page inherits another's cache,
 * service worker or leftover work. Lighthouse's default config is the mobile preset.
 * @param {string} url
 * @param {string} chromePath
 * @param {number} debugPort  Chromium's DevTools port, free and in our range like the server's
 *   (chrome-launcher would otherwise pick any port, and would reuse a Chromium found on this one).
 */
async function auditPage(url, chromePath, debugPort, cpuSlowdown) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    port: debugPort,
    // The project's container flags (no sandbox: we run as root; no background traffic:
    // there is no internet), plus the new headless mode, which renders like headed Chrome.
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    // The preset's throttling with only the CPU multiplier changed, when one is asked for
    // (Lighthouse merges these settings into its defaults).
    const config = cpuSlowdown === undefined ? undefined : { extends: 'lighthouse:default', settings: { throttling: { cpuSlowdownMultiplier: cpuSlowdown } } };
    const result = await lighthouse(url, { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: CATEGORIES }, config);
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    return { lhr: result.lhr, html: /** @type {string} */ (result.report) };
  } finally {
    chrome.kill();
  }
}

/**
 * Of several runs of one page, the one with the median performance score. Scores move from
 * run to run (more so on a shared two-core machine); Lighthouse's docs advise the median of
 * several runs over any single one.
 * @template {{ lhr: any }} R
 * @param {R[]} runs
 * @returns {R}
 */
function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0));
  return /** @type {R} */ (sorted[Math.floor(sorted.length / 2)]);
}

/**
 * The audits that cost a category points, worst first: failed audits for accessibility,
 * best practices and SEO; for performance, the insights and diagnostics that name savings.
 * @param {any} lhr
 * @param {string} category
 */
function findings(lhr, category) {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  const out = [];
  for (const ref of refs) {
    const audit = lhr.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 0.9) continue;
    if (['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode)) continue;
    // Metrics are listed with their values instead.
    if (ref.group === 'metrics') continue;
    out.push({ id: ref.id, title: audit.title, score: audit.score, weight: ref.weight, displayValue: audit.displayValue ?? '' });
  }
  return out.sort((a, b) => b.weight - a.weight || a.score - b.score);
}

/** What is kept of one page's run: scores 0–100, the metrics, and what cost points. */
function summarise(path, lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
  const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue ?? '']));
  const below = CATEGORIES.filter((c) => scores[c] < TARGETS[c]);
  const costs = Object.fromEntries(CATEGORIES.map((c) => [c, findings(lhr, c)]));
  const opportunities = Object.values(lhr.audits)
    .filter((a) => a.details?.overallSavingsMs > 0 || a.details?.overallSavingsBytes > 0)
    .map((a) => ({ id: a.id, title: a.title, savingsMs: Math.round(a.details.overallSavingsMs ?? 0), savingsKiB: Math.round((a.details.overallSavingsBytes ?? 0) / 1024) }))
    .sort((a, b) => b.savingsMs - a.savingsMs || b.savingsKiB - a.savingsKiB);
  const totalKiB = Math.round((lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1024);
  return { path, scores, below, metrics, totalKiB, costs, opportunities };
}

/** '≥ 95', or '100' where nothing less will do. */
function targetText(category) {
  return TARGETS[category] === 100 ? '100' : `≥ ${TARGETS[category]}`;
}

function pad(text, width) {
  return String(text).padEnd(width);
}

/** The console table: page × the four categories, ✘ on a score below its target. */
function table(rows) {
  const width = Math.max(4, ...rows.map((r) => r.path.length));
  const header = `${pad('page', width)}  ${CATEGORIES.map((c) => pad(c, 15)).join('')}`;
  const lines = rows.map((r) => `${pad(r.path, width)}  ${CATEGORIES.map((c) => pad(`${r.scores[c]}${r.scores[c] < TARGETS[c] ? ' ✘' : ''}`, 15)).join('')}`);
  const targets = `${pad('target', width)}  ${CATEGORIES.map((c) => pad(targetText(c), 15)).join('')}`;
  return [header, ...lines, targets].join('\n');
}

/** How hard the CPU was throttled and how fast this machine measured: scores are read beside both. */
function machineLine(meta) {
  const index = `${Math.min(...meta.benchmarkIndex)}–${Math.max(...meta.benchmarkIndex)}`;
  return `CPU slowed ${meta.cpuSlowdown}× (simulated); Lighthouse's benchmark index of this machine during the counted runs: ${index}.`;
}

/** The summary as Markdown: the table, then per page the metrics and what cost points. */
function markdown(rows, meta) {
  const out = [
    `# Lighthouse ${meta.lighthouseVersion}, ${meta.date}`,
    '',
    `Mobile preset, ${machineLine(meta)} ${meta.chromium}, ${meta.cores} cores.`,
    '',
    `| page | ${CATEGORIES.join(' | ')} | LCP | TBT | total KiB |`,
    `| --- | ${CATEGORIES.map(() => '---').join(' | ')} | --- | --- | --- |`,
    ...rows.map((r) => `| ${r.path} | ${CATEGORIES.map((c) => `${r.scores[c]}${r.scores[c] < TARGETS[c] ? ' ✘' : ''}`).join(' | ')} | ${r.metrics['largest-contentful-paint']} | ${r.metrics['total-blocking-time']} | ${r.totalKiB} |`),
    `| target | ${CATEGORIES.map(targetText).join(' | ')} | | | |`,
    '',
  ];
  for (const r of rows) {
    out.push(`## ${r.path}`, '', METRICS.map((m) => `${m}: ${r.metrics[m]}`).join(', '), '');
    for (const c of CATEGORIES) {
      for (const f of r.costs[c]) out.push(`- ${c}: ${f.title} (${f.id}${f.displayValue ? `, ${f.displayValue}` : ''})`);
    }
    for (const o of r.opportunities.slice(0, 6)) out.push(`- opportunity: ${o.title} (${o.id}: ${o.savingsMs} ms, ${o.savingsKiB} KiB)`);
    out.push('');
  }
  return out.join('\n');
}

function writeSummary(rows, meta) {
  writeFileSync(join(REPORT_DIR, 'summary.json'), `${JSON.stringify({ ...meta, pages: rows }, null, 2)}\n`);
  writeFileSync(join(REPORT_DIR, 'summary.md'), markdown(rows, meta));
}

/**
 * The command line, checked: every argument is a page path, --build, --runs=N or
 * --cpu-slowdown=N; anything else is refused with a message naming it.
 * @param {string[]} args
 * @returns {{ pages: string[], build: boolean, runCount: number, cpuSlowdown: number | undefined } | { error: string }}
 */
function parseArguments(args) {
  const options = { pages: /** @type {string[]} */ ([]), build: false, runCount: 1, cpuSlowdown: /** @type {number | undefined} */ (undefined) };
  for (const arg of args) {
    if (arg.startsWith('/')) options.pages.push(arg.endsWith('/') ? arg : `${arg}/`);
    else if (arg === '--build') options.build = true;
    else if (arg.startsWith('--runs=')) {
      const value = arg.slice('--runs='.length);
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 9) return { error: `--runs is "${value}"; it takes a whole number from 1 to 9.` };
      options.runCount = Number(value);
    } else if (arg.startsWith('--cpu-slowdown=')) {
      const value = arg.slice('--cpu-slowdown='.length);
      const n = Number(value);
      if (value === '' || !Number.isFinite(n) || n < 1 || n > 20) return { error: `--cpu-slowdown is "${value}"; it takes a number from 1 to 20 (the mobile preset uses 4).` };
      options.cpuSlowdown = n;
    } else return { error: `"${arg}" is not an option; give page paths such as /chapters/intro/, --build, --runs=N (1–9) or --cpu-slowdown=N (1–20).` };
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if ('error' in options) {
    console.error(`npm run audit: ${options.error}`);
    process.exit(2);
  }
  ensureBuild(options.build);
  const { runCount, cpuSlowdown } = options;
  const pages = options.pages.length > 0 ? options.pages : auditedPages();
  const missing = pages.filter((path) => !existsSync(join(DIST, path, 'index.html')));
  if (missing.length > 0) {
    console.error(`npm run audit: no page in dist/ at ${missing.join(', ')}; the chapters and labs are ${auditedPages().join(', ')}.`);
    process.exit(2);
  }
  const chromePath = findChromium();
  if (!chromePath) {
    console.error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROMIUM_PATH.');
    process.exit(2);
  }
  mkdirSync(REPORT_DIR, { recursive: true });
  const serverPort = await freePort();
  const server = await serveDist(serverPort);
  console.log(`Serving dist/ at ${server.origin}; auditing ${pages.length} pages (${runCount} run${runCount === 1 ? '' : 's'} each) with ${chromePath}.`);

  const rows = [];
  let meta;
  try {
    for (const path of pages) {
      const started = Date.now();
      const runs = [];
      for (let i = 0; i < runCount; i++) runs.push(await auditPage(`${server.origin}${path}`, chromePath, await freePort([serverPort]), cpuSlowdown));
      const { lhr, html } = medianRun(runs);
      writeFileSync(join(REPORT_DIR, `${slugFor(path)}.html`), html);
      writeFileSync(join(REPORT_DIR, `${slugFor(path)}.json`), JSON.stringify(lhr));
      const row = summarise(path, lhr);
      rows.push(row);
      meta ??= { lighthouseVersion: lhr.lighthouseVersion, chromium: lhr.environment?.hostUserAgent?.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium', cores: cpus().length, date: new Date().toISOString(), targets: TARGETS, cpuSlowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier, benchmarkIndex: [] };
      // Lighthouse's measure of this machine's speed while the page ran: scores from a slower
      // machine (a lower index) are lower, so the figures are only comparable beside it.
      meta.benchmarkIndex.push(Math.round(lhr.environment?.benchmarkIndex ?? 0));
      // After every page, so a run stopped half-way still leaves the pages it finished.
      writeSummary(rows, meta);
      console.log(`  ${path}: ${CATEGORIES.map((c) => `${c} ${row.scores[c]}`).join(', ')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await server.close();
  }

  console.log(`\n${table(rows)}\n\n${meta ? machineLine(meta) : ''}`);
  console.log(`Reports: ${REPORT_DIR}/ (an HTML and a JSON report per page, summary.json, summary.md)`);

  const misses = rows.flatMap((r) => r.below.map((c) => `${r.path} ${c} ${r.scores[c]} < ${TARGETS[c]}`));
  if (misses.length > 0) {
    console.error(`\nBelow target (${misses.length}):\n${misses.map((m) => `  ${m}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nEvery page meets every target.');
}

await main();
