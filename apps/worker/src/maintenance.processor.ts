import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { CLOCK, type Clock, REDIS } from '@rl/server-infra';
import { JOB_HEARTBEAT, QUEUE_MAINTENANCE, WORKER_HEARTBEAT_KEY } from './queues';

/**
 * Maintenance jobs. The heartbeat runs from a BullMQ job scheduler (BullMQ 6 removed legacy
 * repeatable jobs) and proves that scheduling, processing and Redis writes all work.
 */
@Processor(QUEUE_MAINTENANCE)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectQueue(QUEUE_MAINTENANCE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('heartbeat', { every: 15_000 }, { name: JOB_HEARTBEAT, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB_HEARTBEAT: {
        const at = this.clock.now().toISOString();
        await this.redis.set(WORKER_HEARTBEAT_KEY, JSON.stringify({ at, pid: process.pid }), 'EX', 120);
        return { at };
      }
      default:
        // A job we do not know can never succeed: do not retry it.
        this.logger.error(`unknown job ${job.name} on ${QUEUE_MAINTENANCE}`);
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
