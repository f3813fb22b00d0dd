import { describe, expect, it } from 'vitest';
import { fileUrl, offlineManifest, type SiteFile } from '../../src/integrations/offline-manifest.ts';

const text = (value: string) => new TextEncoder().encode(value);

// A small built site, as the integration reads it from dist/ (Windows separators included).
const site: SiteFile[] = [
  { path: 'index.html', bytes: text('<h1>Home</h1>') },
  { path: '404.html', bytes: text('<h1>Not found</h1>') },
  { path: 'chapters/batching/index.html', bytes: text('<h1>Batching</h1>') },
  { path: '_astro/run-worker-abc.js', bytes: text('onmessage = () => {};') },
  { path: 'pagefind\\wasm.en.pagefind', bytes: new Uint8Array([0, 97, 115, 109]) },
  { path: 'favicon.svg', bytes: text('<svg/>') },
  { path: 'sw.js', bytes: text('// the previous worker') },
];

describe('the offline manifest', () => {
  it('lists every built file but the worker, once, as URLs with a leading slash', () => {
    expect(offlineManifest(site).urls).toEqual([
      '/',
      '/404.html',
      '/_astro/run-worker-abc.js',
      '/chapters/batching/',
      '/favicon.svg',
      '/pagefind/wasm.en.pagefind',
    ]);
  });

  it('names pages by the folder URL readers visit', () => {
    expect(fileUrl('chapters/filtering/index.html')).toBe('/chapters/filtering/');
    expect(fileUrl('index.html')).toBe('/');
    expect(fileUrl('404.html')).toBe('/404.html');
    expect(fileUrl('_astro/index.html.js')).toBe('/_astro/index.html.js');
  });

  it('keeps its version while no file changes, whatever order the files are read in', () => {
    const again = offlineManifest([...site].reverse().map((file) => ({ ...file, bytes: file.bytes.slice() })));
    expect(again.version).toBe(offlineManifest(site).version);
    expect(offlineManifest(site).version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes its version when a file’s contents change, or a file comes or goes', () => {
    const before = offlineManifest(site).version;
    const edited = site.map((file) => (file.path === '_astro/run-worker-abc.js' ? { ...file, bytes: text('onmessage = null;') } : file));
    expect(offlineManifest(edited).version).not.toBe(before);
    expect(offlineManifest([...site, { path: 'robots.txt', bytes: text('') }]).version).not.toBe(before);
    expect(offlineManifest(site.filter((file) => file.path !== 'favicon.svg')).version).not.toBe(before);
  });

  it('ignores the worker itself, which embeds the version', () => {
    const rewritten = site.map((file) => (file.path === 'sw.js' ? { ...file, bytes: text('// a newer worker') } : file));
    expect(offlineManifest(rewritten).version).toBe(offlineManifest(site).version);
  });

  it('tells apart files whose bytes would run together', () => {
    const a = offlineManifest([
      { path: 'a', bytes: text('xy') },
      { path: 'b', bytes: text('z') },
    ]);
    const b = offlineManifest([
      { path: 'a', bytes: text('x') },
      { path: 'b', bytes: text('yz') },
    ]);
    expect(a.version).not.toBe(b.version);
  });
});
