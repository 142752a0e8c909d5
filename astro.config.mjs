// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { i18nSplit } from './scripts/lib/i18n-split.ts';
import { hashedPosters } from './scripts/lib/hashed-poster.ts';

/**
 * Astro's content-assets plugin wraps every MDX entry (`?astroPropagatedAssets`) in a module that starts with
 * the directive "use astro:head-inject". Astro reads that marker itself while transforming (head propagation,
 * before bundling), so the bundler dropping it from the output changes nothing; without this filter the build
 * prints one MODULE_LEVEL_DIRECTIVE warning per MDX file (hundreds). Set per environment: Astro builds the
 * prerender environment with its own rolldownOptions, so a top-level `build.rolldownOptions.onwarn` never
 * reaches it. Every other warning is printed as before.
 * @returns {import('vite').Plugin}
 */
function quietHeadInjectDirective() {
  return {
    name: 'qa:quiet-head-inject-directive',
    configEnvironment(_name, config) {
      const previous = config.build?.rolldownOptions?.onwarn;
      return {
        build: {
          rolldownOptions: {
            onwarn(warning, warn) {
              if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('use astro:head-inject')) return;
              if (previous) previous(warning, warn);
              else warn(warning);
            },
          },
        },
      };
    },
  };
}

// Static output: PocketBase serves dist/ itself, so production is one binary plus a folder.
export default defineConfig({
  site: process.env.QA_SITE_URL ?? 'http://127.0.0.1:8090',
  output: 'static',
  // 'ignore' rather than 'always': in `npm run dev` the check would answer /api/* with 404 before Vite's proxy.
  trailingSlash: 'ignore',
  // video posters under hashed URLs, cached like the rest of /_astro/ (scripts/lib/hashed-poster.ts)
  integrations: [mdx(), preact(), hashedPosters()],
  // Styles and the layout's small scripts go to hashed files (cached for a year, shared by every page) instead
  // of being inlined into each page: every lesson page's HTML stays within its 10 KB budget (docs/performance.md).
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  vite: {
    // each island carries only its own UI strings, not the whole dictionary (docs/performance.md)
    plugins: [i18nSplit(), quietHeadInjectDirective()],
    build: { assetsInlineLimit: 0 },
    server: {
      // `npm run dev`: the API lives on PocketBase; the Astro dev server forwards to it.
      proxy: { '/api': `http://127.0.0.1:${process.env.QA_PB_PORT ?? '8090'}` },
    },
  },
});
