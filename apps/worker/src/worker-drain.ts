import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service';
import { DeadlinesProcessor, MaintenanceProcessor, NotificationsProcessor } from './processors';
import { WebhooksProcessor } from './webhooks.processor';

/**
 * Drains the worker first on shutdown: `onModuleDestroy` runs before every
 * `onApplicationShutdown`, where the SMTP transport and the database close. Without it a job
 * running at shutdown could send its e-mail, fail to record it, and be sent again later.
 */
@Injectable()
export class WorkerDrain implements OnModuleDestroy {
  constructor(
    private readonly deadlines: DeadlinesProcessor,
    private readonly maintenance: MaintenanceProcessor,
    private readonly notifications: NotificationsProcessor,
    private readonly webhooks: WebhooksProcessor,
    private readonly relay: OutboxRelayService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.deadlines.worker.close(), this.maintenance.worker.close(), this.notifications.worker.close(), this.webhooks.worker.close(), this.relay.onApplicationShutdown()]);
  }
}
