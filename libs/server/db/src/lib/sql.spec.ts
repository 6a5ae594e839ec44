import { sql } from './sql';

describe('sql tag', () => {
  it('numbers placeholders in order and keeps the values beside them', () => {
    const q = sql`SELECT * FROM permits WHERE id = ${'p1'} AND version = ${3}`;
    expect(q.text).toBe('SELECT * FROM permits WHERE id = $1 AND version = $2');
    expect(q.values).toEqual(['p1', 3]);
  });

  it('renumbers nested fragments into one sequence, whatever their position', () => {
    const where = sql.join([sql`a = ${1}`, sql`b = ${'x'}`, sql`c = ANY(${[1, 2]})`], ' AND ');
    const q = sql`WITH up AS (UPDATE t SET v = ${true} WHERE ${where}) SELECT ${'last'}`;
    expect(q.text).toBe('WITH up AS (UPDATE t SET v = $1 WHERE a = $2 AND b = $3 AND c = ANY($4)) SELECT $5');
    expect(q.values).toEqual([true, 1, 'x', [1, 2], 'last']);
  });

  it('a fragment used twice adds its values twice (each use is its own placeholder)', () => {
    const rank = sql`${2}::int`;
    const q = sql`SET r = ${rank} WHERE r <> ${rank}`;
    expect(q.text).toBe('SET r = $1::int WHERE r <> $2::int');
    expect(q.values).toEqual([2, 2]);
  });

  it('raw text and an empty join add no placeholders', () => {
    const q = sql`SELECT ${sql.raw('id, kind')} FROM x ${sql.join([], ' AND ')}WHERE y = ${null}`;
    expect(q.text).toBe('SELECT id, kind FROM x WHERE y = $1');
    expect(q.values).toEqual([null]);
  });
});
