// Lets the built site work offline after one visit: registers the service worker that the
// build writes (dist/sw.js, from src/integrations/offline.ts). Only builds load this file.
//
// Browsers give service workers only to secure contexts: https, or http://localhost and
// 127.0.0.1. A lab served over plain http to a LAN address gets none; the site still works
// while the serving laptop is reachable, so there is nothing to report to the reader.
if ('serviceWorker' in navigator && window.isSecureContext) {
  // After the load event, so precaching the whole site does not compete with this page.
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Offline use is a bonus; a failed registration must not disturb the lab.
    });
  });
}
