import { statusForCode } from './error-status';

describe('statusForCode (the one code → HTTP status table)', () => {
  it.each([
    ['PERMIT.EVENT_NOT_ALLOWED', 422],
    ['CONCURRENCY.VERSION_CONFLICT', 409],
    ['CONCURRENCY.PRECONDITION_REQUIRED', 428],
    ['REQUEST.TOO_LARGE', 413],
    ['SCREENING.INVALID_FACTS', 422],
    ['AUTH.UNAUTHENTICATED', 401],
    ['AUTH.FORBIDDEN', 403],
    ['CASE.NOT_FOUND', 404],
    ['DOCUMENT.NOT_FOUND', 404],
    ['FOO.ALREADY_EXISTS', 409],
    ['CLOCK.INVALID_STOP', 400],
  ])('%s → %d', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('never turns an unclassified domain error into a 5xx', () => {
    expect(statusForCode('SOMETHING.ODD')).toBe(422);
  });
});
