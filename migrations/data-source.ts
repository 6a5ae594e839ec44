import 'reflect-metadata';
import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './index';

// Legal dates (due dates, klagefrister) are calendar dates in Europe/Copenhagen with no time of
// day: keep PostgreSQL `date` values as 'YYYY-MM-DD' strings instead of JS Dates at a midnight
// in some process time zone.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

/**
 * THE data source: used by the API and worker (through TypeOrmModule's dataSourceFactory)
 * and by `npm run migrate` / scripts/db.ts. Schema changes only through migrations.
 */
/** Most connections per process (DB_POOL_SIZE, default 20). */
export function dbPoolMax(): number {
  return Number(process.env.DB_POOL_SIZE ?? 20);
}

/** Connections per process kept open while idle (DB_POOL_MIN, default 10, at most DB_POOL_SIZE). */
export function dbPoolMin(): number {
  return Math.min(Number(process.env.DB_POOL_MIN ?? 10), dbPoolMax());
}

export function dataSourceOptions(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    // No TypeORM entities: every table is read and written with typed SQL (zod-parsed rows).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // `min` connections stay open while idle (pg-pool closes the rest after 10 s): a burst after a
    // quiet spell then does not first open a connection per request (the API opens them at start).
    extra: { max: dbPoolMax(), min: dbPoolMin(), application_name: 'rod-lober' },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, overrides));
}

/** For the TypeORM CLI (`typeorm -d migrations/data-source.ts`), which wants a default export. */
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rodlober');
