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
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'rod-lober' },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, overrides));
}

/** For the TypeORM CLI (`typeorm -d migrations/data-source.ts`), which wants a default export. */
export default createDataSource(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rodlober');
