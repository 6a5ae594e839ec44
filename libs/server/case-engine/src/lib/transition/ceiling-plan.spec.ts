/**
 * Issue 14: a confirmed change of the project facts moves the case's simple-case flag and ceiling
 * (12/18 months, or none outside L 206) — row, case machine context and, once running, the due
 * date counted from the original submission — audited with before and after.
 */
import { planCeilingRescreen } from './ceiling-plan';
import { newCase } from './test-helpers';

const NOW = new Date('2026-09-01T09:00:00Z');
const ACTOR = { userId: 'u-1', role: 'applicant' as const };
const REASON_12 = { da: 'Enkel sag: loft på 12 måneder (L 206).', en: 'Simple case: 12-month ceiling (L 206).' };
const REASON_18 = { da: 'Loft på 18 måneder (L 206).', en: '18-month ceiling (L 206).' };
const contextOf = (row: { snapshot: Record<string, unknown> }) => (row.snapshot as { context: Record<string, unknown> }).context;

describe('the ceiling after re-screening (issue 14)', () => {
  // Submitted Monday 2 March 2026: 18 months → Thursday 2 September 2027, 12 months → Tuesday 2 March 2027.
  const running = newCase({ state: 'inProgress', submitted_at: new Date('2026-03-02T09:00:00Z'), ceiling_months: 18, ceiling_due_on: '2027-09-02', ceiling_reason: REASON_18 });

  it('18 → 12 months for a running case: the due date is recounted from the submission, in the row and the machine context, audited', () => {
    const plan = planCeilingRescreen(running, { simple: true, ceilingMonths: 12, reason: REASON_12 }, ACTOR, NOW)!;
    expect(plan.nextRow).toMatchObject({ simple: true, ceiling_months: 12, ceiling_reason: REASON_12, ceiling_due_on: '2027-03-02', version: running.version + 1, state: 'inProgress' });
    expect(contextOf(plan.nextRow)).toMatchObject({ ceilingMonths: 12, ceilingDueOn: '2027-03-02' });
    expect(plan.audit).toMatchObject({
      eventType: 'case.ceilingRescreened',
      actorRole: 'applicant',
      actorUserId: 'u-1',
      payload: { before: { simple: false, ceilingMonths: 18, ceilingDueOn: '2027-09-02' }, after: { simple: true, ceilingMonths: 12, ceilingDueOn: '2027-03-02' }, changed: ['simple', 'ceilingMonths', 'ceilingDueOn'] },
    });
    expect(plan.outbox.map((o) => o.type)).toEqual(['case.ceilingRescreened']);
  });

  it('not eligible any more: no ceiling and no due date', () => {
    const plan = planCeilingRescreen(running, { simple: false, ceilingMonths: null, reason: { da: 'Ikke omfattet', en: 'Not eligible' } }, ACTOR, NOW)!;
    expect([plan.nextRow.ceiling_months, plan.nextRow.ceiling_due_on]).toEqual([null, null]);
    expect(contextOf(plan.nextRow)).toMatchObject({ ceilingMonths: null, ceilingDueOn: null });
  });

  it('a draft keeps no due date but the new months (used at submission); nothing changed → no plan', () => {
    const draft = newCase({ ceiling_reason: REASON_18 });
    const plan = planCeilingRescreen(draft, { simple: true, ceilingMonths: 12, reason: REASON_12 }, ACTOR, NOW)!;
    expect([plan.nextRow.ceiling_months, plan.nextRow.ceiling_due_on, contextOf(plan.nextRow).ceilingMonths]).toEqual([12, null, 12]);
    expect(planCeilingRescreen(running, { simple: false, ceilingMonths: 18, reason: REASON_18 }, ACTOR, NOW)).toBeNull();
  });
});
