import { JOB_DEADLINE_ALERT } from '@rl/queues';

/** An unsent outbox row as the relay reads it (the fields the plan needs). */
export interface RelayRow {
  type: string;
  payload: Record<string, unknown>;
}

/** A deadline-alert job as `Queue.addBulk` takes it. */
export interface AlertJob {
  name: typeof JOB_DEADLINE_ALERT;
  data: { alertId: string };
  opts: { jobId: string; delay: number; removeOnComplete: number; removeOnFail: number };
}

/**
 * What the relay sends to Redis for one batch: the alert jobs to remove, the alert jobs to add,
 * and the e-mails (their ids, for `mailBatchJobs`).
 */
export interface RelayPlan {
  /** Alert jobs to remove (a cancelled alert), first: a removal is one Redis call each, all sent at once. */
  cancel: string[];
  /** Alert jobs to add, after the removals, as one `addBulk`. */
  alerts: AlertJob[];
  /** The batch's e-mails, last (alerts first, issue 20 item 5), in outbox order. */
  mails: string[];
}

/**
 * What the relay does with one batch of outbox rows (pure). Only the order of operations on the
 * SAME alert job matters, so the batch is reduced to its net effect per job id: a job cancelled
 * after it was scheduled in the batch is only removed (in case it existed before), a job
 * scheduled after it was cancelled is removed and added again — hence removals before
 * additions. E-mails are independent of alerts: all the batch's e-mails form one list (issue 20
 * item 2). The relay used to flush e-mails and alert additions at every cancellation, in outbox
 * order; as a transition that notifies usually also cancels an alert, most e-mail jobs carried
 * ONE id (in a bench step (a) run, 1,422 of the 1,723 claim transactions were such jobs) and each
 * alert cost its own Redis calls. `nowMs` is the application clock: an alert's delay is measured
 * on it.
 */
export function relayPlan(rows: readonly RelayRow[], nowMs: number): RelayPlan {
  const cancel = new Set<string>();
  const alerts = new Map<string, AlertJob>();
  const mails: string[] = [];
  for (const r of rows) {
    switch (r.type) {
      case 'email.send':
        mails.push(String(r.payload.notificationId));
        break;
      case 'alert.schedule': {
        const jobId = String(r.payload.jobId);
        const delay = Math.max(0, Date.parse(String(r.payload.dueAt)) - nowMs);
        alerts.set(jobId, { name: JOB_DEADLINE_ALERT, data: { alertId: String(r.payload.alertId) }, opts: { jobId, delay, removeOnComplete: 1000, removeOnFail: 5000 } });
        break;
      }
      case 'alert.cancel': {
        // A job that is already running is left alone (the removal fails): firing re-checks PostgreSQL.
        const jobId = String(r.payload.jobId);
        alerts.delete(jobId);
        cancel.add(jobId);
        break;
      }
      default:
        // Other effects (clock.*, notify, route.task, case.*) were fully handled in the
        // transaction that wrote them; they stay in the outbox as an event log.
        break;
    }
  }
  return { cancel: [...cancel], alerts: [...alerts.values()], mails };
}
