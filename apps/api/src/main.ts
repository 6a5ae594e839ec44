import { ConfigError, loadConfig } from '@rl/config';
import { createRootLogger, holdEarlySignals, installGracefulShutdown } from '@rl/server-infra';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.LOG_LEVEL, 'api', undefined, config.LOG_FORMAT);
  const releaseSignals = holdEarlySignals();
  const app = await createApp(config, logger);
  installGracefulShutdown(app, logger);
  releaseSignals();
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl() }, 'API listening');
}

main().catch((e) => {
  // Fail fast with a readable message (bad config, DB or Redis unreachable, Redis evicting).
  process.stderr.write(`\napi: failed to start: ${e instanceof ConfigError ? e.message : (e as Error).stack ?? e}\n`);
  process.exit(1);
});
