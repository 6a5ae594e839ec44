/**
 * Issue 13 items 1, 2, 3, 9, 10 and 11 in the planners, without PostgreSQL: what the appeal
 * boards decide, usable-from while a suspensive appeal is pending, notices without a klagefrist,
 * one breach where the target IS the statutory deadline, the plan's stored klagefrist, and a new
 * target that is a new deadline.
 */
import { addCalendarDays } from '@rl/clocks';
import { desiredAlerts, type ExistingAlert } from '../alerts';
import { forecastCase } from '../forecast';
import { planForCase } from '../planning';
import type { PermitRow } from '../rows';
import { planExtension } from './extension-plan';
import { planPermitTransition, type PermitCommand } from './permit-plan';
import { nextPropagationStep } from './propagation';
import { planReapplication } from './reapplication-plan';
import { APPLICANT, CASEWORKER, context, newPermit, runPlans, underReview, USERS } from './test-helpers';
import { SYSTEM, type Actor } from './types';

const at = (iso: string) => new Date(iso);
const COORDINATOR: Actor = { userId: USERS.coordinator[0].id, role: 'coordinator' };
const cmd = (type: PermitCommand['type'], payload: Record<string, unknown>, actor: Actor): PermitCommand => ({ type, payload, actor });
const ctxOf = (row: PermitRow) => (row.snapshot as { context: Record<string, unknown> }).context;

/** Filed 3 Nov 2025, complete 10 Nov, hearing (when the permit has one) 17 Nov – 23 Feb 2026, decided `decidedAt`. */
function decided(code: string, outcome: 'granted' | 'refused' = 'granted', decidedAt = '2026-06-03T09:00:00.000Z', prerequisitesOpen: string[] = []): PermitRow {
  let row = runPlans(newPermit(code, prerequisitesOpen), [
    [cmd('application.submitted', {}, APPLICANT), '2025-11-03T09:00:00.000Z'],
    [cmd('authority.completenessConfirmed', {}, CASEWORKER), '2025-11-10T09:00:00.000Z'],
  ]);
  if (ctxOf(row).hearingRequired) {
    row = runPlans(row, [
      [cmd('authority.hearingStarted', {}, CASEWORKER), '2025-11-17T09:00:00.000Z'],
      [cmd('authority.hearingEnded', {}, CASEWORKER), '2026-02-23T09:00:00.000Z'],
    ]);
  }
  return runPlans(row, [[cmd('authority.decisionIssued', { outcome, reason: 'r' }, CASEWORKER), decidedAt]]);
}

const lodged = (row: PermitRow, when = '2026-06-10T09:00:00.000Z') => planPermitTransition(row, context(), cmd('appeal.lodged', {}, COORDINATOR), at(when));
const boardDecides = (row: PermitRow, payload: Record<string, unknown>, when = '2026-11-20T09:00:00.000Z') =>
  planPermitTransition(row, context(), cmd('appeal.decided', payload, COORDINATOR), at(when));

describe('issue 13 item 2: a suspensive appeal pending leaves usable-from empty', () => {
  it('landzone (PL §35; an appeal to PKN suspends it, permits-research.md §1 #3): usable after the klagefrist, then empty while appealed, then from the board’s decision', () => {
    const row = decided('LANDZONE');
    expect(row.usable_from).toBe('2026-07-02'); // klagefrist Wed 1 Jul 2026 (4 weeks from 3 Jun), usable the day after
    const appealed = lodged(row).nextRow;
    expect(appealed).toMatchObject({ state: 'decided.appealed', usable_from: null, appeal_deadline_on: '2026-07-01' });
    const upheld = boardDecides(appealed, { outcome: 'upheld' }).nextRow;
    expect(upheld).toMatchObject({ state: 'final', outcome: 'granted', usable_from: '2026-11-20' });
  });

  it('GMO production (an appeal to MFKN suspends it, permits-research.md §1 #18): the same', () => {
    const appealed = lodged(decided('GMO_PRODUCTION')).nextRow;
    expect(appealed.usable_from).toBeNull();
  });

  it('a non-suspensive appeal (miljøgodkendelse, MBL §93: no opsættende virkning in the catalogue) keeps the usable date', () => {
    const row = decided('MILJOEGODKENDELSE');
    expect(row.usable_from).toBe('2026-06-03');
    expect(lodged(row).nextRow.usable_from).toBe('2026-06-03');
  });
});

