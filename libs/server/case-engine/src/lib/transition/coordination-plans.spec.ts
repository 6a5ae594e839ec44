import { planEscalation } from './escalation-plan';
import { planExtension } from './extension-plan';
import { context, newPermit, underReview, USERS } from './test-helpers';

const at = (iso: string) => new Date(iso);

describe('issue 16: target/plan changes notify; manual escalation', () => {
  it('a target change tells the applicant and the caseworkers, with the dates, the reason and the note', () => {
    const row = underReview();
    const details = { reasonCode: 'COMPLEX_CASE', reasonDa: 'Sagen er særligt kompleks', reasonEn: 'The case is particularly complex', comment: 'Ny høring', fromDueOn: row.target_due_on, toDueOn: '2026-09-01' };
    const extensions = [{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays' as const, length: 30 } }];
    const plan = planExtension(row, context(), { extensions, actor: { userId: 'coord', role: 'coordinator' }, details }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.notifications.map((n) => n.userId).sort()).toEqual([...USERS.applicant, ...USERS.caseworker].map((u) => u.id).sort());
    expect(plan.notifications.every((n) => n.kind === 'targetChanged')).toBe(true);
    expect(plan.notifications[0].data).toMatchObject({ dueOn: '2026-09-01', previousDueOn: row.target_due_on, note: 'Ny høring' });
    expect(plan.notifications[0].data.reasonText).toContain('særligt kompleks');
  });

  it('a plan change of a permit whose clock has not started keeps its clocks, audits plan.changed and notifies', () => {
    const row = newPermit();
    const details = { reasonCode: 'SCOPE_CHANGE', comment: 'x', fromDueOn: '2026-05-01', toDueOn: '2026-06-01' };
    const plan = planExtension(row, context(), { extensions: row.extensions, actor: { userId: 'coord', role: 'coordinator' }, details, eventType: 'plan.changed' }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ extensions: row.extensions, target_due_on: row.target_due_on, version: row.version + 1 });
    expect(plan.audit.eventType).toBe('plan.changed');
    expect(plan.outbox[0].type).toBe('plan.changed');
    expect(plan.alerts.insert).toEqual([]);
    expect(plan.notifications.length).toBeGreaterThan(0);
  });

  it('a manual escalation changes no clock, is audited and reaches the caseworkers and coordinators', () => {
    const row = underReview();
    const plan = planEscalation(row, context(), { actor: { userId: 'someone-else', role: 'coordinator' }, note: 'Ring til os' }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ version: row.version + 1, target_due_on: row.target_due_on, extensions: row.extensions });
    expect(plan.audit).toMatchObject({ eventType: 'permit.escalated', payload: { note: 'Ring til os' } });
    expect(plan.notifications.map((n) => n.userId).sort()).toEqual([...USERS.caseworker, ...USERS.coordinator].map((u) => u.id).sort());
    expect(plan.notifications.every((n) => n.kind === 'manualEscalation')).toBe(true);
  });
});
