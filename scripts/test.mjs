// Runs every suite that proves the site works, in the order a failure is cheapest to find,
// and ends with one plain line: "N passed, N failed".
//
// Each type check and the build count as one test; the unit and end-to-end suites count
// their own tests (read from their JSON reports). A step that fails does not stop the
// others, so one run shows everything that is wrong; the end-to-end tests are skipped
// (and counted as failed) only when the build they test did not succeed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const RESULTS = 'test-results';
const UNIT_REPORT = `${RESULTS}/unit.json`;
const E2E_REPORT = `${RESULTS}/e2e.json`;

/** Runs a command with inherited output; returns true when it exits with status 0. */
function run(command, args) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.error) console.error(`could not start ${command}: ${result.error.message}`);
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

mkdirSync(RESULTS, { recursive: true });
rmSync(UNIT_REPORT, { force: true });
rmSync(E2E_REPORT, { force: true });

/** @type {{ name: string, passed: number, failed: number, skipped?: number }[]} */
const steps = [];
const check = (name, ok) => steps.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

check('astro check (types in .astro, .ts, .mdx)', run('astro', ['check']));
check('svelte-check (types in .svelte)', run('svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']));

const unitOk = run('vitest', ['run']);
const unit = readJson(UNIT_REPORT);
if (unit) {
  const failed = unit.numFailedTests + (unitOk || unit.numFailedTests > 0 ? 0 : 1);
  steps.push({ name: 'unit tests (Vitest)', passed: unit.numPassedTests, failed, skipped: unit.numPendingTests + unit.numTodoTests });
} else {
  check('unit tests (Vitest): no report was written', false);
}

const built = run('astro', ['build']);
check('production build (astro build)', built);

if (built) {
  const browser = run('node', ['scripts/ensure-chromium.mjs']);
  check('a Chromium for the end-to-end tests', browser);
  if (browser) {
    const e2eOk = run('playwright', ['test']);
    const e2e = readJson(E2E_REPORT);
    if (e2e?.stats) {
      const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
      // A report with no failures from a run that still failed means the run itself broke.
      const failed = unexpected + (e2eOk || unexpected > 0 ? 0 : 1);
      const name = flaky > 0 ? `end-to-end tests (Playwright, Chromium; ${flaky} flaky: passed only on a retry)` : 'end-to-end tests (Playwright, Chromium)';
      steps.push({ name, passed: expected + flaky, failed, skipped });
    } else {
      check('end-to-end tests (Playwright): no report was written', false);
    }
  }
} else {
  check('end-to-end tests: not run, because the build failed', false);
}

const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
const skipped = steps.reduce((n, s) => n + (s.skipped ?? 0), 0);
console.log('\nSummary');
for (const s of steps) {
  const mark = s.failed === 0 ? '✔' : '✘';
  console.log(`  ${mark} ${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
}
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(`${RESULTS}/summary.txt`, `${line}\n`);
console.log(line);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
