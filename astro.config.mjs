// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import svelte from '@astrojs/svelte';
import { offline, offlineRegistration } from './src/integrations/offline.ts';

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
    // Last: it lists the finished dist/, Pagefind's files included (see offline.ts).
    offline(),
  ],
  vite: {
    build: {
      rolldownOptions: {
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
