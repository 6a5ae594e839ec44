/**
 * Issue 13 item 4: decision validity and lapse. MVL §39 (an EIA decision lapses if the project has
 * not started within 3 years), VFL §22 (a groundwater abstraction permit for at most 30 years);
 * reminders 6 and 3 months before, through the deadline-alert path, exactly once each.
 */
import { planAlerts } from '../alerts';
import { validityOf } from '../validity';
import { planAlertFiring } from './alert-plan';
import { planPermitTransition } from './permit-plan';
import { APPLICANT, CASEWORKER, context, newPermit, runPlans, USERS } from './test-helpers';

const at = (iso: string) => new Date(iso);

function completed(code: string) {
  return runPlans(newPermit(code), [
    [{ type: 'application.submitted', payload: {}, actor: APPLICANT }, '2026-02-02T09:00:00.000Z'],
    [{ type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, '2026-02-10T09:00:00.000Z'],
  ]);
}

const decide = (code: string, outcome: 'granted' | 'refused', when = '2026-03-02T09:00:00.000Z') =>
  planPermitTransition(completed(code), context(), { type: 'authority.decisionIssued', payload: { outcome, reason: 'r' }, actor: CASEWORKER }, at(when));

describe('decision validity (issue 13 item 4)', () => {
  it('VFL §22: an abstraction permit granted on 2 Mar 2026 is valid until 2 Mar 2056 at the latest; reminders 2 Sep and 2 Dec 2055 (00:00 Copenhagen)', () => {
    const plan = decide('VANDINDVINDING', 'granted');
    expect(validityOf(plan.nextRow)).toEqual(expect.objectContaining({ kind: 'maxTerm', validUntil: '2056-03-02', remindOn: ['2055-09-02', '2055-12-02'] }));
    expect(plan.alerts.insert.map((a) => [a.clock, a.threshold, a.dueAt.toISOString()])).toEqual([
      ['validity', 'expiry6m', '2055-09-01T22:00:00.000Z'], // CEST
      ['validity', 'expiry3m', '2055-12-01T23:00:00.000Z'], // CET
    ]);
  });

  it('MVL §39: an EIA screening decision of 30 Nov 2026 lapses on 30 Nov 2029 unless the project has started; reminders 30 May and 30 Aug 2029', () => {
    const plan = decide('VVM_SCREENING', 'granted', '2026-11-30T10:00:00.000Z');
    expect(validityOf(plan.nextRow)).toEqual(expect.objectContaining({ kind: 'lapsesIfUnused', validUntil: '2029-11-30', remindOn: ['2029-05-30', '2029-08-30'] }));
    expect(plan.alerts.insert.map((a) => a.threshold)).toEqual(['expiry6m', 'expiry3m']);
  });

  it('a refusal has nothing to lapse: no validity date, no reminders; a permit type without a rule has none either', () => {
    const refused = decide('VANDINDVINDING', 'refused');
    expect(validityOf(refused.nextRow)?.validUntil).toBeNull();
    expect(refused.alerts.insert).toEqual([]);
    expect(validityOf(completed('BUILDING_PERMIT'))).toBeNull();
  });

  it('GMO production: time-limited, term set in the decision (inference) — shown, but no date is invented', () => {
    const row = { ...completed('GMO_PRODUCTION'), outcome: 'granted' as const, decided_at: at('2026-03-02T09:00:00.000Z') };
    expect(validityOf(row)).toEqual(expect.objectContaining({ kind: 'termSetInDecision', validUntil: null, remindOn: [], inference: true }));
  });

  it('exactly once: a fired reminder is never scheduled again, an unfired one is kept, not duplicated', () => {
    const decided = decide('VANDINDVINDING', 'granted').nextRow;
    const rows = planAlerts(decided, []).toInsert.map((a, i) => ({ id: String(i + 1), clock: a.clock, threshold: a.threshold, dueMs: a.dueAt.getTime(), fired: i === 0 }));
    expect(rows).toHaveLength(2);
    expect(planAlerts(decided, rows)).toEqual({ stale: [], toInsert: [] });
    // The appeal period runs out → final: the same reminders are still wanted, none added.
    const final = { ...decided, state: 'final' as const, final_at: at('2026-04-01T00:00:00.000Z') };
    expect(planAlerts(final, rows)).toEqual({ stale: [], toInsert: [] });
  });

  it('firing a reminder tells the holder and the authority once, keeps risk, task and version', () => {
    const row = decide('VVM_SCREENING', 'granted', '2026-11-30T10:00:00.000Z').nextRow;
    const plan = planAlertFiring({ id: '91', clock: 'validity', threshold: 'expiry6m', due_at: at('2029-05-29T22:00:00.000Z') }, row, context(), at('2029-05-30T00:00:30.000Z'));
    expect(plan.nextRow).toBe(row);
    expect(plan.task).toEqual({ kind: 'none' });
    expect(plan.alerts.fire).toEqual({ id: '91', at: at('2029-05-30T00:00:30.000Z') });
    expect(plan.notifications.map((n) => [n.kind, n.userId, n.dedupeKey])).toEqual([
      ['validityReminder', USERS.applicant[0].id, `alert-91-${USERS.applicant[0].id}`],
      ['validityReminder', USERS.caseworker[0].id, `alert-91-${USERS.caseworker[0].id}`],
    ]);
    expect(plan.notifications[0].body).toContain('MVL §39');
    expect(plan.audit).toMatchObject({ eventType: 'validity.expiry6m', payload: { validUntil: '2029-11-30' } });
  });
});
