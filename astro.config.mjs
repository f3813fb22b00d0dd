// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { contentSecurityPolicy } from './src/integrations/csp.ts';
import { deferredSearch } from './src/integrations/deferred-search.ts';
import { offline, offlineRegistration } from './src/integrations/offline.ts';

// The engine's modules that only a run needs (the event loop, the services' models, the
// metric recorder); the scenario schema and what it checks with; and the rest (limits,
// metric helpers). Kept apart so that a chapter page loads neither the simulation nor the
// schema until the reader does something that needs them (tests/e2e/budgets.spec.ts holds
// every page to its byte budget).
const ENGINE_RUN_LOOP =
  /[\\/]engine[\\/](simulation[\\/]|kinesis[\\/](shard-reader|stream-log)|kafka[\\/]poller-scaler|lambda[\\/](environment-pool|function-model)|esm[\\/](batch-book|record-classes)|metrics[\\/](recorder|observations|derive)|core[\\/]event-queue)/;
const ENGINE_ON_PAGES = /[\\/]engine[\\/]/;
const ENGINE_FILTER = /[\\/]engine[\\/](filter[\\/]|producer[\\/]telemetry\.ts|core[\\/]random)/;
const ENGINE_SCHEMA = /[\\/]engine[\\/](scenario[\\/]|producer[\\/]telemetry-settings)|[\\/]engine[\\/]core[\\/]validation|[\\/]node_modules[\\/]zod[\\/](index|v4[\\/](index|classic))/;

export default defineConfig({
  site: 'https://serverless-streaming-lab.example',
  integrations: [
    starlight({
      title: 'Serverless Streaming Lab',
      description:
        'Run and change experiments on Lambda with Kinesis and Kafka: concurrency, batching, filtering, shards, partitions, provisioned mode and observability.',
      // Chapters live in the top-level content/ folder, so Starlight must be told to process
      // its Markdown there too (asides, heading anchors).
      markdown: { processedDirs: ['./content'] },
      customCss: ['./src/styles/site.css'],
      // Long lines in code examples (filter patterns, scenarios) wrap instead of scrolling: a
      // scrolling code block would need keyboard focus, and phones would hide half of each line.
      expressiveCode: { defaultProps: { wrap: true } },
      lastUpdated: false,
      disable404Route: true,
      sidebar: [
        { label: 'Start here', link: '/' },
        { label: 'Chapters', items: [{ autogenerate: { directory: 'content/chapters' } }] },
        { label: 'Labs', items: [{ autogenerate: { directory: 'content/labs' } }] },
        { label: 'For instructors', items: [{ autogenerate: { directory: 'content/instructors' } }] },
        { label: 'Reference', items: [{ autogenerate: { directory: 'content/reference' } }] },
      ],
      plugins: [offlineRegistration()],
    }),
    svelte(),
    // Search's UI is built when the reader reaches for it, not on every page load.
    deferredSearch(),
    // After Starlight (its pages are final) and before offline(), which fingerprints them.
    contentSecurityPolicy(),
    // Last: it lists the finished dist/, Pagefind's files included (see offline.ts).
    offline(),
  ],
  vite: {
    build: {
      rolldownOptions: {
        // The engine runs nothing when imported (pure functions and constants), so an import of
        // its barrel that uses nothing from a module may drop that module.
        // Everything else keeps the bundler's own judgement (package.json "sideEffects" hints).
        treeshake: { moduleSideEffects: (id) => (/[\\/]engine[\\/]/.test(id) ? false : undefined) },
        output: {
          codeSplitting: {
            groups: [
              // Three chunks of the engine, by when a page needs them: the scenario schema (with zod,
              // the largest part: to restore a link or saved edits, or to check the editor's text),
              // the limits and metric helpers a chart's caption uses, and the run loop, which only
              // the workers need (or the page, when its browser cannot run one).
              // The barrel engine/index.ts is in none: a group takes what its modules import.
              { name: 'engine-schema', test: (id) => ENGINE_SCHEMA.test(id), priority: 3 },
              // Filters and sample records, without the schema: the filter playground checks patterns as the reader types.
              { name: 'engine-filter', test: (id) => ENGINE_FILTER.test(id), priority: 4 },
              { name: 'engine', test: (id) => ENGINE_ON_PAGES.test(id) && !ENGINE_RUN_LOOP.test(id) && !/[\\/]engine[\\/]index\.ts$/.test(id), priority: 2 },
              { name: 'engine-run', test: (id) => ENGINE_RUN_LOOP.test(id), priority: 1 },
            ],
          },
        },
        onwarn(warning, warn) {
          // Astro marks every MDX page with a "use astro:head-inject" directive that the
          // bundler reports once per page; Astro handles it itself, so the warning is noise.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
