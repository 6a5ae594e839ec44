/**
 * Prints the OpenAPI document as JSON on stdout, without PostgreSQL or Redis (Nest preview
 * mode, see buildOpenApiOffline). The test clock is switched on so the document describes
 * every operation a development or test deployment has.
 *   node -r @swc-node/register apps/api/src/print-openapi.ts > openapi.json
 * `npm run gen:api` uses it to regenerate the web client's committed types.
 */
import { loadConfig } from '@rl/config';
import { buildOpenApiOffline } from './app.factory';

export function offlineConfigEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // Nothing connects in preview mode; the URLs only satisfy config validation.
  return {
    ...env,
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:1/0',
    NODE_ENV: 'development',
    AUTH_MODE: 'dev',
    JWT_SECRET: 'openapi-document-only-never-signs-anything',
    ENABLE_TEST_CLOCK: '1',
    LOG_LEVEL: 'silent',
  };
}

if (require.main === module) {
  buildOpenApiOffline(loadConfig(offlineConfigEnv()))
    .then((doc) => {
      // Exit only once the write is flushed: stdout to a pipe is asynchronous, and exiting at
      // once cut the ~220 KB document short.
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`, () => process.exit(0));
    })
    .catch((e) => {
      process.stderr.write(`print-openapi: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    });
}
