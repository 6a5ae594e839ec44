import { JOB_DEADLINE_ALERT } from '@rl/queues';
import { relaySteps, type RelayRow } from './relay-steps';

const mail = (n: number): RelayRow => ({ type: 'email.send', payload: { notificationId: `n${n}` } });
const schedule = (job: string, dueAt = '2026-12-01T10:00:00.000Z'): RelayRow => ({ type: 'alert.schedule', payload: { alertId: `a-${job}`, jobId: job, dueAt } });
const cancel = (job: string): RelayRow => ({ type: 'alert.cancel', payload: { jobId: job } });
const NOW = Date.parse('2026-12-01T09:00:00.000Z');

describe('relaySteps (what the outbox relay sends to Redis, in order)', () => {
  it("puts all of a batch's e-mails into one list, after the alerts, even when cancellations come between them", () => {
    // As transitions write them: each notifies (e-mail), cancels its old alert and schedules the next.
    const rows = [mail(1), cancel('j1'), schedule('j2'), mail(2), cancel('j2b'), schedule('j3'), mail(3)];
    const steps = relaySteps(rows, NOW);
    expect(steps.map((s) => s.kind)).toEqual(['cancel', 'alerts', 'cancel', 'alerts', 'mails']);
    expect(steps.at(-1)).toEqual({ kind: 'mails', notificationIds: ['n1', 'n2', 'n3'] });
  });

  it('keeps alert additions and cancellations in outbox order (an alert added and cancelled in one batch is added first)', () => {
    const steps = relaySteps([schedule('j1'), schedule('j2'), cancel('j1'), schedule('j3')], NOW);
    expect(steps).toEqual([
      { kind: 'alerts', jobs: [expect.objectContaining({ opts: expect.objectContaining({ jobId: 'j1' }) }), expect.objectContaining({ opts: expect.objectContaining({ jobId: 'j2' }) })] },
      { kind: 'cancel', jobId: 'j1' },
      { kind: 'alerts', jobs: [expect.objectContaining({ opts: expect.objectContaining({ jobId: 'j3' }) })] },
    ]);
  });

  it('removes a cancelled job before the same job id is scheduled again (the one order BullMQ depends on)', () => {
    expect(relaySteps([cancel('j1'), schedule('j1'), mail(1)], NOW)).toEqual([
      { kind: 'cancel', jobId: 'j1' },
      { kind: 'alerts', jobs: [expect.objectContaining({ opts: expect.objectContaining({ jobId: 'j1' }) })] },
      { kind: 'mails', notificationIds: ['n1'] },
    ]);
  });

  it('delays an alert job until its due instant on the given clock (never negative)', () => {
    expect(relaySteps([schedule('j1'), schedule('j0', '2026-12-01T08:00:00.000Z')], NOW)).toEqual([
      {
        kind: 'alerts',
        jobs: [
          { name: JOB_DEADLINE_ALERT, data: { alertId: 'a-j1' }, opts: { jobId: 'j1', delay: 3_600_000, removeOnComplete: 1000, removeOnFail: 5000 } },
          { name: JOB_DEADLINE_ALERT, data: { alertId: 'a-j0' }, opts: { jobId: 'j0', delay: 0, removeOnComplete: 1000, removeOnFail: 5000 } },
        ],
      },
    ]);
  });

  it('leaves event-log rows alone and makes no step for an empty batch', () => {
    expect(relaySteps([{ type: 'clock.started', payload: {} }, { type: 'case.submitted', payload: {} }], NOW)).toEqual([]);
    expect(relaySteps([], NOW)).toEqual([]);
  });
});
