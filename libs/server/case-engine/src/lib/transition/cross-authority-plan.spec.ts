import { planAuthorityChange, planReferralClosed, planReferralSent, type OtherAuthority, type ReferralInsert } from './cross-authority-plan';
import { APPLICANT, CASEWORKER, context, runPlans, underReview, USERS } from './test-helpers';

const at = (iso: string) => new Date(iso);
const REGION: OtherAuthority = { id: '00000000-0000-4000-8000-0000000000f1', code: 'REGION-1084', name_da: 'Region Hovedstaden', name_en: 'Capital Region', caseworkers: [{ id: 'cw-region', locale: 'da' }] };

function running(code = 'ROAD_ACCESS') {
  return underReview(code);
}

function referral(over: Partial<ReferralInsert> = {}): ReferralInsert {
  return { id: 'r-1', toAuthorityId: REGION.id, kind: 'consent', ruleId: 'ROAD_ACCESS_VD_CONSENT', question: 'Samtykke?', sharedPart: true, documentIds: [], dueOn: '2026-03-30', stopsClock: true, requestedBy: CASEWORKER.userId ?? '', requestedAt: '2026-03-02T09:00:00.000Z', ...over };
}

describe('issue 17: referrals', () => {
  it('a referral that stops the clock opens an awaitingOtherAuthority stop, moves the due date and tells only the asked authority', () => {
    const row = running();
    const plan = planReferralSent(row, context(), referral(), REGION, CASEWORKER, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow.stops).toEqual([{ reason: 'awaitingOtherAuthority', from: '2026-03-02', to: null }]);
    expect(plan.nextRow.version).toBe(row.version + 1);
    expect(plan.notifications.map((n) => n.userId)).toEqual(['cw-region']);
    expect(plan.notifications[0]).toMatchObject({ kind: 'referralRequested', data: { dueOn: '2026-03-30', referralKind: 'consent', question: 'Samtykke?' } });
    expect(plan.audit.eventType).toBe('referral.sent');
    expect(plan.referral).toMatchObject({ kind: 'send', referral: { stopsClock: true } });
  });

  it('an opinion that does not stop the clock leaves the clocks and alerts alone', () => {
    const row = running();
    const plan = planReferralSent(row, context(), referral({ stopsClock: false, kind: 'opinion' }), REGION, CASEWORKER, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow.stops).toEqual([]);
    expect(plan.nextRow.target_due_on).toBe(row.target_due_on);
    expect(plan.alerts.insert).toEqual([]);
  });

  it('the answer resumes the clock (due date later by the stopped days) and goes back to the asking caseworkers', () => {
    const sent = planReferralSent(running(), context(), referral(), REGION, CASEWORKER, at('2026-03-02T09:00:00.000Z')).nextRow;
    const close = { referralId: 'r-1', expectedVersion: 1, stoppedClock: true, otherStoppingOpen: false, dueOn: '2026-03-30', step: { kind: 'answer' as const, text: 'Samtykke gives', documentIds: [], consent: 'given' as const } };
    const plan = planReferralClosed(sent, context(), close, REGION, { userId: 'cw-region', role: 'caseworker' }, at('2026-03-12T09:00:00.000Z'));
    expect(plan.nextRow.stops).toEqual([{ reason: 'awaitingOtherAuthority', from: '2026-03-02', to: '2026-03-12' }]);
    const before = running().target_due_on ?? '';
    expect((plan.nextRow.target_due_on ?? '') > before).toBe(true);
    expect(plan.notifications.map((n) => n.userId)).toEqual(USERS.caseworker.map((u) => u.id));
    expect(plan.referral).toMatchObject({ kind: 'answer', late: false, consent: 'given' });
  });

  it('another open stopping referral keeps the clock stopped; proceeding tells the asked authority', () => {
    const sent = planReferralSent(running(), context(), referral(), REGION, CASEWORKER, at('2026-03-02T09:00:00.000Z')).nextRow;
    const close = { referralId: 'r-1', expectedVersion: 1, stoppedClock: true, otherStoppingOpen: true, dueOn: '2026-03-30', step: { kind: 'proceed' as const, note: 'Fristen er udløbet' } };
    const plan = planReferralClosed(sent, context(), close, REGION, { userId: CASEWORKER.userId ?? '', role: 'caseworker' }, at('2026-04-01T09:00:00.000Z'));
    expect(plan.nextRow.stops[0].to).toBeNull();
    expect(plan.audit.eventType).toBe('referral.proceeded');
    expect(plan.notifications.map((n) => n.userId)).toEqual(['cw-region']);
  });
});

describe('issue 17: delegation and call-in', () => {
  it('moves the authority and the task, keeps every clock, tells applicant, both authorities and coordinators', () => {
    const row = running();
    const to: OtherAuthority = { id: '00000000-0000-4000-8000-0000000000f2', code: 'KOMMUNE-326', name_da: 'Kalundborg Kommune', name_en: 'Kalundborg Municipality', caseworkers: [{ id: 'cw-kal', locale: 'da' }] };
    const plan = planAuthorityChange(row, context(), { kind: 'delegation', to, reason: 'Aftale', legalBasis: 'L 206' }, { userId: 'coord-x', role: 'coordinator' }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ authority_id: to.id, stops: row.stops, target_due_on: row.target_due_on, statutory_due_on: row.statutory_due_on });
    expect(plan.task).toEqual({ kind: 'move' });
    expect(plan.alerts.insert).toEqual([]);
    expect(plan.audit).toMatchObject({ eventType: 'authority.delegated', reason: 'Aftale' });
    const told = plan.notifications.map((n) => n.userId).sort();
    expect(told).toEqual([...USERS.applicant, ...USERS.caseworker, ...USERS.coordinator].map((u) => u.id).concat('cw-kal').sort());
  });
});

describe('issue 17: the machine resumes only its own stops', () => {
  it("the company's answer to an information request closes its stop, not the referral's", () => {
    const sent = planReferralSent(running(), context(), referral(), REGION, CASEWORKER, at('2026-03-02T09:00:00.000Z')).nextRow;
    const after = runPlans(sent, [
      [{ type: 'authority.infoRequested', payload: { question: 'Q?' }, actor: CASEWORKER }, '2026-03-03T09:00:00.000Z'],
      [{ type: 'applicant.infoProvided', payload: { answer: 'A' }, actor: APPLICANT }, '2026-03-05T09:00:00.000Z'],
    ]);
    expect(after.stops).toEqual([
      { reason: 'awaitingOtherAuthority', from: '2026-03-02', to: null },
      { reason: 'awaitingApplicant', from: '2026-03-03', to: '2026-03-05' },
    ]);
  });
});
