// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { i18nSplit } from './scripts/lib/i18n-split.ts';

// Static output: PocketBase serves dist/ itself, so production is one binary plus a folder.
export default defineConfig({
  site: process.env.QA_SITE_URL ?? 'http://127.0.0.1:8090',
  output: 'static',
  // 'ignore' rather than 'always': in `npm run dev` the check would answer /api/* with 404 before Vite's proxy.
  trailingSlash: 'ignore',
  integrations: [mdx(), preact()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  vite: {
    // each island carries only its own UI strings, not the whole dictionary (docs/performance.md)
    plugins: [i18nSplit()],
    server: {
      // `npm run dev`: the API lives on PocketBase; the Astro dev server forwards to it.
      proxy: { '/api': `http://127.0.0.1:${process.env.QA_PB_PORT ?? '8090'}` },
    },
  },
});
