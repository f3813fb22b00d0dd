import { expect, test, type Page, type Response } from '@playwright/test';
import { consoleErrors, experiment, knob, PATIENT } from './support/chapter.ts';

// The built site after one visit, with the network gone (a lab room's Wi-Fi dropping): the
// service worker (src/integrations/offline.ts) answers pages, scripts, the experiment's Web
// Worker and the search files from its precache.
// A lab, since lab rooms are where the network fails; its first step's experiment.
const CHAPTER = '/labs/poison-pill/';
const NEVER_VISITED = '/instructors/scoreboard/';
const EXPERIMENT = 'poison-pill-step-1';
const KNOB = 'MaximumRetryAttempts';

// The other specs block service workers (playwright.config.ts), so that each test does not
// precache the whole site in the background; this one is about them.
test.use({ serviceWorkers: 'allow' });

/** Waits until the worker has precached the site and controls the page. */
async function untilControlled(page: Page): Promise<void> {
  // `ready` settles once a worker is active, and it is only activated after install has
  // cached every file.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  // clients.claim() may land a moment after `ready`; a reload is controlled for sure.
  if (!(await controlled())) await page.reload();
  await expect.poll(controlled).toBe(true);
}

function fromCache(response: Response | null, path: string): void {
  expect(response, `no response for ${path}`).not.toBeNull();
  expect(response?.fromServiceWorker(), `${path} answered by the service worker`).toBe(true);
  expect(response?.status(), `HTTP status of ${path}`).toBe(200);
}

test.describe('offline after one visit', () => {
  // Precaching the whole site, then a Kinesis run in a Web Worker: give a busy machine time.
  test.describe.configure({ timeout: 120_000 });

  test('a visited lab, its experiment and a page never visited all work offline', async ({ page, context }) => {
    const errors = consoleErrors(page);
    // The workbench falls back to running on the page when its worker cannot start, which
    // would hide a worker script missing from the cache; it says so with this warning.
    const fallbacks: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().includes('A worker stopped')) fallbacks.push(message.text());
    });

    await page.goto(CHAPTER);
    await untilControlled(page);
    await context.setOffline(true);

    await test.step('the lab reloads from the cache', async () => {
      fromCache(await page.reload(), CHAPTER);
      await expect(page.getByRole('heading', { level: 1, name: 'Lab 3: The poison pill' })).toBeVisible();
    });

    await test.step('its experiment hydrates and runs a change in its Web Worker', async () => {
      const root = await experiment(page, EXPERIMENT);
      const shown = await root.getByTestId(`knob-${KNOB}`).innerText();
      const invocations = await root.getByTestId('outcome-invocations').innerText();
      await knob(root, KNOB).focus();
      await page.keyboard.press('ArrowRight');
      await expect(root.getByTestId(`knob-${KNOB}`)).not.toHaveText(shown);
      await expect(root.getByRole('status').filter({ hasText: 'Run finished' })).toHaveCount(1, PATIENT);
      await expect(root.getByTestId('outcome-invocations')).not.toHaveText(invocations);
      expect(page.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(/\/_astro\/run-worker-[\w-]+\.js$/));
      expect(fallbacks, fallbacks.join('\n')).toEqual([]);
    });

    await test.step('the search index answers, cache-busting query and all', async () => {
      const entry = await page.evaluate(() => fetch(`/pagefind/pagefind-entry.json?ts=${Date.now()}`).then((r) => r.json()));
      expect(entry).toHaveProperty('languages');
    });

    await test.step('a page never visited opens from the precache', async () => {
      fromCache(await page.goto(NEVER_VISITED), NEVER_VISITED);
      await expect(page.getByRole('heading', { level: 1, name: 'Class scoreboard' })).toBeVisible();
    });

    await test.step('an address the site does not have gets the cached "not found" page', async () => {
      await page.goto('/chapters/no-such-chapter/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page is not in the lab');
    });

    // Offline, any request the cache cannot answer fails with a console error.
    expect(errors, errors.join('\n')).toEqual([]);

    await test.step('and all of that without a network, for the service worker too', async () => {
      // Last, as its failure logs an error: a file not in the build is not cached, so the
      // worker must try the network, and fail.
      const fetched = await page.evaluate(() => fetch('/not-in-the-build.txt').then(() => 'fetched', () => 'failed'));
      expect(fetched).toBe('failed');
    });
  });
});
