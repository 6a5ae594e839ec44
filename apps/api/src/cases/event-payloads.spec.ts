import { parseCaseEvent, parsePermitEvent } from './event-payloads';

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string; errors: { field: string; code: string }[] }).errors.map((x) => `${x.field}:${x.code}`);
  }
  throw new Error('expected a validation error');
};

describe('permit event payloads', () => {
  it('accepts a decision with outcome, conditions and reason', () => {
    expect(parsePermitEvent({ type: 'authority.decisionIssued', outcome: 'grantedWithConditions', conditions: ['Noise ≤ 45 dB'], reason: 'BAT met' })).toEqual({
      type: 'authority.decisionIssued',
      payload: { outcome: 'grantedWithConditions', conditions: ['Noise ≤ 45 dB'], reason: 'BAT met' },
    });
  });

  it('refuses an unknown event type and lists the valid ones', () => {
    expect(errorsOf(() => parsePermitEvent({ type: 'authority.approved' }))).toEqual(['type:UNKNOWN_EVENT_TYPE']);
  });

  it('refuses a client-set `at` (the host sets the time) and other unknown fields', () => {
    expect(errorsOf(() => parsePermitEvent({ type: 'authority.hearingEnded', at: '2020-01-01T00:00:00Z' }))).toEqual(['at:UNKNOWN_FIELD']);
  });

  it('a hearing start may name the legal basis of its minimum (issue 13 item 7); the machine decides if it is lawful', () => {
    expect(parsePermitEvent({ type: 'authority.hearingStarted', minimumBasis: 'PL_24_6' })).toEqual({ type: 'authority.hearingStarted', payload: { minimumBasis: 'PL_24_6' } });
    expect(parsePermitEvent({ type: 'authority.hearingStarted' })).toEqual({ type: 'authority.hearingStarted', payload: {} });
    expect(errorsOf(() => parsePermitEvent({ type: 'authority.hearingStarted', minimumBasis: '2 weeks please' }))).toEqual(['minimumBasis:INVALID_FORMAT']);
  });

  it('requires the question of an info request and checks its date is a real date', () => {
    expect(errorsOf(() => parsePermitEvent({ type: 'authority.infoRequested' }))).toEqual(['question:INVALID_TYPE']);
    expect(errorsOf(() => parsePermitEvent({ type: 'authority.infoRequested', question: 'Why?', dueOn: '2027-02-30' }))).toEqual(['dueOn:CUSTOM']);
  });

  it('appeal outcomes (issue 13 item 1): the old values keep working; changed carries the board’s conditions and only it does', () => {
    expect(parsePermitEvent({ type: 'appeal.decided', outcome: 'upheld' }).payload).toEqual({ outcome: 'upheld' });
    expect(parsePermitEvent({ type: 'appeal.decided', outcome: 'overturned', reason: 'r' }).payload).toEqual({ outcome: 'overturned', reason: 'r' });
    expect(parsePermitEvent({ type: 'appeal.decided', outcome: 'remitted' }).payload).toEqual({ outcome: 'remitted' });
    expect(parsePermitEvent({ type: 'appeal.decided', outcome: 'changed', conditions: [] }).payload).toEqual({ outcome: 'changed', conditions: [] });
    expect(errorsOf(() => parsePermitEvent({ type: 'appeal.decided', outcome: 'changed' }))).toEqual(['conditions:CUSTOM']);
    expect(errorsOf(() => parsePermitEvent({ type: 'appeal.decided', outcome: 'upheld', conditions: ['x'] }))).toEqual(['conditions:CUSTOM']);
    expect(errorsOf(() => parsePermitEvent({ type: 'appeal.decided', outcome: 'annulled' }))).toEqual(['outcome:INVALID_VALUE']);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf(() => parsePermitEvent([1, 2]))).toEqual(['(body):NOT_AN_OBJECT']);
    expect(errorsOf(() => parsePermitEvent(null))).toEqual(['(body):NOT_AN_OBJECT']);
  });
});

describe('case event payloads', () => {
  it('accepts a withdrawal with a reason and refuses unknown case events', () => {
    expect(parseCaseEvent({ type: 'case.withdrawn', reason: 'Project stopped' }).payload).toEqual({ reason: 'Project stopped' });
    expect(errorsOf(() => parseCaseEvent({ type: 'case.approved' }))).toEqual(['type:UNKNOWN_EVENT_TYPE']);
  });
});
