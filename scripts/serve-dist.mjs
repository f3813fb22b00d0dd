// What the measuring scripts (audit.mjs, bench-ui.mjs) share: a build in dist/, a port the
// machine's other users leave free, and dist/ served over HTTP on 127.0.0.1.
//
// dist/ is served by a small server of our own rather than `astro preview`: the preview server
// sends every file uncompressed and uncached, which no static host the site is deployed to
// does, and Lighthouse would then score the transfer of 500 KB pages as the reader's. This one
// behaves like a plain static host: gzip for text, long caching for the hashed files in _astro/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createProbe } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ROOT = join(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');

/** The ports these scripts may take; the machine is shared, and other ports belong to others. */
export const PORT_RANGE = { first: 4430, last: 4439 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};
/** Worth compressing: text. Fonts, images and Pagefind's files are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.wasm']);

/**
 * Builds the site when dist/ has no build, or always with `force`. Exits the process when the
 * build fails: nothing after it can measure anything.
 * @param {boolean} force
 */
export function ensureBuild(force) {
  if (!force && existsSync(join(DIST, 'index.html'))) {
    console.log('Measuring the build already in dist/ (pass --build to rebuild first).');
    return;
  }
  console.log('Building the site (npx astro build)…');
  const build = spawnSync('npx', ['astro', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; nothing was measured.');
    process.exit(2);
  }
}

/**
 * Whether nothing listens on `port` on 127.0.0.1 (listening briefly is the only reliable test).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createProbe();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The first free port of PORT_RANGE that is not in `taken`.
 * @param {number[]} [taken]
 * @returns {Promise<number>}
 */
export async function freePort(taken = []) {
  for (let port = PORT_RANGE.first; port <= PORT_RANGE.last; port++) {
    if (!taken.includes(port) && (await isFree(port))) return port;
  }
  throw new Error(`No free port between ${PORT_RANGE.first} and ${PORT_RANGE.last}.`);
}

/**
 * The file in dist/ for a URL path, as a static host resolves it: a folder gives its
 * index.html. Undefined when there is none, or the path leaves dist/.
 * @param {string} urlPath
 * @returns {string | undefined}
 */
function fileFor(urlPath) {
  let path;
  try {
    path = normalize(join(DIST, decodeURIComponent(urlPath)));
  } catch {
    return undefined;
  }
  if (path !== DIST && !path.startsWith(DIST + sep)) return undefined;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/**
 * Serves dist/ on 127.0.0.1:`port` until the returned `close()` is called.
 * @param {number} port
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serveDist(port) {
  /** Gzipped bodies by file, so each file is compressed once however often it is asked for. */
  const gzipped = new Map();
  const server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    const found = fileFor(urlPath);
    // A folder without its trailing slash: redirect, as static hosts do, so relative links resolve.
    if (found && found.endsWith(`${sep}index.html`) && !urlPath.endsWith('/') && !urlPath.endsWith('.html')) {
      response.writeHead(301, { Location: `${urlPath}/` }).end();
      return;
    }
    const file = found ?? join(DIST, '404.html');
    const extension = extname(file);
    const headers = {
      'Content-Type': TYPES[extension] ?? 'application/octet-stream',
      // Hashed file names change with their content; everything else must be checked again.
      'Cache-Control': urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let body = readFileSync(file);
    if (COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      // Keyed by modification time too: a rebuild while the server runs must not serve old pages.
      const key = `${file}\n${statSync(file).mtimeMs}`;
      if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
      body = gzipped.get(key);
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    }
    response.writeHead(found ? 200 : 404, { ...headers, 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