describe('issue 13 item 1: the outcomes the appeal boards give', () => {
  it('overturned (ophævet) grant: final but refused, not usable, the klagefrist kept, everyone told', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE')).nextRow;
    const plan = boardDecides(appealed, { outcome: 'overturned', reason: 'BAT not met' });
    expect(plan.nextRow).toMatchObject({ state: 'final', outcome: 'refused', usable_from: null, appeal_deadline_on: appealed.appeal_deadline_on });
    expect(ctxOf(plan.nextRow)).toMatchObject({ appealOutcome: 'overturned', outcome: 'refused', conditions: [] });
    expect(plan.outbox.filter((o) => o.type === 'notify').map((o) => (o.payload.params as { template: string }).template)).toEqual(['appealDecided', 'permitFinal']);
  });

  it('changed (ændret): the board’s conditions replace the authority’s; granted with conditions and final', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE')).nextRow;
    const plan = boardDecides(appealed, { outcome: 'changed', conditions: ['Noise ≤ 40 dB(A) at night'] });
    expect(plan.nextRow).toMatchObject({ state: 'final', outcome: 'grantedWithConditions', usable_from: '2026-06-03' });
    expect(ctxOf(plan.nextRow)).toMatchObject({ appealOutcome: 'changed', conditions: ['Noise ≤ 40 dB(A) at night'] });
  });

  it('changed needs the board’s conditions, and only changed takes them: refused before any write', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE')).nextRow;
    expect(() => boardDecides(appealed, { outcome: 'changed' })).toThrow(expect.objectContaining({ code: 'PERMIT.EVENT_NOT_ALLOWED' }));
    expect(() => boardDecides(appealed, { outcome: 'upheld', conditions: ['x'] })).toThrow(expect.objectContaining({ code: 'PERMIT.EVENT_NOT_ALLOWED' }));
  });

  it('remitted (hjemvist): back to review, no decision, klagefrist or usable date; a new clock from the remittance; the task routed again', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE')).nextRow;
    // The old clock's warning fired before the decision: the new clock warns again.
    const fired: ExistingAlert[] = [{ id: '1', clock: 'target', threshold: 'warning', dueMs: Date.parse('2026-05-20T22:00:00.000Z'), fired: true, firedMs: Date.parse('2026-05-21T06:00:00.000Z') }];
    const plan = planPermitTransition(appealed, context(fired), cmd('appeal.decided', { outcome: 'remitted' }, COORDINATOR), at('2026-11-20T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ state: 'submitted.underReview', outcome: null, decided_at: null, appeal_deadline_on: null, usable_from: null, complete_on: '2026-11-20', stops: [] });
    expect(plan.nextRow.target_due_on! > '2026-11-20').toBe(true);
    expect(plan.task).toEqual({ kind: 'route', task: 'review', closed: false, nationalStrategic: false, riskRank: 2 });
    expect(plan.alerts.insert.map((a) => [a.clock, a.threshold])).toEqual([['target', 'warning'], ['target', 'breach']]);
    // The authority decides again; the new decision gets its own klagefrist.
    const again = planPermitTransition(plan.nextRow, context(), cmd('authority.decisionIssued', { outcome: 'granted', reason: 'r2' }, CASEWORKER), at('2026-12-01T09:00:00.000Z')).nextRow;
    expect(again).toMatchObject({ state: 'decided.appealPeriod', outcome: 'granted', decided_at: at('2026-12-01T09:00:00.000Z'), appeal_deadline_on: '2026-12-29' });
  });

  it('an overturned refusal leaves no decision: the authority decides again, as on remittal (inference)', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE', 'refused')).nextRow;
    expect(boardDecides(appealed, { outcome: 'overturned' }).nextRow).toMatchObject({ state: 'submitted.underReview', outcome: null });
  });

  it('upheld and overturned keep their meaning for clients that sent them before (names unchanged)', () => {
    const appealed = lodged(decided('MILJOEGODKENDELSE')).nextRow;
    expect(boardDecides(appealed, { outcome: 'upheld' }).nextRow).toMatchObject({ state: 'final', outcome: 'granted' });
    expect(boardDecides(appealed, { outcome: 'overturned' }).nextRow).toMatchObject({ state: 'final', outcome: 'refused' });
  });
});

