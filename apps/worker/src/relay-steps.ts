import { JOB_DEADLINE_ALERT } from '@rl/queues';

/** An unsent outbox row as the relay reads it (the fields the steps need). */
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

/** One Redis call of the relay: an `addBulk` of alert jobs, one removal, or the batch's e-mail jobs. */
export type RelayStep = { kind: 'alerts'; jobs: AlertJob[] } | { kind: 'cancel'; jobId: string } | { kind: 'mails'; notificationIds: string[] };

/**
 * What the relay does with one batch of outbox rows, in order (pure). Alert additions and
 * cancellations keep their outbox order (a job added and later cancelled in the same batch must
 * be added first), so the additions before a cancellation go out as one `addBulk` before it.
 * E-mails are independent of alerts: all the batch's e-mails go last, as one list for
 * `mailBatchJobs` (issue 20 item 2). Flushing them at every cancellation too — a transition that
 * notifies usually also cancels an alert — made most e-mail jobs carry ONE id (in a bench step
 * (a) run, 1,422 of the 1,723 claim transactions were such jobs), so an e-mail paid for a job and
 * a claim transaction of its own.
 * Last also means alerts first (issue 20 item 5). `nowMs` is the application clock: an alert's
 * delay is measured on it.
 */
export function relaySteps(rows: readonly RelayRow[], nowMs: number): RelayStep[] {
  const steps: RelayStep[] = [];
  const mails: string[] = [];
  let alerts: AlertJob[] = [];
  const flushAlerts = () => {
    if (alerts.length) steps.push({ kind: 'alerts', jobs: alerts });
    alerts = [];
  };
  for (const r of rows) {
    switch (r.type) {
      case 'email.send':
        mails.push(String(r.payload.notificationId));
        break;
      case 'alert.schedule': {
        const delay = Math.max(0, Date.parse(String(r.payload.dueAt)) - nowMs);
        alerts.push({ name: JOB_DEADLINE_ALERT, data: { alertId: String(r.payload.alertId) }, opts: { jobId: String(r.payload.jobId), delay, removeOnComplete: 1000, removeOnFail: 5000 } });
        break;
      }
      case 'alert.cancel':
        // A job that is already running is left alone: firing re-checks PostgreSQL.
        flushAlerts();
        steps.push({ kind: 'cancel', jobId: String(r.payload.jobId) });
        break;
      default:
        // Other effects (clock.*, notify, route.task, case.*) were fully handled in the
        // transaction that wrote them; they stay in the outbox as an event log.
        break;
    }
  }
  flushAlerts();
  if (mails.length) steps.push({ kind: 'mails', notificationIds: mails });
  return steps;
}
