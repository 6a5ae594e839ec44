export {
  QUEUES,
  QUEUE_NAMES,
  JOB_RELAY_EVENT,
  JOB_ROUTE_TASK,
  JOB_DEADLINE_ALERT,
  JOB_DEADLINE_SWEEP,
  JOB_SEND_EMAIL,
  JOB_HEARTBEAT,
  JOB_STATS_REFRESH,
  JOB_WEBHOOK_DELIVERY,
  jobId,
} from './lib/queues';
export type { QueueKey, QueueName } from './lib/queues';
