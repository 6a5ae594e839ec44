import { JOB_DEADLINE_ALERT } from '@rl/queues';
import { relayPlan, type RelayRow } from './relay-plan';

const mail = (n: number): RelayRow => ({ type: 'email.send', payload: { notificationId: `n${n}` } });
const schedule = (job: string, dueAt = '2026-12-01T10:00:00.000Z'): RelayRow => ({ type: 'alert.schedule', payload: { alertId: `a-${job}`, jobId: job, dueAt } });
const cancel = (job: string): RelayRow => ({ type: 'alert.cancel', payload: { jobId: job } });
const NOW = Date.parse('2026-12-01T09:00:00.000Z');
const jobIds = (plan: ReturnType<typeof relayPlan>) => plan.alerts.map((a) => a.opts.jobId);

describe('relayPlan (what the outbox relay sends to Redis for a batch)', () => {
  it("puts all of a batch's e-mails into one list, in outbox order, however alert rows come between them", () => {
    // As transitions write them: each notifies (e-mail), cancels its old alert and schedules the next.
    const plan = relayPlan([mail(1), cancel('j1'), schedule('j2'), mail(2), cancel('j2b'), schedule('j3'), mail(3)], NOW);
    expect(plan).toEqual({ cancel: ['j1', 'j2b'], alerts: [expect.anything(), expect.anything()], mails: ['n1', 'n2', 'n3'] });
    expect(jobIds(plan)).toEqual(['j2', 'j3']);
  });

  it('keeps the net effect per alert job: scheduled then cancelled = removed only; cancelled then scheduled = removed, then added', () => {
    const plan = relayPlan([schedule('j1'), schedule('j2'), cancel('j1'), cancel('j3'), schedule('j3'), schedule('j1')], NOW);
    // Removals run before additions: j1 (scheduled again at the end) and j3 are removed and added.
    expect(plan.cancel).toEqual(['j1', 'j3']);
    expect(jobIds(plan)).toEqual(['j2', 'j3', 'j1']);
    expect(jobIds(relayPlan([schedule('j1'), cancel('j1')], NOW))).toEqual([]);
    expect(relayPlan([schedule('j1'), cancel('j1')], NOW).cancel).toEqual(['j1']);
  });

  it('delays an alert job until its due instant on the given clock (never negative)', () => {
    expect(relayPlan([schedule('j1'), schedule('j0', '2026-12-01T08:00:00.000Z')], NOW).alerts).toEqual([
      { name: JOB_DEADLINE_ALERT, data: { alertId: 'a-j1' }, opts: { jobId: 'j1', delay: 3_600_000, removeOnComplete: 1000, removeOnFail: 5000 } },
      { name: JOB_DEADLINE_ALERT, data: { alertId: 'a-j0' }, opts: { jobId: 'j0', delay: 0, removeOnComplete: 1000, removeOnFail: 5000 } },
    ]);
  });

  it('leaves event-log rows alone', () => {
    const empty = { cancel: [], alerts: [], mails: [] };
    expect(relayPlan([{ type: 'clock.started', payload: {} }, { type: 'case.submitted', payload: {} }], NOW)).toEqual(empty);
    expect(relayPlan([], NOW)).toEqual(empty);
  });
});
