// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';

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
    build: {
      rolldownOptions: {
        // Astro's content-assets plugin wraps every MDX entry (`?astroPropagatedAssets`) in a module that starts
        // with the directive "use astro:head-inject"; Astro reads that marker itself while transforming (head
        // propagation, before bundling), so the bundler dropping it from the output changes nothing.
        // Without this filter the build prints one MODULE_LEVEL_DIRECTIVE warning per MDX file (hundreds).
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('use astro:head-inject')) return;
          warn(warning);
        },
      },
    },
    server: {
      // `npm run dev`: the API lives on PocketBase; the Astro dev server forwards to it.
      proxy: { '/api': `http://127.0.0.1:${process.env.QA_PB_PORT ?? '8090'}` },
    },
  },
});
