import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@rl/config';
import { createDataSource } from '@rl/migrations';
import { seedAll } from '@rl/seeds';
import { createApp } from '../../../apps/api/src/app.factory';

export interface StartedApp {
  app: NestExpressApplication;
  /** The seeded database (2 connections). */
  ds: DataSource;
  /** The app's origin, without /api/v1. */
  base: string;
}

/**
 * The API in process on a configuration of the file's own (an auth mode, a storage root, a log
 * sink), for files that need what TestApi hides: the database and the bare origin. `prepare`
 * runs on the seeded database before the app starts; `logger` replaces the app's root logger.
 */
export async function startApp(config: AppConfig, opts: { prepare?: (ds: DataSource) => Promise<unknown>; logger?: Parameters<typeof createApp>[1] } = {}): Promise<StartedApp> {
  const ds = createDataSource(config.DATABASE_URL, { extra: { max: 2 } });
  await ds.initialize();
  await seedAll(ds);
  await opts.prepare?.(ds);
  const app = await createApp(config, opts.logger);
  await app.listen(0, '127.0.0.1');
  return { app, ds, base: await app.getUrl() };
}

/** Stops what startApp started (either may be missing when the start failed). */
export async function stopApp(app: INestApplication | undefined, ds: DataSource | undefined): Promise<void> {
  await app?.close();
  await ds?.destroy();
}

/** Links seeded users to subjects of an OIDC issuer: `links` maps subject → username. */
export async function linkIdentities(ds: DataSource, issuer: string, links: Record<string, string>): Promise<void> {
  await ds.query(
    `INSERT INTO user_external_identities (issuer, subject, user_id)
     SELECT $1, s.subject, u.id FROM unnest($2::text[], $3::text[]) s(subject, username) JOIN users u ON u.username = s.username`,
    [issuer, Object.keys(links), Object.values(links)],
  );
}

/** Removes every link to `issuer` (the database outlives the file). */
export async function unlinkIdentities(ds: DataSource | undefined, issuer: string): Promise<void> {
  await ds?.query(`DELETE FROM user_external_identities WHERE issuer = $1`, [issuer]);
}
