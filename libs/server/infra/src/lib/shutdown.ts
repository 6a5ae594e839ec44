import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Graceful shutdown for api and worker: on SIGTERM/SIGINT stop accepting work, let in-flight
 * requests and jobs finish (Nest runs every shutdown hook in app.close()), close PostgreSQL and
 * Redis, then exit 0. A second signal, or a hang past `timeoutMs`, exits at once with 1.
 */
export function installGracefulShutdown(app: INestApplicationContext, logger: Logger, timeoutMs = 20_000, beforeClose?: () => Promise<unknown>): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down gracefully');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'graceful shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    // `beforeClose` drains work (e.g. BullMQ jobs) while every resource it needs is still open:
    // Nest's own hooks close deeper modules (SMTP transport, database) before the root's.
    Promise.resolve()
      .then(() => beforeClose?.())
      .then(() => app.close())
      .then(() => {
        logger.info('shutdown complete');
        process.exit(0);
      })
      .catch((e: unknown) => {
        logger.error({ err: e }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Hold SIGTERM/SIGINT that arrive while the Nest context is still being created. The worker's
 * processors (and its heartbeat) start inside `createApplicationContext`, before
 * `installGracefulShutdown` can run; a signal in that gap would otherwise kill the process with
 * Node's default action (no drain, exit by signal). Call the returned function once the graceful
 * handler is installed: it re-delivers a held signal to it.
 */
export function holdEarlySignals(): () => void {
  let held: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => {
    held ??= signal;
  };
  process.on('SIGTERM', hold);
  process.on('SIGINT', hold);
  return () => {
    process.off('SIGTERM', hold);
    process.off('SIGINT', hold);
    if (held) process.emit(held, held);
  };
}
