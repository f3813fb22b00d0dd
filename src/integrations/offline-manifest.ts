/**
 * What the offline service worker keeps: the URL of every file of the built site, and a
 * version that names its cache. Pure (no file system), so a test can feed it made-up files;
 * src/integrations/offline.ts reads dist/ and hands the files in.
 */
import { createHash } from 'node:crypto';

/** One built file: its path relative to dist/ and its contents. */
export interface SiteFile {
  path: string;
  bytes: Uint8Array;
}

export interface OfflineManifest {
  /** The URLs to precache, sorted, each with a leading slash. */
  urls: string[];
  /** Changes exactly when a kept file's path or contents change. */
  version: string;
}

/** The worker's own file: it is fetched by the browser's update check, never from a cache. */
export const WORKER_FILE = 'sw.js';

/**
 * A page's URL as readers visit it and Starlight links it: `chapters/x/index.html` becomes
 * `/chapters/x/`. Precaching that URL rather than `…/index.html` also matters on servers
 * that redirect `…/index.html` to the folder: a cached redirect may not answer a navigation.
 */
export function fileUrl(path: string): string {
  const url = '/' + path.replaceAll('\\', '/').replace(/^\/+/, '');
  return url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url;
}

export function offlineManifest(files: readonly SiteFile[]): OfflineManifest {
  const kept = files
    .map((file) => ({ url: fileUrl(file.path), bytes: file.bytes }))
    .filter((file) => file.url !== `/${WORKER_FILE}`)
    // Sorted, so the version does not depend on the order the file system lists files in.
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of kept) {
    // A URL ends at a NUL (no URL holds one) and a digest is always 32 bytes, so two
    // different lists of files can never feed the same stream.
    hash.update(file.url).update('\0').update(createHash('sha256').update(file.bytes).digest());
  }
  return { urls: kept.map((file) => file.url), version: hash.digest('hex').slice(0, 16) };
}
