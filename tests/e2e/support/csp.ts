import type { Page } from '@playwright/test';

/**
 * Before the page loads: records every Content Security Policy violation the page reports
 * (`securitypolicyviolation`, which fires even when the blocked code's error is caught).
 * `cspViolations(page)` reads them back.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile || '?'}:${event.lineNumber}${event.sample ? ` ("${event.sample}")` : ''}`);
    });
  });
}

/** The violations recorded since the page loaded, one line each. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['(the recorder was not installed)']);
}
