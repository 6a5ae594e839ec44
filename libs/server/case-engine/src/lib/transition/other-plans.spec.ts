import { alertJobId } from '../alerts';
import { computeRisk } from '../permit-clocks';
import { planAlertFiring } from './alert-plan';
import { planCaseTransition } from './case-plan';
import { planExtension } from './extension-plan';
import { APPLICANT, context, newCase, underReview, USERS } from './test-helpers';
import { SYSTEM } from './types';

const at = (iso: string) => new Date(iso);
const dir = context().directory;

describe('planCaseTransition', () => {
  it('submission: state, submitted_at, version, audit, effect outbox rows and the coordinators notified', () => {
    const row = newCase();
    const now = at('2026-02-02T09:00:00.000Z');
    const plan = planCaseTransition(row, dir, { type: 'case.submitted', payload: {}, actor: APPLICANT }, now);
    expect(plan.nextRow).toMatchObject({ state: 'submitted', submitted_at: now, version: 2, ceiling_due_on: null });
    expect(plan.audit).toMatchObject({ caseId: row.id, permitId: null, eventType: 'case.submitted', fromState: 'draft', toState: 'submitted' });
    expect(plan.outbox).toEqual(plan.effects.map((e) => ({ type: e.type, payload: { caseId: row.id, eventType: 'case.submitted', params: 'params' in e ? e.params : undefined, at: now.toISOString() } })));
    expect(plan.notifications.map((n) => [n.kind, n.userId, n.dedupeKey])).toEqual([['caseSubmitted', USERS.coordinator[0].id, `case-${row.id}-2-caseSubmitted-${USERS.coordinator[0].id}`]]);
    expect(plan.aggregate).toEqual({ type: 'case', id: row.id, payload: { caseId: row.id } });
    expect(plan.task).toEqual({ kind: 'none' });
  });

  it('processing start records the ceiling date the host computed', () => {
    const submitted = planCaseTransition(newCase(), dir, { type: 'case.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z')).nextRow;
    const plan = planCaseTransition(submitted, dir, { type: 'case.processingStarted', payload: { ceilingDueOn: '2027-08-02' }, actor: SYSTEM }, at('2026-02-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ state: 'inProgress', ceiling_due_on: '2027-08-02', submitted_at: submitted.submitted_at });
    expect(plan.effects.map((e) => e.type)).toContain('ceiling.start');
  });

  it('a withdrawal asks the host to withdraw every permit and tells applicant and coordinators', () => {
    const plan = planCaseTransition(newCase(), dir, { type: 'case.withdrawn', payload: { reason: 'Stopped' }, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
    expect(plan.effects.map((e) => e.type)).toContain('permits.withdrawAll');
    expect(plan.audit.reason).toBe('Stopped');
    expect(plan.notifications.map((n) => n.userId).sort()).toEqual([USERS.applicant[0].id, USERS.coordinator[0].id].sort());
  });
});

describe('planAlertFiring', () => {
  const alert = (threshold: 'warning' | 'breach') => ({ id: '77', clock: 'target' as const, threshold, due_at: at('2026-07-01T22:00:00.000Z') });

  it('a warning marks the row fired, tells the caseworkers and re-ranks the task, without moving the version', () => {
    const row = underReview();
    const now = at('2026-07-22T08:00:00.000Z');
    const plan = planAlertFiring(alert('warning'), row, context(), now);
    expect(plan.alerts).toEqual({ cancel: [], insert: [], fire: { id: '77', at: now } });
    expect(plan.nextRow.version).toBe(row.version);
    // 80 % of the 200-day target from 10 Feb has passed by 22 July.
    expect(computeRisk(row, '2026-07-22').target?.percentUsed).toBeGreaterThanOrEqual(80);
    expect(plan.nextRow.risk).toBe('atRisk');
    expect(plan.task).toEqual({ kind: 'rank', riskRank: 1 });
    expect(plan.notifications.map((n) => [n.kind, n.userId])).toEqual([['alertWarning', USERS.caseworker[0].id]]);
    expect(plan.audit).toMatchObject({ eventType: 'deadline.warning', actorRole: 'system', fromState: row.state, toState: row.state, reason: 'target warning', payload: { alertId: '77', clock: 'target', dueAt: '2026-07-01T22:00:00.000Z' } });
  });

  it('a breach is escalated to the coordinators', () => {
    const plan = planAlertFiring(alert('breach'), underReview(), context(), at('2026-09-01T08:00:00.000Z'));
    expect(plan.nextRow.risk).toBe('breached');
    expect(plan.task).toEqual({ kind: 'rank', riskRank: 0 });
    expect(plan.notifications.map((n) => [n.kind, n.userId, n.dedupeKey])).toEqual([
      ['alertBreach', USERS.caseworker[0].id, `alert-77-${USERS.caseworker[0].id}`],
      ['escalation', USERS.coordinator[0].id, `escalation-77-${USERS.coordinator[0].id}`],
    ]);
  });
});

describe('planExtension', () => {
  it('stores the extension, moves the due date, audits target.changed and re-derives the alerts', () => {
    const row = underReview();
    const [w, b] = planAlertsOf(row);
    const details = { reasonCode: 'COMPLEX_CASE', comment: null, fromDueOn: row.target_due_on, toDueOn: 'later' };
    const extensions = [{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays' as const, length: 30 } }];
    const plan = planExtension(row, context([w, b]), { extensions, actor: { userId: 'coord', role: 'coordinator' }, details }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow.extensions).toEqual([{ ...extensions[0], grantedAt: '2026-03-02T09:00:00.000Z' }]);
    expect(plan.nextRow.version).toBe(row.version + 1);
    expect(plan.nextRow.target_due_on! > row.target_due_on!).toBe(true);
    expect(plan.audit).toMatchObject({ eventType: 'target.changed', reason: 'COMPLEX_CASE', payload: details, actorRole: 'coordinator' });
    expect(plan.outbox[0]).toEqual({ type: 'target.changed', payload: { caseId: row.case_id, permitId: row.id, ...details } });
    expect(plan.alerts.cancel).toEqual([w.id, b.id]);
    expect(plan.outbox.slice(1).map((o) => o.payload.jobId)).toEqual([w, b].map((e) => alertJobId(row.id, e.clock, e.threshold, new Date(e.dueMs))));
    expect(plan.alerts.insert.map((i) => i.dueAt.getTime() > b.dueMs || i.threshold === 'warning')).toEqual([true, true]);
    expect(plan.task).toEqual({ kind: 'rank', riskRank: 2 });
  });
});

/** The alert rows a running permit has right after its clock started (as the writer would have stored them). */
function planAlertsOf(row: ReturnType<typeof underReview>) {
  const { insert } = planExtension(row, context(), { extensions: row.extensions, actor: SYSTEM, details: { reasonCode: 'x' } }, at('2026-02-10T09:00:00.000Z')).alerts;
  return insert.map((a, i) => ({ id: String(i + 1), clock: a.clock, threshold: a.threshold, dueMs: a.dueAt.getTime(), fired: false }));
}
