import { initialTransition, transition } from 'xstate';
import {
  applyPermitEvent,
  EventNotAllowedError,
  permitMachine,
  toPermitEffects,
  type PermitEffect,
} from '../index';
import { run, start, T, toDecision } from './test-helpers';

const types = (effects: PermitEffect[]) => effects.map((e) => e.type);

describe('permitMachine — lifecycle', () => {
  it('starts blocked while prerequisites are open', () => {
    const s = start({ prerequisitesOpen: ['LOKALPLAN', 'MILJOEVURDERING'] });
    expect(s.value).toBe('blocked');
    expect(s.hasTag('clockNotStarted')).toBe(true);
  });

  it('starts ready when nothing is open', () => {
    expect(start().value).toBe('ready');
  });

  it('unblocks only when the last open prerequisite is satisfied', () => {
    let s = start({ prerequisitesOpen: ['LOKALPLAN', 'MILJOEVURDERING'] });
    s = run(s, [{ type: 'prerequisites.satisfied', at: T.submitted, codes: ['LOKALPLAN'] }]);
    expect(s.value).toBe('blocked');
    expect(s.context.prerequisitesOpen).toEqual(['MILJOEVURDERING']);
    s = run(s, [{ type: 'prerequisites.satisfied', at: T.complete, codes: ['MILJOEVURDERING'] }]);
    expect(s.value).toBe('ready');
    expect(s.context.readyAt).toBe(T.complete);
  });

  it('rejects a satisfaction that names no open prerequisite', () => {
    const s = start({ prerequisitesOpen: ['LOKALPLAN'] });
    expect(s.can({ type: 'prerequisites.satisfied', at: T.submitted, codes: ['OTHER'] })).toBe(false);
  });

  it('runs the happy path with hearing and appeal period to final, recording timestamps', () => {
    let s = run(start(), toDecision);
    expect(s.value).toEqual({ decided: 'appealPeriod' });
    expect(s.context).toMatchObject({
      submittedAt: T.submitted,
      completeAt: T.complete,
      hearingStartedAt: T.hearingStart,
      hearingEarliestEndAt: T.hearingEarliestEnd,
      hearingEndedAt: T.hearingEnd,
      decidedAt: T.decided,
      outcome: 'granted',
      appealPeriodEndsAt: T.appealEnds,
    });
    s = run(s, [{ type: 'appeal.periodExpired', at: T.afterAppeal }]);
    expect(s.value).toBe('final');
    expect(s.status).toBe('done');
    expect(s.context.finalAt).toBe(T.afterAppeal);
  });

  it('the appeal period cannot expire before its end', () => {
    const s = run(start(), toDecision);
    expect(s.can({ type: 'appeal.periodExpired', at: T.decided })).toBe(false);
  });

  it('appealed → final after the appeal decision, recording the appeal outcome', () => {
    let s = run(start({ appealSuspends: true }), toDecision);
    s = run(s, [{ type: 'appeal.lodged', at: '2026-05-20T10:00:00.000Z' }]);
    expect(s.value).toEqual({ decided: 'appealed' });
    expect(s.context.suspendedByAppeal).toBe(true);
    expect(s.hasTag('appealPending')).toBe(true);
    s = run(s, [{ type: 'appeal.decided', at: '2026-11-20T10:00:00.000Z', outcome: 'overturned' }]);
    expect(s.value).toBe('final');
    expect(s.context).toMatchObject({ appealOutcome: 'overturned', suspendedByAppeal: false, finalAt: '2026-11-20T10:00:00.000Z' });
  });

  it('a decision without administrative appeal is final at once', () => {
    const s = run(start({ appealApplies: false }), toDecision);
    expect(s.value).toBe('final');
    expect(s.context.finalAt).toBe(T.decided);
  });

  it('records refused and grantedWithConditions outcomes; conditions must match the outcome', () => {
    const pre = run(start({ hearingRequired: false }), toDecision.slice(0, 2));
    const refused = run(pre, [{ type: 'authority.decisionIssued', at: T.decided, outcome: 'refused', reason: 'Noise' }]);
    expect(refused.context.outcome).toBe('refused');
    expect(pre.can({ type: 'authority.decisionIssued', at: T.decided, outcome: 'grantedWithConditions', reason: 'x' })).toBe(false);
    expect(pre.can({ type: 'authority.decisionIssued', at: T.decided, outcome: 'granted', reason: 'x', conditions: ['c'] })).toBe(false);
    const cond = run(pre, [{ type: 'authority.decisionIssued', at: T.decided, outcome: 'grantedWithConditions', reason: 'x', conditions: ['Noise ≤ 40 dB(A) at night'] }]);
    expect(cond.context.conditions).toEqual(['Noise ≤ 40 dB(A) at night']);
  });

  it('a required hearing must have ended before a decision', () => {
    const s = run(start(), toDecision.slice(0, 2));
    expect(s.can(toDecision[4])).toBe(false);
    expect(run(start({ hearingRequired: false }), toDecision.slice(0, 2)).can(toDecision[4])).toBe(true);
  });

  it('a hearing cannot end before the minimum period, and can at exactly the earliest end', () => {
    const s = run(start(), toDecision.slice(0, 3));
    expect(s.value).toEqual({ submitted: 'hearing' });
    expect(s.can({ type: 'authority.hearingEnded', at: T.tooEarly })).toBe(false);
    expect(() => applyPermitEvent(s, { type: 'authority.hearingEnded', at: T.tooEarly }, 'caseworker')).toThrow(EventNotAllowedError);
    expect(s.can({ type: 'authority.hearingEnded', at: T.hearingEarliestEnd })).toBe(true);
  });

  it('info requests go back and forth and are recorded as rounds', () => {
    let s = run(start(), toDecision.slice(0, 2));
    s = run(s, [
      { type: 'authority.infoRequested', at: '2026-02-12T09:00:00.000Z', question: 'Noise report?', dueOn: '2026-02-26' },
      { type: 'applicant.infoProvided', at: '2026-02-20T09:00:00.000Z' },
      { type: 'authority.infoRequested', at: '2026-02-23T09:00:00.000Z', question: 'Stack height?' },
    ]);
    expect(s.value).toEqual({ submitted: 'infoRequested' });
    expect(s.context.infoRequestRounds).toBe(2);
    expect(s.context.infoRequests[0]).toMatchObject({ round: 1, question: 'Noise report?', dueOn: '2026-02-26', answeredAt: '2026-02-20T09:00:00.000Z', during: 'underReview' });
    expect(s.context.infoRequests[1]).toMatchObject({ round: 2, answeredAt: null });
    s = run(s, [{ type: 'applicant.infoProvided', at: '2026-03-01T09:00:00.000Z' }]);
    expect(s.value).toEqual({ submitted: 'underReview' });
  });

  it('an info request during the completeness check returns to the completeness check', () => {
    const s = run(start(), [
      toDecision[0],
      { type: 'authority.infoRequested', at: '2026-02-03T09:00:00.000Z', question: 'Missing site plan' },
      { type: 'applicant.infoProvided', at: '2026-02-05T09:00:00.000Z' },
    ]);
    expect(s.value).toEqual({ submitted: 'completenessCheck' });
    expect(s.context.completeAt).toBeNull();
  });

  it('withdrawal is possible from every non-final state and ends the machine', () => {
    const snapshots = [start({ prerequisitesOpen: ['X'] }), start(), run(start(), toDecision.slice(0, 3)), run(start(), toDecision)];
    for (const s of snapshots) {
      const w = run(s, [{ type: 'application.withdrawn', at: T.afterAppeal, reason: 'Project cancelled' }]);
      expect(w.value).toBe('withdrawn');
      expect(w.status).toBe('done');
      expect(w.context).toMatchObject({ withdrawnAt: T.afterAppeal, withdrawalReason: 'Project cancelled' });
    }
    const final = run(run(start(), toDecision), [{ type: 'appeal.periodExpired', at: T.afterAppeal }]);
    expect(() => applyPermitEvent(final, { type: 'application.withdrawn', at: T.afterAppeal }, 'applicant')).toThrow(EventNotAllowedError);
  });
});

