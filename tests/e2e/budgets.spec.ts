/**
 * Byte budgets of the built pages (issue #9), from dist/ alone: how much JavaScript and CSS
 * each page makes the browser download before the reader does anything, gzip-compressed.
 * Deterministic (no timing), so it can fail only when the pages really grew. The table it
 * writes to test-results/page-weight.md is the one in docs/architecture.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CSS_BUDGET, JS_BUDGET, kilobytes, staticImports, weighPage, type PageWeight } from './support/page-weight.ts';
import { distDir, pagePaths } from './support/pages.ts';

function weighAll(): PageWeight[] {
  return pagePaths().map((page) => weighPage(distDir, page, readFileSync(page.endsWith('/') ? join(distDir, page, 'index.html') : join(distDir, page), 'utf8')));
}

/** The table for docs/architecture.md: one row per kind of page, its heaviest page named. */
function table(weights: PageWeight[]): string {
  const rows = weights.map((w) => `| ${w.page} | ${kilobytes(w.jsTotal)} | ${kilobytes(JS_BUDGET)} | ${kilobytes(w.cssTotal)} | ${kilobytes(CSS_BUDGET)} |`);
  return ['| Page | JavaScript (gzip) | Budget | CSS (gzip) | Budget |', '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

// The issue sets the JavaScript budget for chapter pages; every page is held to it.
test('every page stays within its JavaScript and CSS budgets', () => {
  const weights = weighAll();
  expect(weights.length).toBeGreaterThan(10);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/page-weight.md', `${table(weights)}\n`);

  const over: string[] = [];
  for (const w of weights) {
    const heaviest = (files: { file: string; gzip: number }[]) =>
      [...files]
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 3)
        .map((f) => `${f.file} ${kilobytes(f.gzip)}`)
        .join(', ');
    if (w.jsTotal > JS_BUDGET) over.push(`${w.page}: JavaScript ${kilobytes(w.jsTotal)} is over its ${kilobytes(JS_BUDGET)} budget; heaviest files: ${heaviest(w.js)}`);
    if (w.cssTotal > CSS_BUDGET) over.push(`${w.page}: CSS ${kilobytes(w.cssTotal)} is over its ${kilobytes(CSS_BUDGET)} budget; heaviest files: ${heaviest(w.css)}`);
  }
  expect(over, over.join('\n')).toEqual([]);
});

test('chapter and lab pages load neither the simulation, the schema nor the code editor before the reader acts', () => {
  // These load when the reader opens the editor or changes an experiment; a static import
  // that pulled them into a page would cost every reader tens of kilobytes.
  const pages = weighAll().filter((w) => w.page.startsWith('/chapters/') || w.page.startsWith('/labs/'));
  expect(pages.length).toBeGreaterThan(10);
  for (const w of pages) {
    const files = w.js.map((f) => f.file);
    expect(files.filter((f) => /\/(engine-run|engine-schema|run-job|json-editor|export|compare-kit|checks|judging)\.[^/]*\.js$/.test(f)), w.page).toEqual([]);
  }
});

test('the weighing follows static imports and leaves dynamic ones out', () => {
  const code = 'import{a as b}from"./x.js";import"./y.js";export*from"./z.js";const m=()=>import("./lazy.js");';
  expect(staticImports(code).sort()).toEqual(['./x.js', './y.js', './z.js']);
});
