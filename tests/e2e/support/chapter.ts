/**
 * What every chapter spec does: wait for an experiment or a chapter widget to hydrate, read
 * the chapter's progress counter, collect console errors, scan with axe, take screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Experiment runs (Kafka ones above all) take a moment each: poll patiently. */
export const PATIENT = { timeout: 30_000 };

/** Waits until experiment `id` has hydrated and has its first result. */
export async function experiment(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-testid="experiment"][data-experiment="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-hydrated', 'true', PATIENT);
  // A reader's saved edits are restored and run again as the island starts; let that run land,
  // or its verdict would reach the page's tasks after whatever the test does next.
  await expect(root.getByTestId('experiment-outcomes')).toHaveAttribute('data-running', 'false', PATIENT);
  return root;
}

/** Waits until a chapter widget (bet, task) has hydrated. */
export async function hydrated(widget: Locator): Promise<Locator> {
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-hydrated', 'true', PATIENT);
  return widget;
}

export const bet = (page: Page, id: string) => page.locator(`[data-testid="bet"][data-bet="${id}"]`);
export const task = (page: Page, id: string) => page.locator(`[data-testid="task"][data-task="${id}"]`);
export const counter = (page: Page) => page.getByTestId('chapter-progress-count');

/** Experiment A's slider for knob `name`. */
export const knob = (root: Locator, name: string) => root.getByTestId('knobs-a').getByRole('slider', { name: new RegExp(`^${name}`) });

/** Starts collecting console errors and uncaught exceptions; read the array at the end. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  return errors;
}

/** Fails with a readable report when axe finds WCAG 2.1 A/AA violations (in `only`, when given). */
export async function expectNoAxeViolations(page: Page, when: string, only?: string[]): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of only ?? []) builder = builder.include(selector);
  const { violations } = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  const report = violations.map((v) => `[${v.id}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  expect(violations.map((v) => v.id), `${when}:\n${report}`).toEqual([]);
}

/** The folder a chapter's screenshots go to (test-results/screenshots/<name>). */
export function screenshotDir(name: string): string {
  const dir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