describe('permitMachine — clock tags and effects from transition()', () => {
  it('tags tell the host the clock state in each phase', () => {
    const ready = start();
    const check = run(ready, toDecision.slice(0, 1));
    const review = run(check, toDecision.slice(1, 2));
    const info = run(review, [{ type: 'authority.infoRequested', at: T.hearingStart, question: 'q' }]);
    const decided = run(start(), toDecision);
    expect(check.hasTag('clockNotStarted')).toBe(true);
    expect(review.hasTag('clockRunning')).toBe(true);
    expect(info.hasTag('clockStopped') && info.hasTag('awaitingApplicant')).toBe(true);
    expect(decided.hasTag('clockFinished') && decided.hasTag('decisionIssued')).toBe(true);
  });

  it('transition() returns named, serialisable actions: clock.stop on an info request during review', () => {
    const review = run(start(), toDecision.slice(0, 2));
    const [next, actions] = transition(permitMachine, review, { type: 'authority.infoRequested', at: T.hearingStart, question: 'q', dueOn: '2026-03-16' });
    expect(next.value).toEqual({ submitted: 'infoRequested' });
    const effects = toPermitEffects(actions);
    expect(effects).toEqual([
      { type: 'clock.stop', params: { reason: 'awaitingApplicant' } },
      { type: 'notify', params: { template: 'infoRequested', to: ['applicant'] } },
      { type: 'deadline.schedule', params: { kind: 'infoResponseDue', dueAt: '2026-03-16' } },
    ]);
    expect(JSON.parse(JSON.stringify(effects))).toEqual(effects);
  });

  it('no clock.stop when the catalogue says the clock keeps running while awaiting the applicant', () => {
    const review = run(start({ clockStopsWhileAwaitingApplicant: false }), toDecision.slice(0, 2));
    const { effects } = applyPermitEvent(review, { type: 'authority.infoRequested', at: T.hearingStart, question: 'q' }, 'caseworker');
    expect(types(effects)).not.toContain('clock.stop');
    const back = applyPermitEvent(run(review, [{ type: 'authority.infoRequested', at: T.hearingStart, question: 'q' }]), { type: 'applicant.infoProvided', at: T.hearingEnd }, 'applicant');
    expect(types(back.effects)).not.toContain('clock.resume');
  });

  it('clock.start on the complete application; clock.resume when info is provided', () => {
    const check = run(start(), toDecision.slice(0, 1));
    expect(types(applyPermitEvent(check, toDecision[1], 'caseworker').effects)).toEqual(['clock.start', 'route.task', 'notify']);
    const info = run(check, [toDecision[1], { type: 'authority.infoRequested', at: T.hearingStart, question: 'q' }]);
    expect(types(applyPermitEvent(info, { type: 'applicant.infoProvided', at: T.hearingEnd }, 'applicant').effects)).toEqual([
      'clock.resume',
      'deadline.cancel',
      'route.task',
      'notify',
    ]);
  });

  it('a decision finishes the clock, releases "decided" dependants and schedules the appeal deadline', () => {
    const before = run(start(), toDecision.slice(0, 4));
    const { effects } = applyPermitEvent(before, toDecision[4], 'caseworker');
    expect(effects).toEqual([
      { type: 'clock.finish', params: { reason: 'decisionIssued' } },
      { type: 'dependants.release', params: { milestone: 'decided' } },
      { type: 'notify', params: { template: 'decisionIssued', to: ['applicant', 'coordinator'] } },
      { type: 'deadline.schedule', params: { kind: 'appealPeriodEnd', dueAt: T.appealEnds } },
    ]);
  });

  it('reaching final releases "final" dependants', () => {
    const decided = run(start(), toDecision);
    const { effects } = applyPermitEvent(decided, { type: 'appeal.periodExpired', at: T.afterAppeal }, 'system');
    expect(effects).toContainEqual({ type: 'dependants.release', params: { milestone: 'final' } });
  });

  it('the initial transition of an unblocked permit notifies the applicant', () => {
    const [, actions] = initialTransition(permitMachine, { permitCode: 'X', catalogVersion: '2025.1', hearingRequired: false, appealApplies: false, appealSuspends: false, prerequisitesOpen: [] });
    expect(toPermitEffects(actions)).toEqual([{ type: 'notify', params: { template: 'permitReady', to: ['applicant'] } }]);
  });

  it('the machine declares no delayed transitions (deadlines belong to the host)', () => {
    const json = JSON.stringify(permitMachine.definition);
    expect(json).not.toMatch(/xstate\.after/);
  });
});