describe('issue 13 item 1: dependants of a decision taken away on appeal', () => {
  const prereqDecided = (over: Partial<PermitRow>) => newPermit('VVM_SCREENING', [], { state: 'final', outcome: 'refused', ...over });
  const overturnedSnapshot = (row: PermitRow) => ({ ...row.snapshot, context: { ...ctxOf(row), appealOutcome: 'overturned' } });

  it('propagation revokes a filed dependant whose prerequisite was overturned or remitted, and nothing else', () => {
    const dependant = runPlans(newPermit('MILJOEGODKENDELSE', ['VVM_SCREENING']), [
      [cmd('prerequisites.satisfied', { codes: ['VVM_SCREENING'] }, SYSTEM), '2026-06-03T09:00:00.000Z'],
      [cmd('application.submitted', {}, APPLICANT), '2026-06-03T09:00:00.000Z'],
    ]);
    const base = prereqDecided({});
    const overturned = { ...base, snapshot: overturnedSnapshot(base) };
    expect(nextPropagationStep({ state: 'inProgress' }, [overturned, dependant])).toEqual({ kind: 'revoke', items: [{ permit: dependant, codes: ['VVM_SCREENING'] }] });
    const remitted = { ...base, state: 'submitted.underReview' as const, outcome: null, snapshot: { ...base.snapshot, context: { ...ctxOf(base), appealOutcome: 'remitted' } } };
    expect(nextPropagationStep({ state: 'inProgress' }, [remitted, dependant])).toMatchObject({ kind: 'revoke' });
    // Upheld, or a refusal nobody appealed: the dependant was never unblocked by it / still holds.
    const upheld = { ...base, outcome: 'granted' as const, snapshot: { ...base.snapshot, context: { ...ctxOf(base), appealOutcome: 'upheld' } } };
    expect(nextPropagationStep({ state: 'inProgress' }, [upheld, dependant]).kind).toBe('settled');
  });

  it('prerequisites.revoked: a filed dependant is blocked again, leaves the inbox, its clock and alerts go, and applicant, caseworker and coordinator are told', () => {
    const filed = runPlans(newPermit('MILJOEGODKENDELSE', ['VVM_SCREENING']), [
      [cmd('prerequisites.satisfied', { codes: ['VVM_SCREENING'] }, SYSTEM), '2026-06-03T09:00:00.000Z'],
      [cmd('application.submitted', {}, APPLICANT), '2026-06-03T09:00:00.000Z'],
      [cmd('authority.completenessConfirmed', {}, CASEWORKER), '2026-06-10T09:00:00.000Z'],
    ]);
    const pending: ExistingAlert[] = [{ id: '5', clock: 'target', threshold: 'warning', dueMs: Date.parse('2026-11-20T23:00:00.000Z'), fired: false }];
    const plan = planPermitTransition(filed, context(pending), cmd('prerequisites.revoked', { codes: ['VVM_SCREENING'] }, SYSTEM), at('2026-11-20T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ state: 'blocked', complete_on: null, stops: [], target_due_on: null });
    expect(ctxOf(plan.nextRow)).toMatchObject({ prerequisitesOpen: ['VVM_SCREENING'], submittedAt: null, completeAt: null });
    expect(plan.task).toEqual({ kind: 'close' });
    expect(plan.alerts.cancel).toEqual(['5']);
    expect(plan.notifications.map((n) => [n.kind, n.userId])).toEqual([
      ['applicationReturned', USERS.applicant[0].id],
      ['applicationReturned', USERS.caseworker[0].id],
      ['applicationReturned', USERS.coordinator[0].id],
    ]);
    // When the prerequisite holds again the dependant is satisfied and (in a running case) filed anew.
    const again = planPermitTransition(plan.nextRow, context(), cmd('prerequisites.satisfied', { codes: ['VVM_SCREENING'] }, SYSTEM), at('2026-12-01T09:00:00.000Z')).nextRow;
    expect(again.state).toBe('ready');
  });
});

describe('issue 13 item 3: notices and opinions have no klagefrist', () => {
  it('the construction-site notice (permits-research.md §1 #21, appeal "—") is final when given: no klagefrist stored, usable that day', () => {
    const row = decided('CONSTRUCTION_SITE_NOTICE', 'granted', '2026-03-05T09:00:00.000Z', []);
    expect(row).toMatchObject({ state: 'final', appeal_deadline_on: null, usable_from: '2026-03-05' });
  });

  it('the museum’s archaeology opinion (museumsloven §25; §1 #25) likewise', () => {
    expect(decided('ARCHAEOLOGY', 'granted', '2026-03-05T09:00:00.000Z')).toMatchObject({ state: 'final', appeal_deadline_on: null });
  });
});

describe('issue 13 items 3 and 10: the plan', () => {
  it('uses the stored, rolled klagefrist of a decided permit (MBL §93(2): 4 weeks from Thu 5 Mar 2026 end on Skærtorsdag 2 Apr → Tue 7 Apr), not a raw 4 weeks; final the day after', () => {
    const env = decided('MILJOEGODKENDELSE', 'granted', '2026-03-05T09:00:00.000Z');
    expect(env.appeal_deadline_on).toBe('2026-04-07');
    const plan = planForCase([env], at('2026-03-10T09:00:00.000Z'));
    // Appeals can be lodged all of Tue 7 Apr; the sweep makes the permit final on Wed 8 Apr.
    expect(plan.byCode.MILJOEGODKENDELSE).toMatchObject({ earliestFinish: '2026-03-05', earliestFinal: '2026-04-08' });
  });

  it('the plan and the forecast make it final on the day the deadline sweep does (the day after the klagefrist), and a dependant waiting for it to be final starts that day', () => {
    const lz = decided('LANDZONE', 'granted', '2026-03-05T09:00:00.000Z');
    expect(lz.state).toBe('decided.appealPeriod');
    // The sweep moves `decided.appealPeriod` to `final` on the first day with appeal_deadline_on < today (deadline-sweep.service.ts).
    const sweepFinalOn = addCalendarDays(lz.appeal_deadline_on!, 1);
    const building = newPermit('BUILDING_PERMIT', ['LANDZONE'], { state: 'blocked' });
    expect(building.prerequisites).toEqual([{ code: 'LANDZONE', requires: 'final' }]);
    const now = at('2026-03-10T09:00:00.000Z');
    const plan = planForCase([lz, building], now);
    expect([plan.byCode.LANDZONE.earliestFinal, plan.byCode.BUILDING_PERMIT.earliestStart]).toEqual([sweepFinalOn, sweepFinalOn]);
    const forecast = forecastCase({ caseId: 'case-final-day', permits: [lz, building], now, ceilingDueOn: '2027-06-01', ceilingStartOn: '2025-11-03', history: new Map(), runs: 50 });
    expect(forecast.nodes.find((n) => n.code === 'LANDZONE')?.finalP50).toBe(sweepFinalOn);
  });

  it('adds no appeal period to a notice that is not yet given', () => {
    const notice = newPermit('CONSTRUCTION_SITE_NOTICE');
    const plan = planForCase([notice], at('2026-03-10T09:00:00.000Z'));
    expect(plan.byCode.CONSTRUCTION_SITE_NOTICE.appealDays).toBe(0);
    const env = planForCase([newPermit('MILJOEGODKENDELSE')], at('2026-03-10T09:00:00.000Z'));
    expect(env.byCode.MILJOEGODKENDELSE.appealDays).toBeGreaterThanOrEqual(28);
  });
});

describe('issue 13 item 9: where the target IS the statutory deadline, one breach', () => {
  const running = (code: string) => underReview(code);

  it.each([
    ['GMP_MANUFACTURING', 'BEK 1358/2012 §6(1): 90 days'],
    ['VVM_SCREENING', 'MVL §21'],
  ])('%s (%s): a warning and ONE breach alert', (code) => {
    const row = running(code);
    expect(row.target_kind).toBe('statutory');
    expect(desiredAlerts(row).map((a) => [a.clock, a.threshold])).toEqual([['target', 'warning'], ['target', 'breach']]);
  });

  it('a servicemål with no statutory deadline (miljøgodkendelse) is unchanged: warning and breach of the target', () => {
    expect(desiredAlerts(running('MILJOEGODKENDELSE')).map((a) => [a.clock, a.threshold])).toEqual([['target', 'warning'], ['target', 'breach']]);
  });
});

describe('issue 13 item 11: a new target is a new deadline', () => {
  const running = () => underReview();

  it('after a breached target is moved later, a warning and a breach are scheduled again — once each', () => {
    const row = running();
    const [w, b] = desiredAlerts(row);
    const firedBefore: ExistingAlert[] = [
      { id: '1', clock: 'target', threshold: 'warning', dueMs: w.dueAt.getTime(), fired: true, firedMs: w.dueAt.getTime() + 1000 },
      { id: '2', clock: 'target', threshold: 'breach', dueMs: b.dueAt.getTime(), fired: true, firedMs: b.dueAt.getTime() + 1000 },
    ];
    const movedAt = at('2026-09-01T09:00:00.000Z'); // the 200-day target from 10 Feb 2026 has passed
    const extensions = [{ reasonCode: 'COMPLEX_CASE', duration: { unit: 'calendarDays' as const, length: 60 } }];
    const plan = planExtension(row, context(firedBefore), { extensions, actor: COORDINATOR, details: { reasonCode: 'COMPLEX_CASE' } }, movedAt);
    expect(plan.nextRow.extensions).toEqual([{ ...extensions[0], grantedAt: movedAt.toISOString() }]);
    expect(plan.alerts.insert.map((a) => [a.clock, a.threshold])).toEqual([['target', 'warning'], ['target', 'breach']]);
    const [nw, nb] = plan.alerts.insert;
    expect(nb.dueAt.getTime()).toBeGreaterThan(b.dueAt.getTime());

    // Once they fired for the new target, a later write (a second coordinator look, an info
    // request/answer) does not schedule them again.
    const firedAfter: ExistingAlert[] = [
      ...firedBefore,
      { id: '3', clock: 'target', threshold: 'warning', dueMs: nw.dueAt.getTime(), fired: true, firedMs: movedAt.getTime() + 5000 },
      { id: '4', clock: 'target', threshold: 'breach', dueMs: nb.dueAt.getTime(), fired: true, firedMs: nb.dueAt.getTime() + 1000 },
    ];
    const later = planExtension(plan.nextRow, context(firedAfter), { extensions: plan.nextRow.extensions, actor: SYSTEM, details: { reasonCode: 'x' } }, at('2026-11-20T09:00:00.000Z'));
    expect(later.alerts.insert).toEqual([]);
  });

  it('without a target change, a fired threshold stays fired (a stop/resume never repeats it)', () => {
    const row = running();
    const [w] = desiredAlerts(row);
    const fired: ExistingAlert[] = [{ id: '1', clock: 'target', threshold: 'warning', dueMs: w.dueAt.getTime(), fired: true, firedMs: w.dueAt.getTime() + 1000 }];
    const stopped = planPermitTransition(row, context(fired), cmd('authority.infoRequested', { question: 'Q?' }, CASEWORKER), at('2026-07-20T09:00:00.000Z')).nextRow;
    const resumed = planPermitTransition(stopped, context(fired), cmd('applicant.infoProvided', {}, APPLICANT), at('2026-07-30T09:00:00.000Z'));
    expect(resumed.alerts.insert.map((a) => a.threshold)).toEqual(['breach']);
  });
});

describe('issue 13 item 1: a new application after a refusal or an overturn', () => {
  it('supersedes the refused permit (version-checked, audited) and starts a new one with the same code, clocks and prerequisites, linked to it', () => {
    const old = { ...decided('MILJOEGODKENDELSE', 'refused'), state: 'final' as const };
    const newId = '00000000-0000-4000-8000-00000000beef';
    const { supersede, insert } = planReapplication(old, APPLICANT, newId, at('2026-07-01T09:00:00.000Z'));
    expect(supersede.nextRow).toMatchObject({ superseded_by: newId, version: old.version + 1, state: 'final', outcome: 'refused' });
    expect(supersede.audit).toMatchObject({ eventType: 'permit.reapplied', actorRole: 'applicant', payload: { newPermitId: newId } });
    expect(insert.row).toMatchObject({ id: newId, code: 'MILJOEGODKENDELSE', case_id: old.case_id, authority_id: old.authority_id, replaces_permit_id: old.id, state: 'ready', target_length: old.target_length });
  });

  it('refuses a permit that is not refused-and-final, or already replaced', () => {
    expect(() => planReapplication(decided('MILJOEGODKENDELSE'), APPLICANT, 'x', new Date())).toThrow(expect.objectContaining({ code: 'PERMIT.REAPPLICATION_NOT_ALLOWED' }));
    const old = { ...decided('MILJOEGODKENDELSE', 'refused'), state: 'final' as const, superseded_by: 'y' };
    expect(() => planReapplication(old, APPLICANT, 'x', new Date())).toThrow(expect.objectContaining({ code: 'PERMIT.REAPPLICATION_NOT_ALLOWED' }));
  });

  it('propagation follows the new permit: the superseded one is history', () => {
    const dependant = newPermit('MILJOEGODKENDELSE', ['VVM_SCREENING']);
    const oldScreening = newPermit('VVM_SCREENING', [], { state: 'final', outcome: 'refused', superseded_by: 'new' });
    const newScreening = newPermit('VVM_SCREENING', [], { id: 'new', state: 'decided.appealPeriod', outcome: 'granted', replaces_permit_id: oldScreening.id });
    expect(nextPropagationStep({ state: 'inProgress' }, [oldScreening, newScreening, dependant])).toEqual({ kind: 'satisfy', items: [{ permit: dependant, codes: ['VVM_SCREENING'] }] });
    // Listed the other way round, the superseded row still does not win.
    expect(nextPropagationStep({ state: 'inProgress' }, [newScreening, oldScreening, dependant])).toMatchObject({ kind: 'satisfy' });
    expect(planForCase([oldScreening, newScreening, dependant], at('2026-07-01T09:00:00.000Z')).nodes.map((n) => n.code).sort()).toEqual(['MILJOEGODKENDELSE', 'VVM_SCREENING']);
  });
});
