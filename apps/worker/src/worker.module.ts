import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '@rl/config';
import { CaseEngineModule } from '@rl/case-engine';
import { MailerModule } from '@rl/mailer';
import { QUEUES } from '@rl/queues';
import { InfraModule } from '@rl/server-infra';
import { OutboxRelayService } from './outbox-relay.service';
import { DeadlinesProcessor, MaintenanceProcessor, NotificationsProcessor } from './processors';
import { WebhooksProcessor } from './webhooks.processor';
import { WorkerDrain } from './worker-drain';

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
          defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 1000 } },
        }),
        BullModule.registerQueue({ name: QUEUES.maintenance }, { name: QUEUES.deadlines }, { name: QUEUES.notifications }, { name: QUEUES.webhooks }),
        CaseEngineModule,
        MailerModule,
      ],
      providers: [DeadlinesProcessor, MaintenanceProcessor, NotificationsProcessor, WebhooksProcessor, OutboxRelayService, WorkerDrain],
    };
  }
}
