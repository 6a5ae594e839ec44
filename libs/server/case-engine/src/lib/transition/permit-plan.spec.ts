import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertJobId } from '../alerts';
import { PERMIT_MACHINE_VERSION } from '@rl/permits-machines';
import { planPermitTransition } from './permit-plan';
import { APPLICANT, CASEWORKER, context, newPermit, runPlans, USERS } from './test-helpers';
import { SYSTEM } from './types';

const at = (iso: string) => new Date(iso);
const SUBMIT = { type: 'application.submitted' as const, payload: {}, actor: APPLICANT };
const COMPLETE = { type: 'authority.completenessConfirmed' as const, payload: {}, actor: CASEWORKER };

/** A permit in review: submitted 2 Feb 2026, complete 10 Feb 2026. */
function inReview() {
  return runPlans(newPermit(), [
    [SUBMIT, '2026-02-02T09:00:00.000Z'],
    [COMPLETE, '2026-02-10T09:00:00.000Z'],
  ]);
}

describe('planPermitTransition', () => {
  it('files the application: state, received_at, version, machine version, audit, routed task and the caseworker notification', () => {
    const row = newPermit();
    expect(row.state).toBe('ready');
    const now = at('2026-02-02T09:00:00.000Z');
    const plan = planPermitTransition(row, context([], true), SUBMIT, now);
    expect(plan.nextRow).toMatchObject({ state: 'submitted.completenessCheck', received_at: now, version: row.version + 1, machine_version: PERMIT_MACHINE_VERSION, updated_at: now });
    expect(plan.audit).toEqual({
      caseId: row.case_id, permitId: row.id, actorUserId: APPLICANT.userId, actorRole: 'applicant', eventType: 'application.submitted',
      fromState: 'ready', toState: 'submitted.completenessCheck', reason: null, payload: {}, at: now.toISOString(),
    });
    expect(plan.task).toEqual({ kind: 'route', task: 'checkCompleteness', closed: false, nationalStrategic: true, riskRank: 2 });
    expect(plan.notifications.map((n) => [n.kind, n.userId])).toEqual([['taskRouted', USERS.caseworker[0].id]]);
    expect(plan.notifications[0].dedupeKey).toBe(`route-${row.id}-${row.version + 1}-${USERS.caseworker[0].id}`);
    // One outbox row per machine effect, in the machine's order.
    expect(plan.outbox.map((o) => o.type)).toEqual(plan.effects.map((e) => e.type));
    expect(plan.outbox[0].payload).toMatchObject({ caseId: row.case_id, permitId: row.id, eventType: 'application.submitted', fromState: 'ready', toState: 'submitted.completenessCheck' });
    expect(plan.alerts).toEqual({ cancel: [], insert: [], fire: null });
  });

  it('clock.start: the complete application starts the target clock; due date, risk and both alerts follow', () => {
    const submitted = runPlans(newPermit(), [[SUBMIT, '2026-02-02T09:00:00.000Z']]);
    const plan = planPermitTransition(submitted, context(), COMPLETE, at('2026-02-10T09:00:00.000Z'));
    expect(plan.effects.map((e) => e.type)).toContain('clock.start');
    expect(plan.nextRow.complete_on).toBe('2026-02-10');
    expect(plan.nextRow.target_due_on! > '2026-02-10').toBe(true);
    expect(plan.nextRow.risk).toBe('onTrack');
    expect(plan.task).toEqual({ kind: 'route', task: 'review', closed: false, nationalStrategic: false, riskRank: 2 });
    expect(plan.alerts.insert.map((a) => [a.clock, a.threshold])).toEqual([['target', 'warning'], ['target', 'breach']]);
    for (const a of plan.alerts.insert) {
      expect(a.schedule).toEqual({ caseId: submitted.case_id, permitId: submitted.id, jobId: alertJobId(submitted.id, a.clock, a.threshold, a.dueAt), dueAt: a.dueAt.toISOString() });
    }
  });

  it('clock.stop: an information request stops the clock, cancels the pending alerts and tells the applicant', () => {
    const row = inReview();
    const pending = [
      { id: '11', clock: 'target' as const, threshold: 'warning' as const, dueMs: Date.parse('2026-07-01T22:00:00.000Z'), fired: false },
      { id: '12', clock: 'target' as const, threshold: 'breach' as const, dueMs: Date.parse('2026-08-28T22:00:00.000Z'), fired: false },
    ];
    const cmd = { type: 'authority.infoRequested' as const, payload: { question: 'Noise study?', dueOn: '2026-03-15' }, actor: CASEWORKER };
    const plan = planPermitTransition(row, context(pending), cmd, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow.state).toBe('submitted.infoRequested');
    expect(plan.nextRow.stops).toEqual([{ reason: 'awaitingApplicant', from: '2026-03-02', to: null }]);
    expect(plan.alerts.cancel).toEqual(['11', '12']);
    expect(plan.alerts.insert).toEqual([]);
    expect(plan.outbox.filter((o) => o.type === 'alert.cancel').map((o) => o.payload.jobId)).toEqual(pending.map((p) => alertJobId(row.id, p.clock, p.threshold, new Date(p.dueMs))));
    expect(plan.notifications).toEqual([expect.objectContaining({ kind: 'infoRequested', userId: USERS.applicant[0].id, data: expect.objectContaining({ question: 'Noise study?', dueOn: '2026-03-15' }) })]);
    expect(plan.audit.reason).toBe('Noise study?');
  });

  it('clock.resume: the answer closes the stop and moves the due date later by the stopped days', () => {
    const row = inReview();
    const stopped = runPlans(row, [[{ type: 'authority.infoRequested', payload: { question: 'Q?' }, actor: CASEWORKER }, '2026-03-02T09:00:00.000Z']]);
    const plan = planPermitTransition(stopped, context(), { type: 'applicant.infoProvided', payload: {}, actor: APPLICANT }, at('2026-03-12T09:00:00.000Z'));
    expect(plan.effects.map((e) => e.type)).toContain('clock.resume');
    expect(plan.nextRow.stops).toEqual([{ reason: 'awaitingApplicant', from: '2026-03-02', to: '2026-03-12' }]);
    expect(plan.nextRow.target_due_on! > row.target_due_on!).toBe(true);
    expect(plan.alerts.insert).toHaveLength(2);
    expect(plan.notifications.map((n) => n.kind)).toEqual(['infoProvided']);
  });

  it('a hearing gets its earliest end from the catalogue minimum, and the notification says when', () => {
    const plan = planPermitTransition(inReview(), context(), { type: 'authority.hearingStarted', payload: {}, actor: CASEWORKER }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow.state).toBe('submitted.hearing');
    const earliest = (plan.nextRow.snapshot as { context: { hearingEarliestEndAt: string } }).context.hearingEarliestEndAt;
    expect(Date.parse(earliest)).toBeGreaterThan(Date.parse('2026-03-02T09:00:00.000Z'));
    expect(plan.notifications[0]).toMatchObject({ kind: 'hearingStarted', data: expect.objectContaining({ earliestEndAt: earliest }) });
  });

  it('clock.finish: a decision records outcome, decided_at, the klagefrist and usable-from, closes the task and cancels unfired alerts only', () => {
    const row = runPlans(inReview(), [
      [{ type: 'authority.hearingStarted', payload: {}, actor: CASEWORKER }, '2026-03-02T09:00:00.000Z'],
      [{ type: 'authority.hearingEnded', payload: {}, actor: CASEWORKER }, '2026-04-01T09:00:00.000Z'],
    ]);
    const alerts = [
      { id: '21', clock: 'target' as const, threshold: 'warning' as const, dueMs: 1, fired: true },
      { id: '22', clock: 'target' as const, threshold: 'breach' as const, dueMs: 2, fired: false },
    ];
    const now = at('2026-04-07T09:00:00.000Z');
    const plan = planPermitTransition(row, context(alerts), { type: 'authority.decisionIssued', payload: { outcome: 'granted', reason: 'OK' }, actor: CASEWORKER }, now);
    expect(plan.nextRow).toMatchObject({ state: 'decided.appealPeriod', outcome: 'granted', decided_at: now });
    expect(plan.nextRow.appeal_deadline_on! > '2026-04-07').toBe(true);
    expect(plan.nextRow.usable_from).toBe('2026-04-07'); // the appeal does not suspend this permit
    expect(plan.task).toEqual({ kind: 'close' });
    expect(plan.alerts.cancel).toEqual(['22']);
    expect(plan.notifications.map((n) => [n.kind, n.userId])).toEqual([
      ['decisionIssued', USERS.applicant[0].id],
      ['decisionIssued', USERS.coordinator[0].id],
    ]);
  });

  it('keeps the first decided_at (the stored row wins, as the SQL always did)', () => {
    const first = at('2026-04-01T09:00:00.000Z');
    const row = runPlans(inReview(), [
      [{ type: 'authority.hearingStarted', payload: {}, actor: CASEWORKER }, '2026-03-02T09:00:00.000Z'],
      [{ type: 'authority.hearingEnded', payload: {}, actor: CASEWORKER }, '2026-04-01T09:00:00.000Z'],
    ]);
    const plan = planPermitTransition({ ...row, decided_at: first }, context(), { type: 'authority.decisionIssued', payload: { outcome: 'refused', reason: 'No' }, actor: CASEWORKER }, at('2026-04-07T09:00:00.000Z'));
    expect(plan.nextRow.decided_at).toBe(first);
    expect(plan.nextRow.usable_from).toBeNull(); // a refusal is never usable
  });

  it('the appeal period running out makes the permit final (final_at, permitFinal notice)', () => {
    const decided = runPlans(inReview(), [
      [{ type: 'authority.hearingStarted', payload: {}, actor: CASEWORKER }, '2026-03-02T09:00:00.000Z'],
      [{ type: 'authority.hearingEnded', payload: {}, actor: CASEWORKER }, '2026-04-01T09:00:00.000Z'],
      [{ type: 'authority.decisionIssued', payload: { outcome: 'granted', reason: 'OK' }, actor: CASEWORKER }, '2026-04-07T09:00:00.000Z'],
    ]);
    const now = at('2026-06-01T09:00:00.000Z');
    const plan = planPermitTransition(decided, context(), { type: 'appeal.periodExpired', payload: {}, actor: SYSTEM }, now);
    expect(plan.nextRow).toMatchObject({ state: 'final', final_at: now, decided_at: decided.decided_at });
    expect(plan.notifications.map((n) => n.kind)).toEqual(['permitFinal']);
    expect(plan.effects.map((e) => e.type)).toContain('dependants.release');
  });

  it('a withdrawal clears the clocks, closes the task and records the host acting for the applicant', () => {
    const plan = planPermitTransition(inReview(), context(), { type: 'application.withdrawn', payload: { reason: 'Project stopped' }, actor: APPLICANT, auditRole: 'system' }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ state: 'withdrawn', target_due_on: null, statutory_due_on: null, risk: 'onTrack' });
    expect(plan.task).toEqual({ kind: 'close' });
    expect(plan.audit).toMatchObject({ actorRole: 'system', actorUserId: APPLICANT.userId, reason: 'Project stopped' });
    expect(plan.notifications.map((n) => n.kind)).toEqual(['applicationWithdrawn', 'applicationWithdrawn']);
  });

  it('satisfying the last open prerequisite makes a blocked permit ready', () => {
    const blocked = newPermit('MILJOEGODKENDELSE', ['LOKALPLAN']);
    expect(blocked.state).toBe('blocked');
    const plan = planPermitTransition(blocked, context(), { type: 'prerequisites.satisfied', payload: { codes: ['LOKALPLAN'] }, actor: SYSTEM }, at('2026-02-02T09:00:00.000Z'));
    expect(plan.nextRow.state).toBe('ready');
    expect(plan.task).toEqual({ kind: 'rank', riskRank: 2 });
  });

  it('restores an older machine version (v0 fixture) and writes the current one', () => {
    const v0 = JSON.parse(readFileSync(join(__dirname, '../../../../../permits/machines/src/fixtures/permit-snapshot.v0.json'), 'utf8'));
    const row = { ...newPermit(), machine_version: 0, state: 'inReview' as const, snapshot: v0, complete_on: '2026-02-16' };
    const plan = planPermitTransition(row, context(), { type: 'authority.hearingStarted', payload: {}, actor: CASEWORKER }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toMatchObject({ machine_version: PERMIT_MACHINE_VERSION, state: 'submitted.hearing' });
    expect(plan.audit).toMatchObject({ fromState: 'inReview', toState: 'submitted.hearing' });
  });

  it('refuses an event the machine does not allow, before planning any write', () => {
    expect(() => planPermitTransition(newPermit(), context(), COMPLETE, at('2026-02-02T09:00:00.000Z'))).toThrow(expect.objectContaining({ code: 'PERMIT.EVENT_NOT_ALLOWED' }));
  });
});
