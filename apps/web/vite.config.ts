import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Web shell for Rød Løber. Run from the repo root:
//   npx vite --config apps/web/vite.config.ts          (dev server, proxies /api)
//   npx vite build --config apps/web/vite.config.ts    (→ apps/web/dist)
const webRoot = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.WEB_PORT ?? 5173);
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

// dkfds' package.json "exports" only exposes "." (the JS bundle), so deep imports such as
// 'dkfds/dist/css/dkfds-virkdk.css' are blocked by the resolver. Alias dkfds/dist/* to the
// installed package's dist folder; its CSS then resolves ../fonts and ../img relative to itself.
const dkfdsDist = resolve(dirname(createRequire(import.meta.url).resolve('dkfds')), '..');

const apiProxy = {
  '/api': { target: apiTarget, changeOrigin: true },
};

export default defineConfig({
  root: webRoot,
  // Absolute base: the app is served from / by vite and by nginx (docker/nginx.conf).
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^dkfds\/dist\//, replacement: `${dkfdsDist}/` }],
  },
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    proxy: apiProxy,
  },
  preview: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    proxy: apiProxy,
  },
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    // DKFDS fonts/icons are referenced from its CSS (url("../fonts/…"), url("../img/…"));
    // Vite rewrites and emits them under dist/assets. Keep SVG icons as files, not data URIs.
    assetsInlineLimit: 0,
  },
});
