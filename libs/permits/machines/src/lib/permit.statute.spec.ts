/**
 * Issue 13 in the permit machine: hearing earliest close after the last day for objections
 * (item 6, PL §24(3)), the lawful hearing minimum the caseworker chooses (item 7, PL §24(3)–(6)),
 * and notices/opinions without an appeal period (item 3).
 */
import { getPermitType } from '@rl/permits-catalog';
import {
  applyPermitEvent,
  EventNotAllowedError,
  PERMIT_MACHINE_VERSION,
  permitInputFromCatalog,
  persistPermitSnapshot,
  restorePermitSnapshot,
} from '../index';
import type { PermitEvent } from './permit.types';
import { run, start } from './test-helpers';

const inputFor = (code: string) => permitInputFromCatalog(getPermitType(code, '2025.2'), '2025.2', []);
const reviewFrom = (code: string, day: string) =>
  run(start(inputFor(code)), [
    { type: 'application.submitted', at: `${day}T07:00:00.000Z` },
    { type: 'authority.completenessConfirmed', at: `${day}T07:30:00.000Z` },
  ]);
const hearingStarted = (at: string, extra: Partial<Extract<PermitEvent, { type: 'authority.hearingStarted' }>> = {}): PermitEvent => ({
  type: 'authority.hearingStarted',
  at,
  earliestEndAt: at, // the host's value; the machine computes the lawful one itself
  ...extra,
});

describe('hearing earliest close (item 6; PL §24(3) "mindst 8 uger")', () => {
  const inHearing = run(reviewFrom('LOKALPLAN', '2025-09-01'), [hearingStarted('2025-09-01T08:00:00.000Z')]);

  it('an 8-week hearing from 1 Sep 2025 may close at 00:00 on 28 Oct 2025 local, after the last day for objections (27 Oct)', () => {
    expect(inHearing.context.hearingEarliestEndAt).toBe('2025-10-27T23:00:00.000Z');
    expect(inHearing.context.hearingMinimumBasis).toBe('PL_24_3');
  });
  it('not at 00:00 on 27 Oct local, nor during that day; from 00:00 on 28 Oct', () => {
    expect(inHearing.can({ type: 'authority.hearingEnded', at: '2025-10-26T23:00:00.000Z' })).toBe(false);
    expect(inHearing.can({ type: 'authority.hearingEnded', at: '2025-10-27T22:59:59.000Z' })).toBe(false);
    expect(inHearing.can({ type: 'authority.hearingEnded', at: '2025-10-27T23:00:00.000Z' })).toBe(true);
  });
  it('the hearingMinimumEnd deadline is scheduled at the lawful instant, not the host value', () => {
    const review = reviewFrom('LOKALPLAN', '2025-09-01');
    const applied = applyPermitEvent(review, hearingStarted('2025-09-01T08:00:00.000Z', { earliestEndAt: '2025-10-26T23:00:00.000Z' }), 'caseworker');
    expect(applied.effects).toContainEqual({ type: 'deadline.schedule', params: { kind: 'hearingMinimumEnd', dueAt: '2025-10-27T23:00:00.000Z' } });
  });
  it('a permit snapshot written before this change (no minimum options in context) still computes the lawful close', () => {
    const review = reviewFrom('LOKALPLAN', '2025-09-01');
    const persisted = persistPermitSnapshot(review) as { context: Record<string, unknown> };
    delete persisted.context.hearingMinimumOptions;
    delete persisted.context.hearingMinimumBasis;
    const restored = restorePermitSnapshot(JSON.stringify(persisted), PERMIT_MACHINE_VERSION);
    const s = run(restored, [hearingStarted('2025-09-01T08:00:00.000Z')]);
    expect(s.context.hearingEarliestEndAt).toBe('2025-10-27T23:00:00.000Z');
    expect(s.context.hearingMinimumBasis).toBe('CATALOGUE');
  });
});

describe('local-plan hearing minimum chosen by the caseworker (item 7; PL §24(5)–(6))', () => {
  const startAt = '2026-03-02T08:00:00.000Z'; // 2 March 2026, CET

  it('§24(5): any local plan may be heard for 4 weeks; the basis is recorded', () => {
    const s = run(reviewFrom('LOKALPLAN', '2026-03-02'), [hearingStarted(startAt, { minimumBasis: 'PL_24_5' })]);
    expect(s.context.hearingMinimumBasis).toBe('PL_24_5');
    // Objections through Monday 30 March; close from 00:00 CEST on 31 March.
    expect(s.context.hearingEarliestEndAt).toBe('2026-03-30T22:00:00.000Z');
  });
  it('§24(6): a minor local plan may be heard for 2 weeks', () => {
    const s = run(reviewFrom('LOKALPLAN', '2026-03-02'), [hearingStarted(startAt, { minimumBasis: 'PL_24_6' })]);
    expect(s.context.hearingEarliestEndAt).toBe('2026-03-16T23:00:00.000Z');
    expect(s.can({ type: 'authority.hearingEnded', at: '2026-03-16T22:59:00.000Z' })).toBe(false);
    expect(s.can({ type: 'authority.hearingEnded', at: '2026-03-16T23:00:00.000Z' })).toBe(true);
  });
  it('a basis the law does not offer for the permit is refused: 2 weeks for a municipal plan amendment, an invented 1-week basis', () => {
    const amendment = reviewFrom('KOMMUNEPLANTILLAEG', '2026-03-02');
    expect(amendment.can(hearingStarted(startAt, { minimumBasis: 'PL_24_6' }))).toBe(false);
    expect(amendment.can(hearingStarted(startAt, { minimumBasis: 'PL_24_4' }))).toBe(true);
    const lokalplan = reviewFrom('LOKALPLAN', '2026-03-02');
    expect(() => applyPermitEvent(lokalplan, hearingStarted(startAt, { minimumBasis: 'ONE_WEEK' }), 'caseworker')).toThrow(EventNotAllowedError);
  });
  it('a permit without optional minimums accepts only its catalogue minimum (landzone neighbours, PL §35(4): 2 weeks)', () => {
    const landzone = reviewFrom('LANDZONE', '2026-03-02');
    expect(landzone.can(hearingStarted(startAt, { minimumBasis: 'PL_24_6' }))).toBe(false);
    expect(landzone.can(hearingStarted(startAt, { minimumBasis: 'CATALOGUE' }))).toBe(true);
  });
});

describe('notices and opinions have no appeal period (item 3)', () => {
  it.each(['CONSTRUCTION_SITE_NOTICE', 'ARCHAEOLOGY'])('%s is final when given, with no appeal period', (code) => {
    expect(inputFor(code).appealApplies).toBe(false);
    const s = run(reviewFrom(code, '2026-03-02'), [
      { type: 'authority.decisionIssued', at: '2026-03-03T09:00:00.000Z', outcome: 'granted', reason: 'noted' },
    ]);
    expect(s.value).toBe('final');
    expect(s.context.finalAt).toBe('2026-03-03T09:00:00.000Z');
  });
  it('a decision (MBL §93: 4 weeks) still waits for its appeal period', () => {
    expect(inputFor('MILJOEGODKENDELSE').appealApplies).toBe(true);
  });
});
