import { parseIfMatch } from './errors';

describe('parseIfMatch', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"17"', 17],
    [' "42" ', 42],
  ])('reads %s as version %d', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('asks for the header when it is missing (428)', () => {
    expect(() => parseIfMatch(undefined)).toThrow(expect.objectContaining({ code: 'CONCURRENCY.PRECONDITION_REQUIRED' }));
    expect(() => parseIfMatch('  ')).toThrow(expect.objectContaining({ code: 'CONCURRENCY.PRECONDITION_REQUIRED' }));
  });

  it.each(['*', '"a"', '"1", "2"', '-1', '1.5', '9999999999'])('refuses %s', (header) => {
    expect(() => parseIfMatch(header)).toThrow(expect.objectContaining({ code: 'CONCURRENCY.IF_MATCH_INVALID' }));
  });
});
