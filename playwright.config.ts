import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/support/chromium.mjs';

// Same lookup as scripts/ensure-chromium.mjs; undefined falls back to Playwright's own browser.
const executablePath: string | undefined = findChromium();
const launchOptions = { executablePath, args: CHROMIUM_ARGS };
// The preview server's port; E2E_PORT lets two test runs on one machine stay apart.
const port = Number(process.env['E2E_PORT'] ?? 4322);

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 2,
  fullyParallel: true,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  // Other suites write into test-results/ too; Playwright empties its outputDir on every run.
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions,
    // The built site registers a service worker that precaches every file (4–5 MB); in every
    // test that would be background load on a two-core machine. offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      // The device preset carries no executablePath, but restate launchOptions so the
      // project can never silently fall back to a browser that is not installed.
      use: { ...devices['Desktop Chrome'], launchOptions },
    },
  ],
  webServer: {
    // --ignore-lock: Astro 7 refuses to start a second preview server for a project (one
    // started by a developer, say) and, when it thinks an AI agent runs it, detaches into the
    // background. Either would break the tests; this flag runs our own server in the
    // foreground, beside any other, without touching the lock file theirs relies on.
    command: `npx astro preview --port ${port} --host 127.0.0.1 --ignore-lock`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
