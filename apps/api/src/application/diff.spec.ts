import { diffFields } from './diff';

describe('diffFields', () => {
  it('lists changed, added and removed leaves as JSON Pointers, arrays of objects item by item', () => {
    const before = { a: { b: 1, c: 'x' }, list: [{ m: '1' }], tags: ['p'] };
    const after = { a: { b: 2 }, list: [{ m: '1' }, { m: '2' }], tags: ['p', 'q'], 'x/y': true };
    expect(diffFields(before, after, '/shared')).toEqual([
      { pointer: '/shared/a/b', before: 1, after: 2 },
      { pointer: '/shared/a/c', before: 'x', after: null },
      { pointer: '/shared/list/1/m', before: null, after: '2' },
      { pointer: '/shared/tags', before: ['p'], after: ['p', 'q'] },
      { pointer: '/shared/x~1y', before: null, after: true },
    ]);
    expect(diffFields(before, before, '')).toEqual([]);
  });
});
