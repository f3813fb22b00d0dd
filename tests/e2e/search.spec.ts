import { expect, test, type Page } from '@playwright/test';

/** Pagefind's UI, bundled by Starlight's search script. */
const SEARCH_UI = /\/_astro\/ui-core\.[\w-]+\.js$/;

/** Every request the page makes for Pagefind's UI, from now on. */
function watchSearchUi(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (SEARCH_UI.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}

test('search finds the concurrency chapter', async ({ page }) => {
  await page.goto('/');
  const header = page.locator('header');
  // Starlight enables the button once its search element has initialized.
  await header.getByRole('button', { name: 'Search' }).click();

  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  // Pagefind's UI is built as the dialog first opens, so its input appears just after the dialog.
  const input = dialog.getByRole('textbox');
  await expect(input).toBeFocused();
  await input.fill('concurrency');

  const result = dialog.locator('a[href*="/chapters/concurrency/"]').first();
  // The first query downloads Pagefind's WebAssembly and index chunks, which on a busy
  // 2-core machine can take longer than the default 5 s.
  await expect(result).toBeVisible({ timeout: 20_000 });
  await result.click();

  await expect(page).toHaveURL(/\/chapters\/concurrency\/(#.*)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Concurrency');
});

test('a page does not download the search UI until the reader reaches for search', async ({ page }) => {
  const requests = watchSearchUi(page);
  await page.goto('/chapters/batching/');
  await page.waitForLoadState('load');
  // Starlight used to build it on the first idle moment after load: give that time to pass.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 1500))));
  expect(requests, 'Pagefind UI requested before any interaction').toEqual([]);

  // Pointing at the button is enough to start the download, before the click.
  const button = page.locator('header').getByRole('button', { name: 'Search' });
  const downloaded = page.waitForRequest((request) => SEARCH_UI.test(new URL(request.url()).pathname));
  await button.hover();
  await downloaded;
  expect(requests).toHaveLength(1);
});

test('Ctrl+K opens search on a fresh page, with the input focused', async ({ page }) => {
  const requests = watchSearchUi(page);
  await page.goto('/chapters/filtering/');
  await page.waitForLoadState('load');
  // Starlight enables the button when its script has run; the shortcut is set up at the same time.
  await expect(page.locator('header').getByRole('button', { name: 'Search' })).toBeEnabled();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('textbox');
  await expect(input).toBeFocused();
  await input.fill('filter pattern');
  await expect(dialog.locator('a[href*="/chapters/filtering/"]').first()).toBeVisible({ timeout: 20_000 });
  expect(requests).toHaveLength(1);
});

test('when the search UI cannot load, the dialog says so and the next opening tries again', async ({ page }) => {
  await page.route(SEARCH_UI, (route) => route.abort('internetdisconnected'));
  await page.goto('/chapters/intro/');
  const button = page.locator('header').getByRole('button', { name: 'Search' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await expect(dialog.getByRole('alert')).toContainText('Search could not be loaded');
  await expect(dialog.getByRole('textbox')).toHaveCount(0);

  // The page goes on working: close, let the file through, open again.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.unroute(SEARCH_UI);
  await button.click();
  await expect(dialog.getByRole('textbox')).toBeFocused();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
});
