/**
 * What each built page makes the browser download before the reader does anything, in
 * bytes as sent gzip-compressed. Read from dist/ alone (no browser, no timing), so the
 * figures are the same on every machine.
 *
 * JavaScript counts the page's module scripts and inline scripts, every island on the page
 * as if all of them hydrated (a `client:visible` island loads as soon as it is scrolled to),
 * and everything those files import statically, each file once. Dynamic `import()`s and
 * Web Workers are left out: they load when the reader opens something (the code editor, an
 * export, a comparison, search) or changes an experiment. CSS counts the page's stylesheets and
 * inline styles.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileWeight {
  /** A URL path ("/_astro/Experiment.x.js"), or "inline scripts" / "inline styles". */
  file: string;
  /** Bytes gzip-compressed (level 6, zlib's default, as most servers send it). */
  gzip: number;
}

export interface PageWeight {
  page: string;
  js: FileWeight[];
  css: FileWeight[];
  jsTotal: number;
  cssTotal: number;
}

/** The budgets of issue #9, in bytes gzip-compressed. */
export const JS_BUDGET = 150 * 1024;
export const CSS_BUDGET = 50 * 1024;

const gzipSize = (text: string | Buffer): number => gzipSync(text, { level: 6 }).length;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, '&');
}

/** Static imports of a bundled module ("./x.js", "/_astro/x.js"), not `import("…")`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+\.js)["']|\bimport\s*["']([^"']+\.js)["']/g)) found.add((m[1] ?? m[2])!);
  return [...found];
}

/** The file in dist/ a same-site URL path is served from, or undefined (another site, or missing). */
function localFile(distDir: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const file = join(distDir, ...url.split(/[?#]/)[0]!.split('/'));
  return existsSync(file) ? file : undefined;
}

/** Weighs one built page: `html` is its text, `page` its URL path ("/chapters/intro/"). */
export function weighPage(distDir: string, page: string, html: string): PageWeight {
  const js: FileWeight[] = [];
  const css: FileWeight[] = [];
  const seen = new Set<string>();

  const addModule = (url: string): void => {
    if (seen.has(url)) return;
    seen.add(url);
    const file = localFile(distDir, url);
    if (!file) throw new Error(`${page} loads ${url}, which is not in dist/`);
    const code = readFileSync(file, 'utf8');
    js.push({ file: url, gzip: gzipSize(code) });
    for (const imported of staticImports(code)) addModule(posix.resolve(posix.dirname(url), imported));
  };

  let inlineScripts = '';
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [tag, attributes = '', body = ''] = m;
    const type = attribute(tag, 'type');
    // JSON blocks (structured data, island props) are data, not code the browser runs.
    if (type !== undefined && type !== 'module' && type !== 'text/javascript') continue;
    const src = attribute(` ${attributes}`, 'src');
    if (src !== undefined) addModule(posix.resolve(page, src));
    else inlineScripts += body;
  }
  for (const m of html.matchAll(/<astro-island\b[^>]*>/gi)) {
    for (const name of ['component-url', 'renderer-url']) {
      const url = attribute(m[0], name);
      if (url) addModule(posix.resolve(page, url));
    }
  }
  if (inlineScripts.trim() !== '') js.push({ file: 'inline scripts', gzip: gzipSize(inlineScripts) });

  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\srel="stylesheet"/.test(m[0])) continue;
    const url = posix.resolve(page, attribute(m[0], 'href') ?? '');
    const file = localFile(distDir, url);
    if (!file) throw new Error(`${page} links the stylesheet ${url}, which is not in dist/`);
    css.push({ file: url, gzip: gzipSize(readFileSync(file)) });
  }
  const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join('');
  if (inlineStyles.trim() !== '') css.push({ file: 'inline styles', gzip: gzipSize(inlineStyles) });

  const sum = (files: FileWeight[]): number => files.reduce((n, f) => n + f.gzip, 0);
  return { page, js, css, jsTotal: sum(js), cssTotal: sum(css) };
}

/** "12.3 KB" (1 KB = 1,024 bytes, as the budgets are written). */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
