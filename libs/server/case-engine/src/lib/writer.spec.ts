import { PERMIT_MACHINE_VERSION } from '@rl/permits-machines';
import { alertJobId } from './alerts';
import { planAlertFiring } from './transition/alert-plan';
import { planCaseTransition } from './transition/case-plan';
import { planPermitTransition } from './transition/permit-plan';
import { APPLICANT, CASEWORKER, context, newCase, newPermit, runPlans } from './transition/test-helpers';
import { planStatement } from './writer';

const at = (iso: string) => new Date(iso);
const cte = (text: string) => [...text.matchAll(/(?:WITH|,)\s*(\w+) AS \(/g)].map((m) => m[1]);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);

const submitted = () => runPlans(newPermit(), [[{ type: 'application.submitted', payload: {}, actor: APPLICANT }, '2026-02-02T09:00:00.000Z']]);
const complete = (alerts = context().alerts) => planPermitTransition(submitted(), context(alerts), { type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, at('2026-02-10T09:00:00.000Z'));

describe('planStatement (the one writer)', () => {
  it('writes only the parts a plan has, after the version-checked UPDATE', () => {
    const filed = planPermitTransition(newPermit(), context(), { type: 'application.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
    expect(cte(planStatement(filed).text)).toEqual(['up', 'au', 'tk', 'nt', 'ob']);
    // Confirming completeness tells the company (the receipt with the expected decision date, issue 14 point 5).
    expect(cte(planStatement(complete()).text)).toEqual(['up', 'au', 'tk', 'nt', 'av', 'ai', 'ob']);
    const fired = planAlertFiring({ id: '5', clock: 'target', threshold: 'warning', due_at: at('2026-07-01T22:00:00.000Z') }, complete().nextRow, context(), at('2026-07-22T08:00:00.000Z'));
    expect(cte(planStatement(fired).text)).toEqual(['up', 'au', 'tk', 'nt', 'af', 'ob']);
    const caseSubmitted = planCaseTransition(newCase(), context().directory, { type: 'case.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
    expect(cte(planStatement(caseSubmitted).text)).toEqual(['up', 'au', 'nt', 'ob']);
  });

  it('numbers every placeholder once, consecutively, one per value', () => {
    const q = planStatement(complete());
    expect(placeholders(q.text)).toEqual(q.values.map((_, i) => i + 1));
  });

  it('writes nextRow directly: no COALESCE copies, the machine version and job ids as parameters', () => {
    const plan = complete();
    const q = planStatement(plan);
    expect(q.text).not.toMatch(/COALESCE|machine_version = \d|'alert-'/);
    expect(q.values).toContain(PERMIT_MACHINE_VERSION);
    expect(q.values).toContain(plan.nextRow.complete_on);
    const schedules = q.values.find((v) => Array.isArray(v) && String(v[0]).includes('jobId')) as string[];
    expect(schedules.map((s) => JSON.parse(s).jobId)).toEqual(plan.alerts.insert.map((a) => alertJobId(plan.row.id, a.clock, a.threshold, a.dueAt)));
  });

  it('the text depends on the shape only, not on how many rows each list has (one prepared statement per shape)', () => {
    const one = planPermitTransition(newPermit(), context(), { type: 'application.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
    const twoRecipients = { ...one, notifications: [...one.notifications, { ...one.notifications[0], userId: 'other', dedupeKey: 'k2' }] };
    expect(planStatement(twoRecipients).text).toBe(planStatement(one).text);
  });
});
