import { webhookEventOf, webhookTypeOf } from './events';

const base = { caseId: '11111111-1111-4111-8111-111111111111', permitId: '22222222-2222-4222-8222-222222222222', authorityId: '33333333-3333-4333-8333-333333333333', at: '2026-03-02T09:00:00.000Z' };
const row = (type: string, payload: Record<string, unknown>) => ({ id: '7', type, payload: { ...base, ...payload } });

describe('webhook events from outbox rows', () => {
  it('marks each transition by exactly one of its effects', () => {
    // application.submitted: route.task marks "routed"; its notify does not.
    expect(webhookTypeOf(row('route.task', { eventType: 'application.submitted', params: { task: 'checkCompleteness' } }))).toBe('permit.routed');
    expect(webhookTypeOf(row('notify', { eventType: 'application.submitted', params: { template: 'applicationReceived' } }))).toBeNull();
    // an info answer routes a task too, but that is "info answered", marked by its notify
    expect(webhookTypeOf(row('route.task', { eventType: 'applicant.infoProvided', params: { task: 'review' } }))).toBeNull();
    expect(webhookTypeOf(row('notify', { eventType: 'applicant.infoProvided', params: { template: 'infoProvided' } }))).toBe('permit.infoAnswered');
    expect(webhookTypeOf(row('clock.finish', { eventType: 'authority.decisionIssued', params: { reason: 'decisionIssued' } }))).toBe('permit.decisionIssued');
    expect(webhookTypeOf(row('clock.finish', { eventType: 'application.withdrawn', params: { reason: 'withdrawn' } }))).toBeNull();
    expect(webhookTypeOf(row('notify', { eventType: 'appeal.lodged', params: { template: 'appealLodged' } }))).toBe('appeal.lodged');
    expect(webhookTypeOf(row('notify', { eventType: 'appeal.decided', params: { template: 'appealDecided' } }))).toBe('appeal.decided');
    expect(webhookTypeOf(row('deadline.breach', {}))).toBe('deadline.breach');
    expect(webhookTypeOf(row('deadline.warning', {}))).toBe('deadline.warning');
    expect(webhookTypeOf(row('target.changed', {}))).toBe('plan.changed');
    expect(webhookTypeOf(row('plan.changed', {}))).toBe('plan.changed'); // a change of the agreed plan (coordination)
    expect(webhookTypeOf(row('document.added', {}))).toBe('document.added');
    expect(webhookTypeOf(row('email.send', { notificationId: '5' }))).toBeNull();
    expect(webhookTypeOf(row('alert.schedule', {}))).toBeNull();
  });

  it('keeps only the fields a receiver may see and the scope of the event', () => {
    const e = webhookEventOf(row('route.task', { eventType: 'application.submitted', permitCode: 'MILJOE_GODKENDELSE', fromState: 'ready', toState: 'submitted.completenessCheck', params: { task: 'x' }, secret: 'no' }), new Date());
    expect(e).toMatchObject({ outboxId: '7', type: 'permit.routed', caseId: base.caseId, authorityId: base.authorityId, permitId: base.permitId, at: base.at });
    expect(e?.data).toEqual({ caseId: base.caseId, permitId: base.permitId, permitCode: 'MILJOE_GODKENDELSE', eventType: 'application.submitted', fromState: 'ready', toState: 'submitted.completenessCheck' });
  });

  it('drops a row without a case', () => {
    expect(webhookEventOf({ id: '1', type: 'deadline.breach', payload: {} }, new Date())).toBeNull();
  });
});
