#!/usr/bin/env node
// Preflight for the end-to-end tests: make sure a Chromium exists before Playwright starts,
// so a missing browser is one clear sentence instead of a stack trace from every test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, isExecutable } from '../tests/e2e/support/chromium.mjs';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {number} timeoutMs  Installs without network tend to hang rather than fail fast.
 * @returns {boolean}
 */
function run(command, args, timeoutMs) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
  return result.status === 0;
}

function hasAptGet() {
  return ['/usr/bin/apt-get', '/bin/apt-get'].some(existsSync);
}

/** Tries each installer in turn; returns one line saying what was done. */
function installChromium() {
  const tried = [];
  if (run('npx', ['playwright', 'install', 'chromium'], 5 * 60_000) && findChromium()) {
    return 'No Chromium was found, so it was installed with `npx playwright install chromium`.';
  }
  tried.push('`npx playwright install chromium`');
  if (process.getuid?.() === 0 && hasAptGet()) {
    run('apt-get', ['update'], 5 * 60_000);
    if (run('apt-get', ['install', '-y', 'chromium'], 10 * 60_000) && findChromium()) {
      return 'No Chromium was found, so it was installed with `apt-get install -y chromium`.';
    }
    tried.push('`apt-get install -y chromium`');
  }
  return `No Chromium was found; tried ${tried.join(' and ')} without success.`;
}

const requested = process.env.CHROMIUM_PATH;
if (requested && !isExecutable(requested)) {
  console.warn(`CHROMIUM_PATH is set to ${requested}, which is not an executable file; looking elsewhere.`);
}

let chromiumPath = findChromium();
if (!chromiumPath) {
  console.log(installChromium());
  chromiumPath = findChromium();
}

if (!chromiumPath) {
  console.error(
    'No Chromium found: install one with `sudo apt-get install chromium` or `npx playwright install chromium`, or set CHROMIUM_PATH to its executable.',
  );
  process.exit(1);
}

console.log(`Using Chromium at ${chromiumPath}`);
