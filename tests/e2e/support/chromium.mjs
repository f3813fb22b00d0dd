// Shared by scripts/ensure-chromium.mjs and playwright.config.ts, so the browser the
// preflight check approves is exactly the one the tests launch.
import { accessSync, constants } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Flags for running in containers and CI: no sandbox (we often run as root), no GPU, and
 * none of Chromium's background traffic, which would fail or hang without internet access.
 * @type {string[]}
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * @param {string | undefined} file
 * @returns {boolean}
 */
export function isExecutable(file) {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Playwright's own download, if one exists. executablePath() answers with where the browser
 * would be even when it was never downloaded, hence the existence check.
 * @returns {string | undefined}
 */
function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Where to look, in order of preference. A CHROMIUM_PATH the user set wins over anything found.
 * @returns {(string | undefined)[]}
 */
export function chromiumCandidates() {
  return [process.env.CHROMIUM_PATH, playwrightChromium(), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
}

/**
 * The first usable Chromium executable, or undefined when there is none.
 * @returns {string | undefined}
 */
export function findChromium() {
  return chromiumCandidates().find(isExecutable);
}
