// The site's service worker: after one visit, every page, script, style and search file is
// answered from a cache, so a lab keeps running when the room's network drops.
//
// The build (src/integrations/offline.ts) writes this file to dist/sw.js behind two lines
// that define CACHE_PREFIX and PRECACHE = { version, urls }: the URL of every built file and
// a hash of their contents. A new build therefore changes sw.js, the browser installs it,
// and the new cache replaces the old one.

const CACHE_NAME = CACHE_PREFIX + PRECACHE.version;
const NOT_FOUND_PAGE = '/404.html';

self.addEventListener('install', (event) => {
  // skipWaiting: a reader with the lab open in one tab all day should not have to close it
  // before a fixed build takes over.
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(PRECACHE.urls))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          // Only our own older versions: other caches on this origin are not ours to drop.
          names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)),
        ),
      )
      // Take over the page that installed us, so it works offline without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other origins are none of our business: the browser handles them as if we were not here.
  if (url.origin !== self.location.origin) return;
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(CACHE_NAME);
  const navigation = request.mode === 'navigate';
  for (const key of cacheKeys(url, navigation)) {
    // The site is static: a query string (a permalink's, or Pagefind's cache-buster on its
    // entry file) never changes what the server sends, so it must not cause a cache miss.
    const cached = await cache.match(key, { ignoreSearch: true });
    if (cached) return cached;
  }
  try {
    return await fetch(request);
  } catch (error) {
    // Offline and never cached: a page that explains beats the browser's own error.
    if (navigation) {
      const notFound = await cache.match(NOT_FOUND_PAGE);
      if (notFound) return notFound;
    }
    throw error;
  }
}

// Where a request may sit in the cache. Pages are precached under their folder URL
// (/chapters/x/), but a reader may type /chapters/x/index.html, or /chapters/x without the
// slash; the fragment never reaches us.
function cacheKeys(url, navigation) {
  const path = url.pathname;
  if (!navigation) return [path];
  if (path.endsWith('/index.html')) return [path.slice(0, -'index.html'.length), path];
  if (path.endsWith('/')) return [path];
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return lastSegment.includes('.') ? [path] : [path, path + '/'];
}
