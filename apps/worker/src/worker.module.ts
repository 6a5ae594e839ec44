import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@rl/config';
import { InfraModule } from '@rl/server-infra';
import { MaintenanceProcessor } from './maintenance.processor';
import { QUEUE_MAINTENANCE } from './queues';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfraModule.forRoot(config),
        BullModule.forRoot({
          // Workers block on Redis; maxRetriesPerRequest must be null (BullMQ production guide).
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
          defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
        }),
        BullModule.registerQueue({ name: QUEUE_MAINTENANCE }),
      ],
      providers: [MaintenanceProcessor],
    };
  }
}
