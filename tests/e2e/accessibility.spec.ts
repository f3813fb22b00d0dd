import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pagePaths, scrollThrough, traceIntersections } from './support/pages.ts';
import { gotoInTheme, THEMES } from './support/theme.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const path of pagePaths()) {
  for (const theme of THEMES) {
    test(`${path} in ${theme} theme has no axe violations`, async ({ page }) => {
      // Long chapters (eight experiments on the observability page) take a while to hydrate and scan.
      test.setTimeout(180_000);
      await traceIntersections(page);
      await gotoInTheme(page, path, theme);
      // Islands must have rendered their hydrated markup, which is what readers get.
      await scrollThrough(page);
      await page.waitForLoadState('networkidle');

      const { violations } = await new AxeBuilder({ page })
        .withTags(WCAG_TAGS)
        // Every rule still runs and every violating node is reported; this only stops axe
        // from itemising each passing node, which roughly halves its time per page.
        .options({ resultTypes: ['violations'] })
        .analyze();

      const report = violations
        .map((v) => {
          const targets = v.nodes.map((n) => {
            const why = n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : '';
            return `    - ${n.target.join(' ')}${why}`;
          });
          return `[${v.id}] (${v.impact ?? 'n/a'}) ${v.help}\n  ${v.helpUrl}\n${targets.join('\n')}`;
        })
        .join('\n');
      expect(violations.map((v) => v.id), `axe violations on ${path} (${theme}):\n${report}`).toEqual([]);
    });
  }
}
