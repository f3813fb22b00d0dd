/**
 * Every lab, end to end: the broken start fails each step's check, the documented solution
 * passes it, "Reset this step" restores the step's start, hints open one at a time, the
 * closing challenge's result code round-trips into the scoreboard and is verified by a
 * re-run, and a tampered code is rejected with a reason. Lab data comes from labs/*.json, so
 * a new lab is covered without editing this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { KNOBS, type KnobId } from '../../src/workbench/knobs.ts';
import { consoleErrors, counter, experiment, expectNoAxeViolations, hydrated, knob, PATIENT, screenshotDir } from './support/chapter.ts';

interface LabFile {
  id: string;
  number: number;
  steps: { id: string; knobs: string[]; hints: string[]; solution: { change: Record<string, number> }; afterDiagnosis?: string }[];
}

const labsDir = join(import.meta.dirname, '..', '..', 'labs');
const labs: LabFile[] = readdirSync(labsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(labsDir, f), 'utf8')) as LabFile)
  .sort((a, b) => a.number - b.number);

const check = (page: Page, step: string) => page.locator(`[data-testid="lab-check"][data-step="${step}"]`);

/** Sets a knob's slider to a value (the slider's accessible name starts with the knob's label). */
async function setKnob(root: Locator, id: string, value: number): Promise<void> {
  await knob(root, KNOBS[id as KnobId].label.replace(/[()]/g, '.')).fill(String(value));
}

test.describe.configure({ mode: 'parallel' });

