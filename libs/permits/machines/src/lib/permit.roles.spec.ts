import {
  allowedEvents,
  applyPermitEvent,
  EventNotAllowedError,
  PERMIT_EVENT_ROLES,
  PERMIT_EVENT_TYPES,
  permitInputFromCatalog,
  ROLES,
} from '../index';
import type { PermitType } from '@rl/permits-catalog';
import { run, start, T, toDecision } from './test-helpers';

describe('roles and allowed events', () => {
  it('every event type has at least one role and admin sends no permit events', () => {
    expect(Object.keys(PERMIT_EVENT_ROLES).sort()).toEqual([...PERMIT_EVENT_TYPES].sort());
    for (const t of PERMIT_EVENT_TYPES) expect(PERMIT_EVENT_ROLES[t].length).toBeGreaterThan(0);
    for (const t of PERMIT_EVENT_TYPES) expect(PERMIT_EVENT_ROLES[t]).not.toContain('admin');
  });

  it('authority.* events are caseworker-only; the appeal period expiry is system-only', () => {
    for (const t of PERMIT_EVENT_TYPES.filter((x) => x.startsWith('authority.'))) expect(PERMIT_EVENT_ROLES[t]).toEqual(['caseworker']);
    expect(PERMIT_EVENT_ROLES['appeal.periodExpired']).toEqual(['system']);
    expect(PERMIT_EVENT_ROLES['application.withdrawn']).toEqual(['applicant']);
  });

  it('lists, per role, what the machine accepts now', () => {
    const ready = start();
    expect(allowedEvents(ready, 'applicant', T.submitted)).toEqual(['application.submitted', 'application.withdrawn']);
    expect(allowedEvents(ready, 'caseworker', T.submitted)).toEqual([]);
    const review = run(ready, toDecision.slice(0, 2));
    expect(allowedEvents(review, 'caseworker', T.hearingStart)).toEqual([
      'authority.infoRequested',
      'authority.hearingStarted',
    ]);
    expect(allowedEvents(run(start({ hearingRequired: false }), toDecision.slice(0, 2)), 'caseworker', T.hearingStart)).toContain('authority.decisionIssued');
  });

  it('evaluates the hearing guard at the given now', () => {
    const hearing = run(start(), toDecision.slice(0, 3));
    expect(allowedEvents(hearing, 'caseworker', T.tooEarly)).toEqual([]);
    expect(allowedEvents(hearing, 'caseworker', T.hearingEarliestEnd)).toEqual(['authority.hearingEnded']);
  });

  it('evaluates the appeal period guard at the given now', () => {
    const decided = run(start(), toDecision);
    expect(allowedEvents(decided, 'system', T.decided)).toEqual(['appeal.lodged']);
    expect(allowedEvents(decided, 'system', T.afterAppeal)).toEqual(['appeal.lodged', 'appeal.periodExpired']);
    expect(allowedEvents(decided, 'coordinator', T.afterAppeal)).toEqual(['appeal.lodged']);
  });

  it('nobody may do anything in a final state', () => {
    const withdrawn = run(start(), [{ type: 'application.withdrawn', at: T.submitted }]);
    for (const role of ROLES) expect(allowedEvents(withdrawn, role, T.afterAppeal)).toEqual([]);
  });

  it('applyPermitEvent rejects a wrong role with PERMIT.EVENT_NOT_ALLOWED and lists allowed events', () => {
    const ready = start();
    let err: EventNotAllowedError | undefined;
    try {
      applyPermitEvent(ready, { type: 'application.submitted', at: T.submitted }, 'caseworker');
    } catch (e) {
      err = e as EventNotAllowedError;
    }
    expect(err).toBeInstanceOf(EventNotAllowedError);
    expect(err).toMatchObject({ code: 'PERMIT.EVENT_NOT_ALLOWED', eventType: 'application.submitted', role: 'caseworker', allowedEvents: [] });
  });

  it('applyPermitEvent rejects an event the state does not accept, listing what the role may send', () => {
    expect(() => applyPermitEvent(start(), { type: 'applicant.infoProvided', at: T.submitted }, 'applicant')).toThrow(
      expect.objectContaining({ code: 'PERMIT.EVENT_NOT_ALLOWED', allowedEvents: ['application.submitted', 'application.withdrawn'] }),
    );
  });
});

describe('permitInputFromCatalog', () => {
  const base: PermitType = {
    code: 'LANDZONETILLADELSE',
    nameDa: 'Landzonetilladelse',
    nameEn: 'Rural zone permit',
    legalBasis: 'PL §35',
    authority: { kind: 'municipality', level: 'municipal' },
    serviceTarget: { kind: 'serviceTarget', duration: { unit: 'weeks', length: 7 }, startsAt: 'completeApplication', stopsWhileAwaitingApplicant: true, source: 'KL' },
    statutoryDeadline: { unknown: true, note: 'none' },
    typicalDuration: { unit: 'weeks', length: 8 },
    hearing: { minDuration: { unit: 'weeks', length: 2 }, audience: 'neighbours', source: 'PL §35(4)' },
    appeal: { period: { unit: 'weeks', length: 4 }, deadlineRoll: { rule: 'saturdayOrHelligdagToNextHverdag', source: 'PL §60' }, body: 'PKN', suspendsPermit: true, usableOnlyAfterAppealPeriod: true, source: 'PL §60' },
    prerequisites: [{ code: 'MILJOEVURDERING', requires: 'final', why: 'EIA first' }],
    embeddedInHostDecision: false,
    source: 'row 3',
    unconfirmedFields: [],
  };

  it('derives hearing, appeal, clock and prerequisites from the entry', () => {
    expect(permitInputFromCatalog(base, '2025.1')).toEqual({
      permitCode: 'LANDZONETILLADELSE',
      catalogVersion: '2025.1',
      hearingRequired: true,
      hearingMinDuration: { unit: 'weeks', length: 2 },
      hearingMinimumOptions: [{ id: 'CATALOGUE', minDuration: { unit: 'weeks', length: 2 } }],
      appealApplies: true,
      appealSuspends: true,
      clockStopsWhileAwaitingApplicant: true,
      prerequisitesOpen: ['MILJOEVURDERING'],
    });
  });

  it('unknown hearing means no required hearing; unknown suspension means not suspending', () => {
    const input = permitInputFromCatalog(
      { ...base, hearing: { unknown: true, note: 'n/a' }, appeal: { ...base.appeal as object, suspendsPermit: { unknown: true, note: '?' } } as PermitType['appeal'] },
      '2025.1',
      [],
    );
    expect(input).toMatchObject({ hearingRequired: false, hearingMinDuration: null, appealSuspends: false, prerequisitesOpen: [] });
  });
});

describe('errors', () => {
  it('extend the shared DomainError with stable codes', async () => {
    const { DomainError } = await import('@rl/permits-catalog');
    const { SnapshotVersionError } = await import('../index');
    const e = new EventNotAllowedError('application.submitted', 'caseworker', 'ready', []);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.name).toBe('EventNotAllowedError');
    expect(new SnapshotVersionError(9, [0, 1])).toBeInstanceOf(DomainError);
  });
});
