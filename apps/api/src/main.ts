import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '@rl/config';
import { createRootLogger, holdEarlySignals, installGracefulShutdown } from '@rl/server-infra';
import { toCopenhagenDate } from '@rl/clocks';
import { catalogVersionAt, precompileApplicationValidators } from '@rl/permits-catalog';
import { DataSource } from 'typeorm';
import { dbPoolMin } from '@rl/migrations';
import { initialPermitState, permitInputFromCatalog } from '@rl/permits-machines';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.LOG_LEVEL, 'api', undefined, config.LOG_FORMAT);
  const releaseSignals = holdEarlySignals();
  const app = await createApp(config, logger);
  installGracefulShutdown(app, logger);
  releaseSignals();
  // Warm before listening, so the health check answers only once the first case creation is as
  // fast as the next (the application's JSON Schemas compile in 0.3–0.8 s of CPU).
  const catalog = catalogVersionAt(toCopenhagenDate(new Date()));
  precompileApplicationValidators(catalog.version);
  // The first state of each permit type (memoised; also runs the permit machine once).
  for (const type of catalog.permitTypes) initialPermitState(permitInputFromCatalog(type, catalog.version));
  // … and with the pool's idle connections open, so the first burst does not open one per request.
  const ds = app.get(DataSource);
  await Promise.all(Array.from({ length: dbPoolMin() }, () => ds.query('SELECT 1')));
  await app.listen(config.PORT, config.HOST);
  logger.info({ url: await app.getUrl(), pid: process.pid }, 'API listening');
}

/**
 * API_PROCS > 1 (issue 20 item 4): this process is a node cluster primary. It loads no Nest
 * application; it forks API_PROCS API processes that share the listening port (the primary
 * hands connections round-robin), forks a new one when one dies unexpectedly, and on
 * SIGTERM/SIGINT passes the signal on and exits once every API process has drained. An API
 * process whose primary died (SIGKILL) exits by itself (node's cluster disconnect rule).
 * Every API process is stateless: sessions are tokens, rate limits and queues live in Redis, the
 * record in PostgreSQL (docs/scaling.md).
 */
function primary(config: ReturnType<typeof loadConfig>): void {
  const procs = config.API_PROCS;
  const logger = createRootLogger(config.LOG_LEVEL, 'api', undefined, config.LOG_FORMAT);
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < procs; i++) fork();
  const listened = new Set<number>();
  cluster.on('listening', (w) => {
    listened.add(w.id);
    if (listened.size === procs) logger.info({ pid: process.pid, procs }, 'API listening (cluster)');
  });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // One that never came up (bad config, database unreachable …) would fail again: fail fast, like one process does.
    if (!listened.has(w.id)) {
      logger.error({ pid: w.process.pid, code, signal }, 'API process failed to start; stopping');
      stop('SIGTERM', 1);
      process.exitCode = 1;
      return;
    }
    logger.warn({ pid: w.process.pid, code, signal }, 'API process exited; forking a new one');
    setTimeout(fork, 500);
  });
  function stop(sig: NodeJS.Signals, code = 0): void {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(code);
    for (const w of workers) w?.process.kill(sig);
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function start(): void {
  // Validates the configuration (and creates the development signing key) before any fork.
  const config = loadConfig();
  if (config.API_PROCS > 1 && cluster.isPrimary) primary(config);
  else void main().catch(fail);
}

function fail(e: unknown): never {
  // Fail fast with a readable message (bad config, DB or Redis unreachable, Redis evicting).
  process.stderr.write(`\napi: failed to start: ${e instanceof ConfigError ? e.message : ((e as Error).stack ?? e)}\n`);
  process.exit(1);
}

try {
  start();
} catch (e) {
  fail(e);
}
