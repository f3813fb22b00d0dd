/**
 * Every chapter prints cleanly: no controls on paper, every chart with its data (the chart
 * as drawn, or its data table when the reader never scrolled to it), and the address of each
 * link written out. The wrap-up's two-page limit is checked in chapter-wrap-up.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { experiment, PATIENT } from './support/chapter.ts';
import { pagePaths } from './support/pages.ts';

const CHAPTERS = pagePaths().filter((path) => path.startsWith('/chapters/'));

/** Pages in a PDF: its page objects, "/Type /Page" (not "/Pages", the tree that holds them). */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/**
 * What a printed page shows that it should not, or lacks that it should: one line each.
 * Print media alone does not tell the page it is printing, so the page hears 'beforeprint'
 * first, as it does when a browser prints (page.pdf() sends it too: see the last test).
 */
async function printProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    const shown = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const problems: string[] = [];
    for (const control of document.querySelectorAll('main button, main input, main select, main textarea, main [role="slider"]')) {
      if (shown(control)) problems.push(`a control prints: ${control.outerHTML.slice(0, 120)}`);
    }
    for (const chart of document.querySelectorAll('main .lab-chart')) {
      const experimentShown = shown(chart.closest('.experiment') ?? chart);
      if (!experimentShown) continue;
      const canvas = chart.querySelector('canvas');
      const table = chart.querySelector('table');
      const title = chart.querySelector('figcaption')?.textContent?.trim() ?? '?';
      const drawn = chart.getAttribute('data-drawn') === 'true';
      if (drawn && !(canvas && shown(canvas))) problems.push(`the drawn chart "${title}" does not print`);
      if (!drawn && !(table && shown(table))) problems.push(`the chart "${title}" was never drawn and its data table does not print`);
    }
    for (const link of document.querySelectorAll('.sl-markdown-content a[href]:not([href^="#"])')) {
      if (!shown(link)) continue;
      const after = getComputedStyle(link, '::after').content;
      if (!after.includes(link.getAttribute('href') ?? '\u0000')) problems.push(`the link "${link.textContent?.trim()}" prints without its address`);
    }
    return problems;
  });
}

for (const path of CHAPTERS) {
  test(`${path} prints without controls, with every chart's data and every link's address`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(path);
    await page.emulateMedia({ media: 'print' });
    expect(await printProblems(page)).toEqual([]);
    const pages = pageCount(await page.pdf({ format: 'A4', printBackground: false }));
    expect(pages, `${path} prints on ${pages} pages`).toBeGreaterThan(0);
  });
}

test('a chart the reader has seen prints as drawn, with the run the reader made', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/chapters/batching/');
  const root = await experiment(page, 'latency-cost');
  const invocations = root.getByTestId('outcome-invocations');
  const before = await invocations.innerText();
  await root.getByTestId('knobs-a').getByRole('slider', { name: /^MaximumBatchingWindowInSeconds/ }).focus();
  await page.keyboard.press('End');
  await expect(invocations).not.toHaveText(before, PATIENT);
  const chart = root.locator('.lab-chart').first();
  await expect(chart).toHaveAttribute('data-drawn', 'true', PATIENT);
  await page.emulateMedia({ media: 'print' });
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('table')).toBeHidden();
  // The outcomes print with the reader's run, not the chapter's.
  await expect(invocations).toBeVisible();
  await expect(invocations).not.toHaveText(before);
  expect(await printProblems(page)).toEqual([]);
});

test('printing copies the tables of charts not drawn yet out of their <noscript>, and removes them after', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/chapters/throughput/');
  const holders = page.locator('noscript[data-lab-print-table]');
  // Nothing scrolled into view: the experiment's charts are not drawn, their tables wait in <noscript>.
  expect(await holders.count()).toBeGreaterThan(0);
  await page.evaluate(() => {
    const seen = ((window as unknown as { seenWhilePrinting: number[] }).seenWhilePrinting = [] as number[]);
    window.addEventListener('beforeprint', () => queueMicrotask(() => seen.push(document.querySelectorAll('.lab-chart__print-table table').length)));
  });
  await page.pdf({ format: 'A4' });
  const seen = await page.evaluate(() => (window as unknown as { seenWhilePrinting: number[] }).seenWhilePrinting);
  expect(seen).toEqual([await holders.count()]);
  await expect(page.locator('.lab-chart__print-table')).toHaveCount(0);
});
