export {
  QUEUES,
  QUEUE_NAMES,
  JOB_RELAY_EVENT,
  JOB_ROUTE_TASK,
  JOB_DEADLINE_ALERT,
  JOB_DEADLINE_SWEEP,
  JOB_SEND_EMAIL,
  JOB_SEND_EMAIL_BATCH,
  JOB_HEARTBEAT,
  JOB_STATS_REFRESH,
  JOB_WEBHOOK_DELIVERY,
  JOB_WEBHOOK_DELIVERY_BATCH,
  JOB_EMAIL_DIGEST,
  JOB_FORECAST_REFRESH,
  jobId,
} from './lib/queues';
export type { QueueKey, QueueName } from './lib/queues';
export { removeFailedJobs } from './lib/revive';
