import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '@rl/server-infra';
import { Public } from '../auth';
import { Endpoint } from '../common/endpoint';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Liveness and readiness: PostgreSQL (SELECT 1) and Redis (PING). 503 when either is down. */
  @HealthCheck()
  @Endpoint('GET', '/', { summary: 'Liveness and readiness: PostgreSQL and Redis' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database').withTimeout(1500),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            const pong = await this.redis.ping();
            if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`);
          })
          .withTimeout(1500),
    ]);
  }
}
