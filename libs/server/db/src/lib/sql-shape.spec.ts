import { sql, type Sql } from './sql';

const pick = (id: string, withVersion: boolean, order: string): Sql =>
  sql`SELECT * FROM permits WHERE id = ${id}${withVersion ? sql` AND version = ${1}` : sql``} ORDER BY ${sql.raw(order)}`;

describe('Sql.shapeKey (equal exactly when the texts are equal)', () => {
  it('does not depend on the values', () => {
    expect(pick('a', true, 'code').shapeKey).toBe(pick('b', true, 'code').shapeKey);
    expect(pick('a', true, 'code').text).toBe(pick('b', true, 'code').text);
  });

  it('differs when an optional part is left out or a raw part differs', () => {
    const keys = [pick('a', true, 'code'), pick('a', false, 'code'), pick('a', true, 'created_at')].map((q) => q.shapeKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('tells joined lists of different lengths and separators apart', () => {
    const a = sql`x = ${1}`;
    const b = sql`y = ${2}`;
    const keys = [sql.join([a], ' AND '), sql.join([a, b], ' AND '), sql.join([a, b], ' OR ')].map((q) => q.shapeKey);
    expect(new Set(keys).size).toBe(3);
  });
});
