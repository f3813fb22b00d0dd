import { expect, test } from '@playwright/test';
import { pagePaths, scrollThrough, slugFor } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

const WIDTHS = [1280, 390] as const;
const SCREENSHOT_DIR = 'test-results/screenshots';

for (const path of pagePaths()) {
  for (const width of WIDTHS) {
    for (const theme of THEMES) {
      test(`${path} at ${width}px in ${theme} theme: screenshot, no horizontal overflow`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await gotoInTheme(page, path, theme);
        await scrollThrough(page);
        await page.waitForLoadState('networkidle');
        // Web fonts change layout and must be in before the picture and the overflow check.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));

        await page.screenshot({
          path: `${SCREENSHOT_DIR}/${slugFor(path)}-${width}-${theme}.png`,
          fullPage: true,
          animations: 'disabled',
        });

        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
          const viewport = window.innerWidth;
          // Names the element sticking out furthest, so a failure says what to fix.
          let widest = '';
          let right = viewport + 1;
          for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > right) {
              right = r.right;
              const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
              widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge ${Math.round(r.right)}px)`;
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: viewport, widest };
        });
        expect(
          scrollWidth,
          `${path} at ${width}px overflows horizontally (scrollWidth ${scrollWidth} > ${innerWidth}); widest element: ${widest || 'unknown'}`,
        ).toBeLessThanOrEqual(innerWidth + 1);
      });
    }
  }
}
