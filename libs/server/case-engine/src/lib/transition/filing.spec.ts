import { planAlertFiring } from './alert-plan';
import { planCaseTransition } from './case-plan';
import { planPermitTransition } from './permit-plan';
import { nextPropagationStep } from './propagation';
import { APPLICANT, CASEWORKER, context, newCase, newPermit, runPlans } from './test-helpers';
import type { FilingCheck } from './types';

const at = (iso: string) => new Date(iso);
const MISSING: FilingCheck['missing'] = [
  { kind: 'document', pointer: 'documents/noiseAssessment', labelDa: 'Støjberegning', labelEn: 'Noise assessment', da: 'Dokumentet mangler.', en: 'The document is missing.', source: 'godkendelsesbek.', inference: true },
];
const PERIOD: FilingCheck['completenessCheck'] = { unit: 'calendarDays', length: 21 };

describe('filing (issue 14): flagged incomplete, completeness deadline, held permits', () => {
  it('an incomplete filing arrives flagged with the missing list and the audit says so; the decision clock waits for completeness', () => {
    const row = newPermit();
    const plan = planPermitTransition(row, context(), { type: 'application.submitted', payload: {}, actor: APPLICANT, filing: { missing: MISSING, completenessCheck: PERIOD } }, at('2026-02-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ state: 'submitted.completenessCheck', filed_incomplete: true, missing_items: MISSING, completeness_due_on: '2026-02-23', complete_on: null, filing_held: false });
    expect(plan.audit.payload).toEqual({ incomplete: true, missing: ['documents/noiseAssessment'] });
    expect(plan.effects.map((e) => e.type)).not.toContain('clock.start');
    // The completeness deadline's alerts: warning at 80 % (day 17 of 21), breach after the last day.
    expect(plan.alerts.insert.map((a) => [a.clock, a.threshold, a.dueAt.toISOString()])).toEqual([
      ['completeness', 'warning', '2026-02-18T23:00:00.000Z'],
      ['completeness', 'breach', '2026-02-23T23:00:00.000Z'],
    ]);
  });

  it('a complete filing is not flagged; confirming completeness starts the clock and cancels the completeness alerts', () => {
    const filed = runPlans(newPermit(), [[{ type: 'application.submitted', payload: {}, actor: APPLICANT, filing: { missing: [], completenessCheck: PERIOD } }, '2026-02-02T09:00:00.000Z']]);
    expect([filed.filed_incomplete, filed.completeness_due_on]).toEqual([false, '2026-02-23']);
    const existing = [
      { id: '1', clock: 'completeness' as const, threshold: 'warning' as const, dueMs: Date.parse('2026-02-18T23:00:00.000Z'), fired: false },
      { id: '2', clock: 'completeness' as const, threshold: 'breach' as const, dueMs: Date.parse('2026-02-23T23:00:00.000Z'), fired: false },
    ];
    const plan = planPermitTransition(filed, context(existing), { type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, at('2026-02-10T09:00:00.000Z'));
    expect(plan.nextRow.complete_on).toBe('2026-02-10');
    expect(plan.alerts.cancel).toEqual(['1', '2']);
    expect(plan.alerts.insert.every((a) => a.clock !== 'completeness')).toBe(true);
  });

  it('a missed completeness deadline breaches like any clock: risk, escalation to the coordinators', () => {
    const filed = runPlans(newPermit(), [[{ type: 'application.submitted', payload: {}, actor: APPLICANT, filing: { missing: [], completenessCheck: PERIOD } }, '2026-02-02T09:00:00.000Z']]);
    const plan = planAlertFiring({ id: '7', clock: 'completeness', threshold: 'breach', due_at: at('2026-02-23T23:00:00.000Z') }, filed, context(), at('2026-02-24T08:00:00.000Z'));
    expect(plan.nextRow.risk).toBe('breached');
    expect(plan.notifications.map((n) => n.kind).sort()).toEqual(['alertBreach', 'escalation']);
    expect(plan.audit).toMatchObject({ eventType: 'deadline.breach', payload: { clock: 'completeness' } });
  });

  it('submitting the case with some permits holds the others back; propagation files only those not held', () => {
    const plan = planCaseTransition(newCase(), context().directory, { type: 'case.submitted', payload: { permitCodes: ['BUILDING_PERMIT'] }, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z'));
    expect(plan.fileOnly).toEqual(['BUILDING_PERMIT']);
    expect(planCaseTransition(newCase(), context().directory, { type: 'case.submitted', payload: {}, actor: APPLICANT }, at('2026-02-02T09:00:00.000Z')).fileOnly).toBeUndefined();
    const held = newPermit('VANDINDVINDING', [], { filing_held: true });
    const free = newPermit('BUILDING_PERMIT');
    const step = nextPropagationStep({ state: 'inProgress' }, [held, free]);
    expect(step).toEqual({ kind: 'file', permits: [free] });
    expect(nextPropagationStep({ state: 'inProgress' }, [held])).toEqual({ kind: 'settled' });
  });
});
