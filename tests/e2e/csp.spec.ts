/**
 * The Content Security Policy (src/integrations/csp-policy.ts): every built page carries it
 * first in <head>, dist/_headers repeats it for hosts that read that file, it never allows
 * `eval` or inline scripts it does not name, and the things a reader does that load code
 * (a run in the worker, the code editor, search, the filter playground) break none of it.
 * pages.spec.ts checks every page for violations after hydrating all its islands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { headersFile, policyFor } from '../../src/integrations/csp-policy.ts';
import { experiment, knob, PATIENT } from './support/chapter.ts';
import { cspViolations, recordCspViolations } from './support/csp.ts';
import { distDir, pagePaths } from './support/pages.ts';

const htmlOf = (path: string): string => readFileSync(path.endsWith('/') ? join(distDir, path, 'index.html') : join(distDir, path), 'utf8');

test('every built page carries its policy first in <head>, without eval or unnamed inline scripts', () => {
  const pages = pagePaths();
  expect(pages.length).toBeGreaterThan(10);
  for (const path of pages) {
    const html = htmlOf(path);
    const head = /<head\b[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    expect(head, `${path}: the policy must be the first element of <head>`).not.toBeNull();
    const policy = head![1]!.replace(/&quot;/g, '"');
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
    expect(scriptSrc, path).not.toContain("'unsafe-eval'");
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(policy, path).toContain("object-src 'none'");
    // The policy names exactly the page's inline scripts (worked out again from the page without it).
    const withoutMeta = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(policy, path).toBe(policyFor(withoutMeta));
  }
});

test('dist/_headers gives every page the same policy as a header, with frame-ancestors', () => {
  const headers = readFileSync(join(distDir, '_headers'), 'utf8');
  const pages = pagePaths().map((path) => ({ path, html: htmlOf(path) }));
  expect(headers).toBe(headersFile(pages));
  for (const { path } of pages) expect(headers, path).toContain(`\n${path}\n  Content-Security-Policy: `);
  expect(headers).toContain("frame-ancestors 'none'");
});

test('an inline script the policy does not name is blocked and reported', async ({ page }) => {
  // The recorder and the policy really work together: without this, a silent recorder would pass every page.
  await recordCspViolations(page);
  await page.goto('/reference/glossary/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ranInjected = true;';
    document.body.append(script);
  });
  await expect.poll(() => cspViolations(page)).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { __ranInjected?: boolean }).__ranInjected)).toBeUndefined();
});

async function expectNoViolations(page: Page, when: string): Promise<void> {
  expect(await cspViolations(page), when).toEqual([]);
}

test('running an experiment, opening the editor and searching break no rule of the policy', async ({ page }) => {
  test.setTimeout(120_000);
  await recordCspViolations(page);
  await page.goto('/chapters/batching/');
  const root = await experiment(page, 'latency-cost');
  // A run in the Web Worker, with the scenario schema loaded on demand.
  const invocations = root.getByTestId('outcome-invocations');
  const before = await invocations.innerText();
  await knob(root, 'MaximumBatchingWindowInSeconds').focus();
  await page.keyboard.press('End');
  await expect(invocations).not.toHaveText(before, PATIENT);
  // The code editor (CodeMirror, loaded when opened) and its scenario help.
  await root.getByText('Edit the whole scenario as JSON').click();
  await expect(root.getByTestId('scenario-editor')).toHaveAttribute('data-ready', 'true', PATIENT);
  // Search downloads Pagefind's WebAssembly.
  await page.locator('header').getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('textbox').fill('shards');
  await expect(dialog.locator('a[href*="/chapters/"]').first()).toBeVisible({ timeout: 20_000 });
  await expectNoViolations(page, 'after a run, the editor and a search');
});

test('the filter playground checks and bills a pattern without breaking the policy', async ({ page }) => {
  test.setTimeout(120_000);
  await recordCspViolations(page);
  await page.goto('/chapters/filtering/');
  const lab = page.getByTestId('filter-lab');
  await lab.scrollIntoViewIfNeeded();
  const editor = lab.getByTestId('pattern-editor');
  await editor.scrollIntoViewIfNeeded();
  await expect(editor).toHaveAttribute('data-ready', 'true', PATIENT);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"data": {"speed": [{"numeric": [">", 100]}]}}');
  await expect(lab.getByTestId('pattern-status')).toHaveAttribute('data-state', 'valid', PATIENT);
  await expect(lab.getByTestId('results')).toHaveAttribute('data-stale', 'false', PATIENT);
  await expectNoViolations(page, 'after checking and billing a pattern');
});
