import { errors, expect, test, type Page } from '@playwright/test';
import { pagePaths, scrollThrough, slugFor, traceIntersections } from './support/pages.ts';
import { gotoInTheme, THEMES, type Theme } from './support/theme.ts';

const WIDTHS = [1280, 390] as const;
const SCREENSHOT_DIR = 'test-results/screenshots';

/** How far the page sticks out sideways, and the element sticking out furthest (to say what to fix). */
function measureOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string }> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    let widest = '';
    let right = viewport + 1;
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > right) {
        right = r.right;
        const cls =
          typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge ${Math.round(r.right)}px)`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: viewport, widest };
  });
}

async function loadAndSettle(page: Page, path: string, theme: Theme): Promise<void> {
  await traceIntersections(page);
  await gotoInTheme(page, path, theme);
  await scrollThrough(page);
  await page.waitForLoadState('networkidle');
  // Web fonts change layout, so they must be in before the picture and the overflow check.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function shoot(page: Page, path: string, width: number, theme: Theme): Promise<void> {
  // Each width is a fresh load at that size, as a phone or desktop reader would get it,
  // not a resize of a page laid out for another width.
  await page.setViewportSize({ width, height: 900 });
  await loadAndSettle(page, path, theme);

  const file = `${SCREENSHOT_DIR}/${slugFor(path)}-${width}-${theme}.png`;
  const capture = (): Promise<Buffer> => page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 20_000 });
  try {
    await capture();
  } catch (error) {
    // On a loaded 2-core machine Chromium's software compositor has, rarely, stopped handing
    // out frames for a tall page, and a full-page capture then waits forever. The picture is
    // an artifact, not an assertion, so reload once and say so in the report.
    if (!(error instanceof errors.TimeoutError)) throw error;
    const description = `full-page screenshot of ${path} at ${width}px (${theme}) timed out; reloaded and retried once`;
    test.info().annotations.push({ type: 'warning', description });
    console.warn(description);
    await loadAndSettle(page, path, theme);
    await capture();
  }

  const { scrollWidth, innerWidth, widest } = await measureOverflow(page);
  // Soft, so the other width is still photographed and checked when this one fails.
  expect
    .soft(
      scrollWidth,
      `${path} (${theme}) at ${width}px overflows horizontally: scrollWidth ${scrollWidth} > ${innerWidth}; furthest element: ${widest || 'none found'}`,
    )
    .toBeLessThanOrEqual(innerWidth + 1);
}

for (const path of pagePaths()) {
  for (const theme of THEMES) {
    // One test per page and theme shares the browser context across the widths, which saves
    // a renderer start per screenshot on small CI machines.
    test(`${path} in ${theme} theme: screenshots at ${WIDTHS.join(' and ')} px, no horizontal overflow`, async ({ page }) => {
      // Two full loads and two full-page captures (plus a possible retry), not one page's budget.
      test.setTimeout(180_000);
      for (const width of WIDTHS) {
        await test.step(`${width} px`, () => shoot(page, path, width, theme));
      }
    });
  }
}
