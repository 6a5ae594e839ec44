import { initialTransition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { applyCaseEvent, allowedCaseEvents, caseMachine, CASE_EVENT_ROLES, EventNotAllowedError, type CaseSnapshot } from '../index';

const start = (ceilingMonths: 12 | 18 = 18): CaseSnapshot => initialTransition(caseMachine, { caseId: 'case-1', ceilingMonths })[0];
const AT = '2026-01-05T08:00:00.000Z';

describe('caseMachine', () => {
  it('draft → submitted → inProgress → completed with the ceiling in context', () => {
    let s = start(12);
    expect(s.value).toBe('draft');
    s = applyCaseEvent(s, { type: 'case.submitted', at: AT }, 'applicant').snapshot;
    const started = applyCaseEvent(s, { type: 'case.processingStarted', at: '2026-01-06T08:00:00.000Z', ceilingDueOn: '2027-01-06' }, 'system');
    expect(started.effects).toEqual([{ type: 'ceiling.start', params: { months: 12 } }]);
    s = started.snapshot;
    expect(s.context).toMatchObject({ ceilingMonths: 12, ceilingStartedAt: '2026-01-06T08:00:00.000Z', ceilingDueOn: '2027-01-06' });
    expect(s.hasTag('ceilingRunning')).toBe(true);
    const done = applyCaseEvent(s, { type: 'case.permitsAllFinal', at: '2026-09-01T08:00:00.000Z' }, 'system');
    expect(done.snapshot.value).toBe('completed');
    expect(done.snapshot.status).toBe('done');
    expect(done.effects.map((e) => e.type)).toEqual(['ceiling.stop', 'notify']);
  });

  it('may be withdrawn by applicant or coordinator from any non-final state, withdrawing its permits', () => {
    expect(CASE_EVENT_ROLES['case.withdrawn']).toEqual(['applicant', 'coordinator']);
    const submitted = applyCaseEvent(start(), { type: 'case.submitted', at: AT }, 'applicant').snapshot;
    const r = applyCaseEvent(submitted, { type: 'case.withdrawn', at: AT, reason: 'Site moved' }, 'coordinator');
    expect(r.snapshot.value).toBe('withdrawn');
    expect(r.snapshot.context.withdrawalReason).toBe('Site moved');
    expect(r.effects.map((e) => e.type)).toContain('permits.withdrawAll');
  });

  it('rejects events from the wrong role or state with CASE.EVENT_NOT_ALLOWED', () => {
    expect(() => applyCaseEvent(start(), { type: 'case.submitted', at: AT }, 'caseworker')).toThrow(EventNotAllowedError);
    expect(() => applyCaseEvent(start(), { type: 'case.permitsAllFinal', at: AT }, 'system')).toThrow(
      expect.objectContaining({ code: 'CASE.EVENT_NOT_ALLOWED' }),
    );
    expect(allowedCaseEvents(start(), 'applicant', AT)).toEqual(['case.submitted', 'case.withdrawn']);
  });

  it('reaches both final states (xstate/graph)', () => {
    const paths = getShortestPaths(caseMachine, {
      input: { caseId: 'c', ceilingMonths: 18 },
      events: [
        { type: 'case.submitted', at: AT },
        { type: 'case.processingStarted', at: AT },
        { type: 'case.permitsAllFinal', at: AT },
        { type: 'case.withdrawn', at: AT },
      ],
      serializeState: (s) => JSON.stringify(s.value),
    });
    const finals = new Set(paths.filter((p) => p.state.status === 'done').map((p) => p.state.value));
    expect(finals).toEqual(new Set(['completed', 'withdrawn']));
  });
});
