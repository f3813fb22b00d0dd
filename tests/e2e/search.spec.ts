import { expect, test } from '@playwright/test';

test('search finds the concurrency chapter', async ({ page }) => {
  await page.goto('/');
  const header = page.locator('header');
  // Starlight enables the button once its search element has initialized.
  await header.getByRole('button', { name: 'Search' }).click();

  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  // Pagefind's UI is created when the browser is idle, so its input may appear after the dialog.
  const input = dialog.getByRole('textbox');
  await input.fill('concurrency');

  const result = dialog.locator('a[href*="/chapters/concurrency/"]').first();
  // The first query downloads Pagefind's WebAssembly and index chunks, which on a busy
  // 2-core machine can take longer than the default 5 s.
  await expect(result).toBeVisible({ timeout: 20_000 });
  await result.click();

  await expect(page).toHaveURL(/\/chapters\/concurrency\/(#.*)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Concurrency');
});
