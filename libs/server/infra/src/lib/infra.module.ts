import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@rl/config';
import { assertRedisNoEviction } from '@rl/db';
import { dataSourceOptions } from '@rl/migrations';
import { AdjustableClock, SharedClock, SystemClock } from './clock';
import { APP_CONFIG, CLOCK, REDIS } from './tokens';

/** Closes the shared Redis client last, after BullMQ workers and queues have stopped. */
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Config, database, Redis and the clock for api and worker. The TypeORM data source is the one
 * from migrations/data-source.ts, so the app and the migration CLI cannot drift apart.
 */
@Global()
@Module({})
export class InfraModule {
  static forRoot(config: AppConfig, opts: { clock?: 'system' | 'adjustable' } = {}): DynamicModule {
    return {
      module: InfraModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.DATABASE_URL),
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: CLOCK,
          inject: [DataSource],
          // With the test clock on, every process (API, worker) follows the one row in
          // PostgreSQL; production (where config validation refuses the test clock) never reads it.
          useFactory: async (ds: DataSource) => {
            if (opts.clock === 'adjustable') return new AdjustableClock();
            if (!config.ENABLE_TEST_CLOCK) return new SystemClock();
            const clock = new SharedClock(ds, 1000, (e) => new Logger('Clock').warn(`could not re-read the shared test clock: ${(e as Error)?.message ?? e}`));
            await clock.sync();
            return clock;
          },
        },
        {
          provide: REDIS,
          useFactory: async () => {
            const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
            await redis.connect();
            if (config.REDIS_REQUIRE_NOEVICTION) {
              await assertRedisNoEviction(redis, (m) => new Logger('Redis').warn(m));
            }
            return redis;
          },
        },
        RedisCloser,
      ],
      exports: [APP_CONFIG, CLOCK, REDIS],
    };
  }
}
