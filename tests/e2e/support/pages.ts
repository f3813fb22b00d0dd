import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';

export const distDir = join(import.meta.dirname, '..', '..', '..', 'dist');

/**
 * Every page of the built site as a URL path ('/', '/chapters/intro/', '/404.html'), read from
 * dist/ so that new pages are tested without anyone editing a list.
 */
export function pagePaths(): string[] {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`No built site in ${distDir}: run \`npx astro build\` first.`);
  }
  const paths: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      // Built assets and the search index hold no pages.
      if (entry.isDirectory() && entry.name !== '_astro' && entry.name !== 'pagefind') walk(full);
      else if (entry.isFile() && entry.name === 'index.html') {
        const dirPath = relative(distDir, dir).split(sep).join('/');
        paths.push(dirPath === '' ? '/' : `/${dirPath}/`);
      }
    }
  };
  walk(distDir);
  if (existsSync(join(distDir, '404.html'))) paths.push('/404.html');
  return paths.sort();
}

/** A file-name-safe name for a page: 'home' for '/', 'chapters-concurrency', '404'. */
export function slugFor(path: string): string {
  const slug = path
    .replace(/\.html$/, '')
    .split('/')
    .filter(Boolean)
    .join('-');
  return slug === '' ? 'home' : slug;
}

/** Islands that hydrate on their own once the page has been seen (not client:only or client:media). */
const PENDING_ISLANDS = ['load', 'idle', 'visible'].map((c) => `astro-island[ssr][client="${c}"]`).join(', ');

/**
 * Scrolls from top to bottom so every client:visible island enters the viewport, waits until
 * all islands have hydrated (Astro removes the `ssr` attribute then), and returns to the top.
 */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // Two frames per step give the IntersectionObserver a rendering update to notice the island.
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    // Re-read the height each step: hydrated islands can make the page taller.
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo({ top: y, behavior: 'instant' });
      await frame();
      await frame();
    }
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await frame();
  });
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, PENDING_ISLANDS);
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
}

/** Resolves after the page has painted twice, i.e. after work scheduled for the next frame has run. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
