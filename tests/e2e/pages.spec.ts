import { expect, test } from '@playwright/test';
import { cspViolations, recordCspViolations } from './support/csp.ts';
import { pagePaths, scrollThrough, traceIntersections } from './support/pages.ts';

for (const path of pagePaths()) {
  test(`${path} loads without errors or Content Security Policy violations`, async ({ page }) => {
    // Scrolling a long chapter through hydrates every experiment on it: give it room.
    test.setTimeout(150_000);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));

    await traceIntersections(page);
    await recordCspViolations(page);
    const response = await page.goto(path);
    expect(response, `no response for ${path}`).not.toBeNull();
    // The 404 page is only checked for loading: a real host serves it with status 404.
    if (path !== '/404.html') expect(response?.status(), `HTTP status of ${path}`).toBe(200);
    await expect(page.locator('main')).toBeVisible();

    // Hydrated islands run code, and only then can they throw.
    await scrollThrough(page);
    await page.waitForLoadState('networkidle');

    expect(errors, `errors on ${path}:\n${errors.join('\n')}`).toEqual([]);
    // Every island has run its code by now, so anything the policy blocks has been tried.
    expect(await cspViolations(page), `Content Security Policy violations on ${path}`).toEqual([]);
  });
}
