import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, type ConsoleMessage, type Page } from '@playwright/test';

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

/**
 * Console messages that come from the test set-up, not the site: playwright.config.ts blocks
 * service workers, and Chromium says so when the site registers its worker.
 */
export function isTestNoise(text: string): boolean {
  return text.includes('Service Worker registration blocked by Playwright');
}

/** Islands that hydrate on their own once the page has been seen (not client:only or client:media). */
const PENDING_ISLANDS = ['load', 'idle', 'visible'].map((c) => `astro-island[ssr][client="${c}"]`).join(', ');

/**
 * Before the page loads: notes, for each element an IntersectionObserver watches, how often
 * it was observed and what the last notification said, so that a failure of `scrollThrough`
 * can tell "never observed", "never seen in view" and "seen, but did not hydrate" apart.
 */
export async function traceIntersections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // Added once per page, but a test may call this before each of several loads.
    if ('__intersections' in window) return;
    const Native = window.IntersectionObserver;
    const trace = new WeakMap<Element, { observed: number; notified: number; last: string }>();
    (window as unknown as { __intersections: typeof trace }).__intersections = trace;
    const entryOf = (target: Element) => trace.get(target) ?? trace.set(target, { observed: 0, notified: 0, last: 'none' }).get(target)!;
    window.IntersectionObserver = class extends Native {
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        super((entries, observer) => {
          for (const e of entries) {
            const t = entryOf(e.target);
            t.notified++;
            t.last = e.isIntersecting ? 'in view' : 'out of view';
          }
          callback(entries, observer);
        }, options);
      }
      override observe(target: Element): void {
        entryOf(target).observed++;
        super.observe(target);
      }
    };
  });
}

/**
 * Scrolls from top to bottom so every client:visible island enters the viewport, waits until
 * all islands have hydrated (Astro removes the `ssr` attribute then), and returns to the top.
 */
export async function scrollThrough(page: Page): Promise<void> {
  // What the page logs during the sweep goes into a failure: a failed import or hydration shows there.
  const logged: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !isTestNoise(message.text())) logged.push(`${message.type()}: ${message.text()}`);
  };
  const onPageError = (error: Error) => logged.push(`uncaught: ${error.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  await page.evaluate(async (pending) => {
    // Two frames per step give the IntersectionObserver a rendering update to notice the
    // island. A starved renderer can hold frames back, so never wait on one for long.
    const frame = (): Promise<void> =>
      new Promise((resolve) => {
        requestAnimationFrame(() => resolve());
        setTimeout(resolve, 200);
      });
    const step = Math.max(200, Math.floor(window.innerHeight * 0.8));
    // Re-read the height each step, since hydrated islands can make the page taller, but stop
    // after a bounded number of steps in case something keeps growing it.
    for (let i = 0, y = 0; i < 200 && y < document.documentElement.scrollHeight; i++, y += step) {
      window.scrollTo({ top: y, behavior: 'instant' });
      await frame();
      await frame();
    }
    window.scrollTo({
      top: document.documentElement.scrollHeight,
      behavior: 'instant',
    });
    await frame();
    // If frames were held back, the sweep may have passed an island before the observer saw
    // it: visit whichever are still waiting and hold each in view for a moment.
    for (const island of document.querySelectorAll(pending)) {
      // <astro-island> is `display: contents`: it has no box, and scrolling it into view does
      // nothing. Its first element is what the observer watches.
      (island.firstElementChild ?? island).scrollIntoView({ block: 'center', behavior: 'instant' });
      for (let i = 0; i < 5 && island.hasAttribute('ssr'); i++) await frame();
    }
  }, PENDING_ISLANDS);
  // Each poll holds the first island still waiting in view: on a busy machine the observer can
  // miss an island the sweep only passed, and it hydrates once it is seen for long enough.
  // The poll returns a description of each island still waiting, so a failure names them.
  // (Seen in CI until 27 November: an island "held in view" for a minute whose observer had
  // only ever said "out of view". It was never in view: the poll scrolled the <astro-island>
  // itself, which has no box, so the page did not move.)
  try {
    await expect
      .poll(
        async () => {
          const waiting = await page.evaluate((selector) => {
            const waiting = [...document.querySelectorAll(selector)];
            (waiting[0]?.firstElementChild ?? waiting[0])?.scrollIntoView({
              block: 'center',
              behavior: 'instant',
            });
            return waiting.map((island) => {
              const name = (island.getAttribute('component-url') ?? '?').split('/').pop();
              const box = (island.firstElementChild ?? island).getBoundingClientRect();
              const size = `${Math.round(box.width)}x${Math.round(box.height)} at y=${Math.round(box.top + window.scrollY)}`;
              const trace = (window as unknown as { __intersections?: WeakMap<Element, { observed: number; notified: number; last: string }> }).__intersections?.get(
                island.firstElementChild ?? island,
              );
              const io = trace ? `, observed ${trace.observed}×, notified ${trace.notified}×, last ${trace.last}` : '';
              return `${name} (${island.getAttribute('client')}, ${island.childElementCount} children, ${size}${io})`;
            });
          }, PENDING_ISLANDS);
          return waiting;
        },
        {
          message: 'every client:load/idle/visible island should hydrate once scrolled into view',
          // A long chapter (observability: eight experiments, 60 charts) hydrates for a while on two cores.
          timeout: 60_000,
        },
      )
      .toEqual([]);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nWhat the page logged while waiting:\n${logged.join('\n') || '(nothing)'}`);
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
  }
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
}

/**
 * Resolves after the page has rendered two more frames, i.e. after work it scheduled for the
 * next frame has run. Gives up after a second so a stalled renderer shows up as the caller's
 * assertion failing rather than as a hung test.
 */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        setTimeout(resolve, 1_000);
      }),
  );
}
