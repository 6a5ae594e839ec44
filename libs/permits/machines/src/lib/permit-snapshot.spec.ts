import { createActor, transition } from 'xstate';
import {
  PERMIT_MACHINE_VERSION,
  permitMachine,
  persistPermitSnapshot,
  restorePermitSnapshot,
  SnapshotInvalidError,
  SnapshotVersionError,
} from '../index';
import v0Fixture from '../fixtures/permit-snapshot.v0.json';
import { run, start, T, toDecision } from './test-helpers';

describe('permit snapshot persistence', () => {
  const inHearing = run(start(), [
    ...toDecision.slice(0, 2),
    { type: 'authority.infoRequested', at: '2026-02-12T09:00:00.000Z', question: 'q' },
    { type: 'applicant.infoProvided', at: '2026-02-13T09:00:00.000Z' },
    toDecision[2],
  ]);

  it('JSON round-trip via restorePermitSnapshot keeps state, context, tags and can()', () => {
    const json = JSON.stringify(persistPermitSnapshot(inHearing));
    const restored = restorePermitSnapshot(json, PERMIT_MACHINE_VERSION);
    expect(restored.value).toEqual({ submitted: 'hearing' });
    expect(restored.context).toEqual(inHearing.context);
    expect(restored.hasTag('clockRunning')).toBe(true);
    expect(restored.can({ type: 'authority.hearingEnded', at: T.tooEarly })).toBe(false);
    expect(restored.can({ type: 'authority.hearingEnded', at: T.hearingEnd })).toBe(true);
    const [next] = transition(permitMachine, restored, { type: 'authority.hearingEnded', at: T.hearingEnd });
    expect(next.value).toEqual({ submitted: 'underReview' });
  });

  it('the persisted JSON also restores via machine.resolveState and createActor', () => {
    const persisted = JSON.parse(JSON.stringify(permitMachine.getPersistedSnapshot(inHearing)));
    const resolved = permitMachine.resolveState({ value: persisted.value, context: persisted.context });
    expect(resolved.value).toEqual(inHearing.value);
    expect(resolved.can({ type: 'authority.hearingEnded', at: T.hearingEnd })).toBe(true);
    const actor = createActor(permitMachine, { snapshot: persisted, input: { ...persisted.context } });
    actor.start();
    actor.send({ type: 'authority.hearingEnded', at: T.hearingEnd });
    expect(actor.getSnapshot().value).toEqual({ submitted: 'underReview' });
    actor.stop();
  });

  it('a finished permit round-trips as done and accepts nothing', () => {
    const final = run(run(start(), toDecision), [{ type: 'appeal.periodExpired', at: T.afterAppeal }]);
    const restored = restorePermitSnapshot(persistPermitSnapshot(final), PERMIT_MACHINE_VERSION);
    expect(restored.status).toBe('done');
    expect(restored.value).toBe('final');
  });

  it("migrates the v0 fixture: 'inReview' becomes submitted.underReview, context gains v1 fields", () => {
    const restored = restorePermitSnapshot(JSON.stringify(v0Fixture), 0);
    expect(restored.value).toEqual({ submitted: 'underReview' });
    expect(restored.hasTag('clockRunning')).toBe(true);
    expect(restored.context).toMatchObject({
      permitCode: 'MILJOEGODKENDELSE',
      hearingMinDuration: { unit: 'calendarDays', length: 28 },
      infoRequestRounds: 1,
      infoRequests: [],
      clockStopsWhileAwaitingApplicant: true,
      completeAt: '2026-02-16T13:00:00.000Z',
    });
    expect(restored.can({ type: 'authority.hearingStarted', at: T.hearingStart, earliestEndAt: T.hearingEarliestEnd })).toBe(true);
    // Re-persisting writes the current version's shape.
    expect(persistPermitSnapshot(restored).value).toEqual({ submitted: 'underReview' });
  });

  it('a migrated v0 snapshot in infoRequested returns to review after the answer', () => {
    const v0 = { ...v0Fixture, value: 'infoRequested' };
    const restored = restorePermitSnapshot(v0, 0);
    const [next] = transition(permitMachine, restored, { type: 'applicant.infoProvided', at: T.hearingStart });
    expect(next.value).toEqual({ submitted: 'underReview' });
  });

  it('rejects unknown versions with PERMIT.SNAPSHOT_VERSION_UNSUPPORTED', () => {
    for (const v of [2, 99, -1, 1.5]) {
      expect(() => restorePermitSnapshot(JSON.stringify(v0Fixture), v)).toThrow(SnapshotVersionError);
    }
    expect(() => restorePermitSnapshot('{}', 7)).toThrow(expect.objectContaining({ code: 'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED' }));
  });

  it('rejects JSON that does not fit the machine', () => {
    expect(() => restorePermitSnapshot('not json', 1)).toThrow(SnapshotInvalidError);
    expect(() => restorePermitSnapshot({ status: 'active', value: 'nowhere', context: {} }, 1)).toThrow(SnapshotInvalidError);
    expect(() => restorePermitSnapshot({ ...v0Fixture, value: 'inLimbo' }, 0)).toThrow(SnapshotInvalidError);
  });
});
