import { WEBHOOK_EVENT_TYPES, webhookTypeOf } from '@rl/webhooks';
import { outboxNeedsRelay, RELAYED_OUTBOX_TYPES } from './outbox';

describe('outboxNeedsRelay: which outbox rows the relay acts on', () => {
  const base = { caseId: 'c1', permitId: 'p1', permitCode: 'LANDZONE' };

  it('keeps every row that becomes a job: e-mails, alert schedules and cancellations', () => {
    for (const type of ['email.send', 'alert.schedule', 'alert.cancel']) expect([type, outboxNeedsRelay(type, base)]).toEqual([type, true]);
    expect(RELAYED_OUTBOX_TYPES).toEqual(['email.send', 'alert.schedule', 'alert.cancel']);
  });

  it('keeps every row that marks a webhook event, and only those of its kind', () => {
    expect(outboxNeedsRelay('route.task', { ...base, eventType: 'application.submitted' })).toBe(true);
    expect(outboxNeedsRelay('route.task', { ...base, eventType: 'authority.infoRequested' })).toBe(false);
    expect(outboxNeedsRelay('notify', { ...base, params: { template: 'infoProvided' } })).toBe(true);
    expect(outboxNeedsRelay('notify', { ...base, params: { template: 'appealLodged' } })).toBe(true);
    expect(outboxNeedsRelay('notify', { ...base, params: { template: 'appealDecided' } })).toBe(true);
    expect(outboxNeedsRelay('notify', { ...base, params: { template: 'infoRequested' } })).toBe(false);
    expect(outboxNeedsRelay('clock.finish', { ...base, eventType: 'authority.decisionIssued' })).toBe(true);
    expect(outboxNeedsRelay('clock.finish', { ...base, eventType: 'application.withdrawn' })).toBe(false);
    for (const type of ['deadline.warning', 'deadline.breach', 'document.added', 'target.changed']) expect([type, outboxNeedsRelay(type, base)]).toEqual([type, true]);
  });

  it('writes the pure event log as relayed: clocks, other notices, decisions published, case events', () => {
    for (const type of ['clock.start', 'clock.stop', 'clock.resume', 'decision.published', 'case.submitted', 'permit.unblocked']) {
      expect([type, outboxNeedsRelay(type, { ...base, eventType: 'authority.infoRequested' })]).toEqual([type, false]);
    }
  });

  it('agrees with the webhook classification for every event type a row can mark', () => {
    const rows: { type: string; payload: Record<string, unknown> }[] = [
      { type: 'route.task', payload: { ...base, eventType: 'application.submitted' } },
      { type: 'notify', payload: { ...base, params: { template: 'infoProvided' } } },
      { type: 'notify', payload: { ...base, params: { template: 'appealLodged' } } },
      { type: 'notify', payload: { ...base, params: { template: 'appealDecided' } } },
      { type: 'clock.finish', payload: { ...base, eventType: 'authority.decisionIssued' } },
      { type: 'deadline.warning', payload: base },
      { type: 'deadline.breach', payload: base },
      { type: 'document.added', payload: base },
      { type: 'target.changed', payload: base },
    ];
    const marked = new Set(rows.map((r) => webhookTypeOf({ id: '1', ...r })));
    expect([...marked].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const r of rows) expect(outboxNeedsRelay(r.type, r.payload)).toBe(true);
  });
});
