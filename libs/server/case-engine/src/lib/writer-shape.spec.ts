import { planAlertFiring } from './transition/alert-plan';
import { planCaseTransition } from './transition/case-plan';
import { planExtension } from './transition/extension-plan';
import { planPermitTransition } from './transition/permit-plan';
import { APPLICANT, CASEWORKER, context, newCase, newPermit, runPlans } from './transition/test-helpers';
import type { Plan } from './transition/types';
import { planStatement } from './writer';

const at = (iso: string) => new Date(iso);

/** Plans of many kinds: a permit's life, its alerts, a target change, a case event. */
function plans(): Plan[] {
  const out: Plan[] = [];
  const filed = planPermitTransition(newPermit(), context(), { type: 'application.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
  out.push(filed);
  const complete = planPermitTransition(filed.nextRow, context(), { type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, at('2026-02-10T09:00:00.000Z'));
  out.push(complete);
  const asked = planPermitTransition(complete.nextRow, context(), { type: 'authority.infoRequested', payload: { question: 'Noise report?' }, actor: CASEWORKER }, at('2026-02-12T09:00:00.000Z'));
  out.push(asked);
  out.push(planPermitTransition(asked.nextRow, context(), { type: 'applicant.infoProvided', payload: {}, actor: APPLICANT }, at('2026-02-13T09:00:00.000Z')));
  out.push(planAlertFiring({ id: '5', clock: 'target', threshold: 'warning', due_at: at('2026-07-01T22:00:00.000Z') }, complete.nextRow, context(), at('2026-07-22T08:00:00.000Z')));
  out.push(planAlertFiring({ id: '6', clock: 'target', threshold: 'breach', due_at: at('2026-08-01T22:00:00.000Z') }, complete.nextRow, context(), at('2026-08-22T08:00:00.000Z')));
  const extensions = [{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays' as const, length: 60 } }];
  out.push(planExtension(complete.nextRow, context(), { extensions, actor: CASEWORKER, details: { reasonCode: 'COMPLEX_CASE' } }, at('2026-03-01T09:00:00.000Z')));
  out.push(planCaseTransition(newCase(), context().directory, { type: 'case.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z')));
  out.push(planPermitTransition(runPlans(newPermit(), []), context(), { type: 'application.submitted', payload: {}, actor: APPLICANT }, at('2026-03-02T09:00:00.000Z')));
  return out;
}

/** Each plan's statement text and (on a fresh statement: computed without the text) its shape key. */
const textsAndShapes = (): [text: string, shape: string][] => plans().map((plan) => [planStatement(plan).text, planStatement(plan).shapeKey]);

/** The first value seen for each key; every later pair with that key must carry the same value. */
function expectOneValuePerKey(pairs: [key: string, value: string][]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (byKey.has(key)) expect(value).toBe(byKey.get(key));
    else byKey.set(key, value);
  }
  return byKey;
}

describe('Sql.shapeKey of the writer\'s statements (the writer keeps one text per shape)', () => {
  it('plans with the same shape have the same statement text', () => {
    const byShape = expectOneValuePerKey(textsAndShapes().map(([text, shape]) => [shape, text]));
    expect(byShape.size).toBeGreaterThan(3);
  });

  it('plans with different texts have different shapes', () => {
    const byText = expectOneValuePerKey(textsAndShapes());
    expect(new Set(byText.values()).size).toBe(byText.size);
  });

  it('the values alone are the values of the rendered text, in order', () => {
    for (const plan of plans()) {
      const values = planStatement(plan).values;
      const rendered = planStatement(plan);
      void rendered.text;
      expect(values).toEqual(rendered.values);
    }
  });
});
