/**
 * Model-based tests with xstate/graph: traverse the machine with representative events (with
 * fixed instants, so the graph is finite) and check reachability and guards along every path.
 */
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { permitMachine, type PermitEvent, type PermitSnapshot } from '../index';
import { baseInput, T } from './test-helpers';

const EVENTS: PermitEvent[] = [
  { type: 'prerequisites.satisfied', at: T.submitted, codes: ['LOKALPLAN'] },
  { type: 'application.submitted', at: T.submitted },
  { type: 'authority.completenessConfirmed', at: T.complete },
  { type: 'authority.infoRequested', at: T.complete, question: 'q' },
  { type: 'applicant.infoProvided', at: T.complete },
  { type: 'authority.hearingStarted', at: T.hearingStart, earliestEndAt: T.hearingEarliestEnd },
  { type: 'authority.hearingEnded', at: T.tooEarly },
  { type: 'authority.hearingEnded', at: T.hearingEnd },
  { type: 'authority.decisionIssued', at: T.decided, outcome: 'granted', reason: 'r', appealPeriodEndsAt: T.appealEnds },
  { type: 'authority.decisionIssued', at: T.decided, outcome: 'refused', reason: 'r', appealPeriodEndsAt: T.appealEnds },
  { type: 'appeal.lodged', at: T.decided },
  { type: 'appeal.periodExpired', at: T.decided },
  { type: 'appeal.periodExpired', at: T.afterAppeal },
  { type: 'appeal.decided', at: T.afterAppeal, outcome: 'upheld' },
  { type: 'appeal.decided', at: T.afterAppeal, outcome: 'overturned' },
  { type: 'appeal.decided', at: T.afterAppeal, outcome: 'changed', conditions: ['c'] },
  { type: 'appeal.decided', at: T.afterAppeal, outcome: 'remitted' },
  { type: 'application.withdrawn', at: T.afterAppeal },
];

// State identity = state value + the facts that change behaviour; counters and timestamps
// are left out so info-request loops do not make the graph infinite.
const serializeState = (s: PermitSnapshot) =>
  JSON.stringify([s.value, s.context.prerequisitesOpen, s.context.hearingEndedAt !== null, s.context.outcome, s.context.appealOutcome]);

const options = {
  input: { ...baseInput, prerequisitesOpen: ['LOKALPLAN'] },
  events: EVENTS,
  serializeState,
};

const leaf = (s: PermitSnapshot) => JSON.stringify(s.value);

describe('permitMachine — model-based (xstate/graph)', () => {
  const shortest = getShortestPaths(permitMachine, options);
  const simple = getSimplePaths(permitMachine, options);

  it('reaches every atomic state from the initial blocked state', () => {
    const reached = new Set(shortest.map((p) => leaf(p.state)));
    for (const value of [
      '"blocked"',
      '"ready"',
      '{"submitted":"completenessCheck"}',
      '{"submitted":"infoRequested"}',
      '{"submitted":"underReview"}',
      '{"submitted":"hearing"}',
      '{"decided":"appealPeriod"}',
      '{"decided":"appealed"}',
      '"final"',
      '"withdrawn"',
    ]) {
      expect(reached).toContain(value);
    }
  });

  it('reaches every final state with every outcome combination', () => {
    const finals = shortest.filter((p) => p.state.status === 'done');
    expect(new Set(finals.map((p) => p.state.value))).toEqual(new Set(['final', 'withdrawn']));
    const outcomes = new Set(finals.filter((p) => p.state.value === 'final').map((p) => `${p.state.context.outcome}/${p.state.context.appealOutcome}`));
    // appealOutcome is the last board's word: an overturned refusal or a remittal goes back to
    // review, so a later decision can end granted or refused after it (issue 13 item 1).
    expect(outcomes).toEqual(
      new Set([
        'granted/null',
        'refused/null',
        'granted/upheld',
        'refused/upheld',
        'refused/overturned',
        'granted/overturned',
        'grantedWithConditions/changed',
        'granted/remitted',
        'refused/remitted',
      ]),
    );
  });

  it('issue 13 item 1: an overturned grant ends final and refused; a remittal or an overturned refusal returns to review without a decision', () => {
    for (const path of getSimplePaths(permitMachine, options)) {
      for (let i = 1; i < path.steps.length; i++) {
        const { event, state } = path.steps[i];
        if (event.type !== 'appeal.decided') continue;
        const before = path.steps[i - 1].state.context.outcome;
        if (event.outcome === 'overturned' && before !== 'refused') expect([state.value, state.context.outcome]).toEqual(['final', 'refused']);
        if (event.outcome === 'remitted' || (event.outcome === 'overturned' && before === 'refused')) {
          expect([state.value, state.context.outcome, state.context.decidedAt]).toEqual([{ submitted: 'underReview' }, null, null]);
        }
        if (event.outcome === 'changed') expect([state.value, state.context.outcome, state.context.conditions]).toEqual(['final', 'grantedWithConditions', ['c']]);
      }
    }
  });

  it('the shortest path to final goes through hearing and appeal period in order', () => {
    const p = shortest.find((x) => x.state.value === 'final' && x.state.context.appealOutcome === null && x.state.context.outcome === 'granted')!;
    expect(p.steps.map((s) => s.event.type)).toEqual([
      'xstate.init',
      'prerequisites.satisfied',
      'application.submitted',
      'authority.completenessConfirmed',
      'authority.hearingStarted',
      'authority.hearingEnded',
      'authority.decisionIssued',
      'appeal.periodExpired',
    ]);
  });

  it.each([
    ['shortest', shortest],
    ['simple', simple],
  ])('every %s path respects the guards: hearing minimum, hearing before decision, appeal period end', (_name, paths) => {
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      for (let i = 1; i < path.steps.length; i++) {
        const { event, state } = path.steps[i];
        const prev = path.steps[i - 1].state;
        if (event.type === 'authority.hearingEnded') {
          expect(Date.parse(event.at)).toBeGreaterThanOrEqual(Date.parse(prev.context.hearingEarliestEndAt!));
        }
        if (event.type === 'authority.decisionIssued') {
          expect(prev.context.hearingEndedAt).not.toBeNull();
        }
        if (event.type === 'appeal.periodExpired') {
          expect(event.at).toBe(T.afterAppeal);
        }
        if (event.type === 'application.submitted') {
          expect(prev.context.prerequisitesOpen).toEqual([]);
        }
        expect(state).toBeDefined();
      }
    }
  });

  it('a path that ends the hearing too early is rejected (the event leaves the state unchanged)', () => {
    const inHearing = shortest.find((p) => leaf(p.state) === '{"submitted":"hearing"}')!.state;
    expect(inHearing.can({ type: 'authority.hearingEnded', at: T.tooEarly })).toBe(false);
    const anyEarlyExit = simple.some((p) =>
      p.steps.some((s, i) => i > 0 && s.event.type === 'authority.hearingEnded' && s.event.at === T.tooEarly),
    );
    expect(anyEarlyExit).toBe(false);
  });

  it('no path reaches a decision while prerequisites are still open', () => {
    for (const p of simple) {
      if (p.state.context.decidedAt) expect(p.state.context.prerequisitesOpen).toEqual([]);
    }
  });
});
