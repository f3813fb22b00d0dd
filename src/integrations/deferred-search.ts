/**
 * Makes Starlight build its search UI when the reader reaches for it (see
 * src/components/deferred-search.ts) instead of on every page load.
 *
 * Starlight's <site-search> script schedules the build with `requestIdleCallback`; this
 * integration rewrites that one line of the script, as it is bundled, so that the build is
 * handed to `buildSearchWhenWanted`. If a Starlight update changes the line, the build stops
 * with a message saying so, rather than quietly loading search on every page again.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Starlight's components/Search.astro, its client script module. */
const SEARCH_SCRIPT = /[\\/]@astrojs[\\/]starlight[\\/](dist[\\/])?components[\\/]Search\.astro\?astro&type=script/;
/** The line of that script that schedules the build (Starlight 0.42). */
const SCHEDULER = 'const onIdle = window.requestIdleCallback || ((cb) => setTimeout(cb, 1));';
const RUNTIME = fileURLToPath(new URL('../components/deferred-search.ts', import.meta.url));

/** The script with its scheduler replaced, or an Error naming what was not found. */
export function deferSearchScript(code: string): string | Error {
  const at = code.indexOf(SCHEDULER);
  if (at === -1 || code.indexOf(SCHEDULER, at + 1) !== -1) {
    return new Error(`Starlight's search script no longer contains exactly one "${SCHEDULER}"; update src/integrations/deferred-search.ts for this Starlight version.`);
  }
  const replaced = code.replace(SCHEDULER, 'const onIdle = (build) => buildSearchWhenWanted(this, build);');
  return `import { buildSearchWhenWanted } from ${JSON.stringify(RUNTIME)};\n${replaced}`;
}

export function deferredSearch(): AstroIntegration {
  return {
    name: 'lab-deferred-search',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'lab-deferred-search',
                enforce: 'pre',
                transform(code, id) {
                  if (!SEARCH_SCRIPT.test(id)) return undefined;
                  const out = deferSearchScript(code);
                  if (out instanceof Error) this.error(out.message);
                  return { code: out, map: null };
                },
              },
            ],
          },
        });
      },
    },
  };
}
