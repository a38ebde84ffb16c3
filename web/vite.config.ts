/// <reference types="vitest/config" />
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The api serves the build at "/"; `npm run dev` proxies the API to a service on :8080 (or FS_API).
const api = process.env.FS_API ?? 'http://localhost:8080';

/** The module that pulls in Recharts; loaded on demand (components/LazyCharts.tsx) but fetched with the page. */
const CHARTS_MODULE = '/src/components/Charts.tsx';

/**
 * Hints the charts chunk (and the chunks it imports) in index.html with modulepreload: the browser fetches and
 * compiles it beside the entry, while the entry already renders and asks the API for data.
 */
function preloadCharts(): Plugin {
  return {
    name: 'funnelstream:preload-charts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const charts = chunks.find((c) => c.facadeModuleId?.endsWith(CHARTS_MODULE));
        if (!charts) return [];
        const files = [...charts.imports, charts.fileName].filter(
          (file) => !chunks.some((c) => c.isEntry && (c.fileName === file || c.imports.includes(file))),
        );
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * Writes a gzip and a brotli copy beside every built script and style sheet, so the api serves them compressed
 * without compressing on each request (Spring's EncodedResourceResolver picks them by Accept-Encoding).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'funnelstream:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets).filter((f) => /\.(js|css|svg)$/.test(f))) {
        const bytes = readFileSync(join(assets, file));
        if (bytes.length < 1024) continue;
        writeFileSync(join(assets, `${file}.gz`), gzipSync(bytes, { level: 9 }));
        writeFileSync(
          join(assets, `${file}.br`),
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadCharts(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        // Libraries change rarely: React and the router (needed at once) and Recharts with its dependencies (used
        // only by the dynamically imported Charts module) get chunks of their own that stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie)[\\/]/,
              priority: 2,
            },
            { name: 'recharts', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': api, '/webhooks': api },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
