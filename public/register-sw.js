// Lets the built site work offline after one visit: registers the service worker that the
// build writes (dist/sw.js, from src/integrations/offline.ts). Only builds load this file.
//
// Browsers give service workers only to secure contexts: https, or http://localhost and
// 127.0.0.1. A lab served over plain http to a LAN address gets none; the site still works
// while the serving laptop is reachable, so there is nothing to report to the reader.
//
// Installing the worker downloads the whole site (about 5 MB), so on a first visit it waits
// until the page has settled: SETTLE_MS after the load event, then an idle moment. Starting
// with the page, it competed with the page's own start for the network and the processor
// (on this project's 2-core machine Lighthouse measured several hundred ms more blocking
// time). 10 s is our choice, not a documented figure. A browser that asks to save data
// (Save-Data) gets no precache at all. A returning reader's worker is already installed and
// answers from the start, whatever this file does.
const SETTLE_MS = 10_000;

if ('serviceWorker' in navigator && window.isSecureContext && navigator.connection?.saveData !== true) {
  window.addEventListener('load', () => {
    setTimeout(() => {
      const whenIdle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 0));
      whenIdle(() => {
        navigator.serviceWorker.register('/sw.js').catch(() => {
          // Offline use is a bonus; a failed registration must not disturb the lab.
        });
      });
    }, SETTLE_MS);
  });
}
