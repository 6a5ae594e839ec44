import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@rl/config';
import { createRootLogger, installGracefulShutdown, PinoNestLogger } from '@rl/server-infra';
import { OutboxRelayService } from './outbox-relay.service';
import { DeadlinesProcessor, MaintenanceProcessor, NotificationsProcessor } from './processors';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context (no HTTP server) running BullMQ processors. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.LOG_LEVEL, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new PinoNestLogger(logger) });
  // SIGTERM/SIGINT: stop taking jobs, let running ones finish, close connections.
  // Jobs are drained first: app.close() alone shuts the mailer's SMTP transport and the database
  // (deeper modules) before the BullMQ workers, so a job running at SIGTERM could send its e-mail
  // and then fail to record it, and the next worker would send it again.
  installGracefulShutdown(app, logger, 20_000, () =>
    Promise.all([
      ...[DeadlinesProcessor, NotificationsProcessor, MaintenanceProcessor].map((P) => app.get(P).worker.close()),
      app.get(OutboxRelayService).onApplicationShutdown(),
    ]),
  );
  await app.init();
  logger.info({ pid: process.pid, concurrency: config.WORKER_CONCURRENCY }, 'worker started');
}

main().catch((e) => {
  process.stderr.write(`\nworker: failed to start: ${e instanceof ConfigError ? e.message : (e as Error).stack ?? e}\n`);
  process.exit(1);
});
