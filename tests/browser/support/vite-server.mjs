// Starts the web app's Vite dev server programmatically (createServer with apps/web/vite.config.ts)
// on a free port, proxying /api to API_URL, and prints one JSON line {"url": "..."} on stdout.
// Runs as a child process because Vite is ESM-only and Jest's module runtime cannot load it.
// Stops on SIGTERM/SIGINT or when stdin closes (the parent test process died).
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
if (!process.env.API_URL) {
  console.error('vite-server: API_URL is required');
  process.exit(2);
}

const server = await createServer({
  configFile: resolve(root, 'apps/web/vite.config.ts'),
  logLevel: 'warn',
  clearScreen: false,
  server: { port: 0, strictPort: false, hmr: false, watch: null },
  // Pre-bundle every bare import up front, so the first page load never triggers a
  // "new dependencies optimized, reloading" full reload in the middle of a test.
  optimizeDeps: { include: ['react', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', 'openapi-fetch'] },
});
await server.listen();
const address = server.httpServer?.address();
const port = address && typeof address === 'object' ? address.port : null;
if (!port) {
  console.error('vite-server: no port');
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', close);
process.on('SIGINT', close);
process.stdin.on('end', close);
process.stdin.resume();
