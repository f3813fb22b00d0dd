/**
 * Every internal link, anchor and asset in the built site resolves: a test that reads dist/
 * (no browser needed), so a renamed chapter, a moved heading or a missing file fails the
 * suite naming the page and the link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { expect, test } from '@playwright/test';
import { distDir } from './support/pages.ts';

interface Page {
  /** The page's URL path: "/chapters/intro/". */
  url: string;
  html: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

function pageUrl(file: string): string {
  const path = `/${relative(distDir, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/** The built file a URL path is served from, or undefined. */
function fileFor(path: string): string | undefined {
  const decoded = decodeURIComponent(path);
  const candidates = decoded.endsWith('/') ? [`${decoded}index.html`] : [decoded, `${decoded}/index.html`, `${decoded}.html`];
  return candidates.map((c) => join(distDir, ...c.split('/'))).find((f) => existsSync(f) && statSync(f).isFile());
}

/** The ids an HTML text defines (id="…" and the older name="…" on anchors). */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&')));
}

/** href and src values of the page's elements (links, scripts, styles, images). */
function referencesOf(html: string): string[] {
  // Scripts' own text (and JSON in island props) can hold href-like strings that are not links.
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => tag.replace(/>[\s\S]*<\/script>$/i, '></script>'));
  return [...markup.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

test('every internal link, anchor and asset in dist/ resolves', () => {
  const pages: Page[] = htmlFiles(distDir).map((file) => ({ url: pageUrl(file), html: readFileSync(file, 'utf8') }));
  const ids = new Map(pages.map((p) => [p.url, idsOf(p.html)]));
  const broken: string[] = [];
  for (const page of pages) {
    for (const reference of referencesOf(page.html)) {
      // Other sites, mail and data URLs are not ours to check (the references page test covers AWS links).
      if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('//')) continue;
      const [pathPart = '', hash = ''] = reference.split('#', 2);
      const target = pathPart === '' ? page.url : posix.resolve(page.url.endsWith('/') ? page.url : posix.dirname(page.url), pathPart.split('?')[0]!) + (pathPart.endsWith('/') && pathPart !== '/' ? '/' : '');
      const file = pathPart === '' ? undefined : fileFor(target);
      if (pathPart !== '' && !file) {
        broken.push(`${page.url}: "${reference}" points to ${target}, which is not in the build`);
        continue;
      }
      if (hash === '' || hash.includes('=')) continue; // "#" alone, or a fragment that carries state (#x=…)
      const targetUrl = pathPart === '' ? page.url : pageUrl(file!);
      const targetIds = ids.get(targetUrl);
      if (targetIds && !targetIds.has(decodeURIComponent(hash))) broken.push(`${page.url}: "${reference}" names #${hash}, which ${targetUrl} does not have`);
    }
  }
  expect(pages.length).toBeGreaterThan(10);
  expect(broken, broken.join('\n')).toEqual([]);
});
