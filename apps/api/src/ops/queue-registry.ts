import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '@rl/queues';
import { REDIS } from '@rl/server-infra';

/**
 * Producer-side BullMQ queues of the api (every name in QUEUES). They share ONE duplicate of
 * the infra Redis client; it fails commands after a few retries instead of waiting forever, so
 * a Redis outage makes /metrics and Bull Board answer (with errors) rather than hang.
 * Closed on shutdown before InfraModule closes the base client.
 */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(REDIS) redis: Redis) {
    this.connection = redis.duplicate({ maxRetriesPerRequest: 2, connectionName: 'rl-api-queues' });
    // BullMQ re-emits connection errors on every queue: log once here, never crash on them.
    this.connection.on('error', (e: Error) => this.logger.warn(`queue connection: ${e.message}`));
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: this.connection });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
  }

  get(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.all().map((q) => q.close()));
    if (this.connection.status !== 'end') await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
