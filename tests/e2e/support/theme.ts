import { expect, type Page, type Response } from '@playwright/test';

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/**
 * Opens `path` in the given Starlight theme. Starlight's inline ThemeProvider script reads
 * localStorage['starlight-theme'] before first paint, so the value must be there before any
 * page script runs; the media emulation keeps prefers-color-scheme consistent with it for any
 * CSS or script that reads the media query directly.
 */
export async function gotoInTheme(page: Page, path: string, theme: Theme): Promise<Response | null> {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((value) => {
    try {
      localStorage.setItem('starlight-theme', value);
    } catch {
      // about:blank has no storage; the script runs again on the real page.
    }
  }, theme);
  const response = await page.goto(path);
  if (!path.endsWith('404.html')) {
    // A missing page shows up here rather than as a puzzling theme mismatch below.
    expect(response?.status(), `HTTP status of ${path} (is dist/ complete, or being rebuilt?)`).toBe(200);
  }
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.theme), {
      message: `Starlight should show ${path} in the ${theme} theme`,
    })
    .toBe(theme);
  return response;
}