for (const lab of labs) {
  test(`lab ${lab.number} (${lab.id}): broken start fails, the solution passes every step, reset restores, hints one at a time`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = consoleErrors(page);
    await page.goto(`/labs/${lab.id}/`);
    await expect(page.getByTestId('lab-intro')).toBeVisible();
    for (const [i, step] of lab.steps.entries()) {
      const root = await experiment(page, `${lab.id}-step-${i + 1}`);
      const box = await hydrated(check(page, step.id));
      if (step.afterDiagnosis) {
        // The fix only counts once the cause is named: name it (any answer) first.
        const diagnosis = await hydrated(page.locator(`[data-testid="diagnosis"][data-diagnosis="${step.afterDiagnosis}"]`));
        await diagnosis.getByRole('radio').first().check();
        await diagnosis.getByTestId('diagnosis-commit').click();
      }
      // A run of the step's exact start is judged and fails: applying the unchanged scenario
      // in the JSON editor runs it as a reader's run.
      const first = KNOBS[step.knobs[0] as KnobId];
      const slider = knob(root, first.label.replace(/[()]/g, '.'));
      const startValue = Number(await slider.inputValue());
      const sliders = step.knobs.map((id) => knob(root, KNOBS[id as KnobId].label.replace(/[()]/g, '.')));
      const startValues = await Promise.all(sliders.map((s) => s.inputValue()));
      await root.getByText('Edit the whole scenario as JSON').click();
      await root.getByTestId('scenario-apply').click();
      await expect(box.getByTestId('lab-check-state')).toContainText('Not yet', PATIENT);
      await expect(box).toHaveAttribute('data-done', 'false');
      // Hints open one at a time.
      const hint = box.getByTestId('lab-hint');
      for (let h = 1; h <= step.hints.length; h++) {
        await hint.click();
        await expect(box.getByTestId('lab-hints').locator('li')).toHaveCount(h);
      }
      await expect(hint).toBeDisabled();
      // The solution is shown only on request.
      await expect(box.getByTestId('lab-solution')).toBeHidden();
      await box.getByTestId('lab-solution-toggle').click();
      await expect(box.getByTestId('lab-solution')).toBeVisible();
      // Apply the documented solution: the step ticks itself off.
      for (const [id, value] of Object.entries(step.solution.change)) await setKnob(root, id, value);
      await expect(box).toHaveAttribute('data-done', 'true', PATIENT);
      // Reset this step restores its exact start.
      await root.getByTestId('experiment-reset').click();
      await expect(slider).toHaveValue(String(startValue));
      for (const [k, s] of sliders.entries()) await expect(s).toHaveValue(startValues[k]!);
      await expect(root.getByRole('status').filter({ hasText: 'Back to this step’s starting scenario.' })).toHaveCount(1);
    }
    // Progress survives a reload.
    await page.reload();
    await hydrated(check(page, lab.steps[0]!.id));
    await expect(check(page, lab.steps[0]!.id)).toHaveAttribute('data-done', 'true', PATIENT);
    // Counted as a lab's: its steps, then its challenge (not attempted here), then any cause named (right or not).
    const named = lab.steps.some((s) => s.afterDiagnosis) ? ', [01] of 1 mystery solved' : '';
    const steps = `${lab.steps.length} of ${lab.steps.length} ${lab.steps.length === 1 ? 'step' : 'steps'} done`;
    await expect(counter(page)).toHaveText(new RegExp(`^${steps}, challenge not met yet${named}$`));
    expect(errors).toEqual([]);
  });

  test(`lab ${lab.number} (${lab.id}): the result code is verified by the scoreboard; a tampered one is rejected`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = consoleErrors(page);
    await page.goto(`/labs/${lab.id}/`);
    const root = await experiment(page, `${lab.id}-challenge`);
    const submit = await hydrated(page.getByTestId('lab-submit'));
    await expect(submit.getByTestId('lab-make-code')).toBeDisabled();
    // The documented solution, applied knob by knob on the challenge's broken start.
    for (const step of lab.steps) for (const [id, value] of Object.entries(step.solution.change)) await setKnob(root, id, value);
    await expect(submit.getByTestId('lab-submit-state')).toContainText('passes the lab', PATIENT);
    await submit.getByTestId('lab-name').fill('Ada Lovelace');
    await submit.getByTestId('lab-make-code').click();
    const code = await submit.getByTestId('lab-code').inputValue();
    expect(code).toMatch(/^SSL1\./);
    // A name that cannot go into a code is refused with a message naming it.
    await submit.getByTestId('lab-name').fill('<script>');
    await submit.getByTestId('lab-make-code').click();
    await expect(submit.getByTestId('lab-name-problem')).toContainText('"<script>"');

    const tampered = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await page.goto('/instructors/scoreboard/');
    const board = await hydrated(page.getByTestId('scoreboard'));
    await board.getByTestId('scoreboard-input').fill(`${code}\n${tampered}\nnot a code`);
    await board.getByTestId('scoreboard-check').click();
    await expect(board.getByTestId('scoreboard-status')).toContainText('1 verified, 2 rejected', PATIENT);
    await expect(board.getByTestId('scoreboard-row')).toHaveCount(1);
    await expect(board.getByTestId('scoreboard-row')).toContainText('Ada Lovelace');
    await expect(board.getByTestId('scoreboard-rejected')).toContainText('Line 2');
    await expect(board.getByTestId('scoreboard-rejected')).toContainText('checksum does not match');
    await expect(board.getByTestId('scoreboard-rejected')).toContainText('Line 3');
    // The pasted codes survive a reload.
    await page.reload();
    await expect((await hydrated(page.getByTestId('scoreboard'))).getByTestId('scoreboard-input')).toHaveValue(new RegExp(`^${code.replace(/[.]/g, '\\.')}`));
    expect(errors).toEqual([]);
  });
}

test('a lab page and the scoreboard have no axe violations, with screenshots at 1280 and 390 px', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = screenshotDir('labs');
  for (const path of [`/labs/${labs[0]!.id}/`, '/instructors/scoreboard/']) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await hydrated(page.locator('[data-testid="lab-check"], [data-testid="scoreboard"]').first());
      await expectNoAxeViolations(page, `${path} at ${width}px`, ['main']);
      await page.screenshot({ path: join(dir, `${path.split('/').filter(Boolean).join('-')}-${width}.png`), fullPage: false });
    }
  }
});
