import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@rl/config';
import { createRootLogger, holdEarlySignals, installGracefulShutdown, PinoNestLogger } from '@rl/server-infra';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP server) running BullMQ processors. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.LOG_LEVEL, 'worker', undefined, config.LOG_FORMAT);
  const releaseSignals = holdEarlySignals();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(logger) });
  // SIGTERM/SIGINT: stop taking jobs, let running ones finish (WorkerDrain), close connections.
  installGracefulShutdown(app, logger);
  releaseSignals();
  await app.init();
  logger.info({ pid: process.pid, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
}

main().catch((e) => {
  process.stderr.write(`\nworker: failed to start: ${e instanceof ConfigError ? e.message : (e as Error).stack ?? e}\n`);
  process.exit(1);
});
