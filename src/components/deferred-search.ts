/**
 * Builds the search box when the reader reaches for it, not on every page load.
 *
 * Starlight creates Pagefind's search UI (about 26 KB of JavaScript, gzip) as soon as each
 * page is idle, whether or not the reader ever searches; on a phone with a slow network that
 * download competes with the experiments the reader scrolls to. The build step
 * (src/integrations/deferred-search.ts) hands Starlight's "build the UI" callback to
 * `buildSearchWhenWanted` instead, which runs it the first time the reader points at or
 * focuses the Search button, or opens the dialog (Ctrl/⌘ K included).
 */

/** What the reader sees in the dialog when Pagefind's UI cannot be loaded (offline, say). */
const FAILED = 'Search could not be loaded';

/**
 * @param host  Starlight's <site-search> element: holds the Search button and the dialog.
 * @param build Starlight's callback: imports Pagefind's UI and mounts it in the dialog.
 */
export function buildSearchWhenWanted(host: HTMLElement, build: () => Promise<void>): void {
  const button = host.querySelector<HTMLButtonElement>('button[data-open-modal]');
  const dialog = host.querySelector('dialog');
  let building: Promise<void> | undefined;

  const start = (): void => {
    building ??= build().then(
      () => {
        host.querySelector('[data-search-failed]')?.remove();
        // Starlight focuses the input as the dialog opens; on a first opening it did not exist yet.
        if (dialog?.open) host.querySelector<HTMLInputElement>('dialog input')?.focus();
      },
      (error: unknown) => {
        // Say why in the dialog, and try again on the next opening.
        building = undefined;
        showFailure(host, error);
      },
    );
  };

  for (const type of ['pointerenter', 'focus', 'touchstart'] as const) button?.addEventListener(type, start, { passive: true });
  if (dialog) {
    new MutationObserver(() => {
      if (dialog.open) start();
    }).observe(dialog, { attributes: true, attributeFilter: ['open'] });
  }
}

function showFailure(host: HTMLElement, error: unknown): void {
  const place = host.querySelector('#starlight__search');
  if (!place) return;
  let message = host.querySelector<HTMLElement>('[data-search-failed]');
  if (!message) {
    message = document.createElement('p');
    message.setAttribute('data-search-failed', '');
    message.setAttribute('role', 'alert');
    // Inside the search area, so it keeps clear of the phone layout's Cancel button as the input does.
    place.prepend(message);
  }
  const reason = error instanceof Error ? error.message : String(error);
  message.textContent = `${FAILED}: ${reason}. Close this window and open it again to retry.`;
}
