import type { EntityManager } from 'typeorm';
import { createDataSource } from '@rl/migrations';
import { preparedQuery, statementName } from '@rl/db';
import { testConfig } from './support/env';

/** Named prepared statements on TypeORM's connections (libs/server/db/src/lib/prepared.ts). */
describe('preparedQuery (real PostgreSQL)', () => {
  const ds = createDataSource(testConfig().DATABASE_URL, { extra: { max: 2 } });
  beforeAll(() => ds.initialize());
  afterAll(() => ds.destroy());

  it('runs outside a transaction on a pooled connection and gives rows and rowCount', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await preparedQuery<{ x: number }>(ds, 'SELECT $1::int AS x', [i]);
      expect(r).toEqual({ rows: [{ x: i }], rowCount: 1 });
    }
  });

  it('prepares the statement once per connection, under the digest of its text', async () => {
    const text = 'SELECT $1::text AS echo';
    await ds.transaction(async (m) => {
      await preparedQuery(m, text, ['a']);
      await preparedQuery(m, text, ['b']);
      const rows: { name: string; statement: string }[] = await m.query(`SELECT name, statement FROM pg_prepared_statements WHERE name = $1`, [statementName(text)]);
      expect(rows).toEqual([{ name: statementName(text), statement: text }]);
    });
    expect(statementName(text)).not.toBe(statementName(`${text} `));
  });

  it('runs inside the manager transaction (sees its uncommitted writes) and refuses a released one', async () => {
    let kept: EntityManager | null = null;
    await ds.transaction(async (m) => {
      kept = m;
      const [{ txid }] = await m.query(`SELECT txid_current()::text AS txid`);
      const { rows } = await preparedQuery<{ txid: string }>(m, `SELECT txid_current()::text AS txid`, []);
      expect(rows[0].txid).toBe(txid);
    });
    await expect(preparedQuery(kept as unknown as EntityManager, 'SELECT 1 AS one', [])).rejects.toThrow(/already released/);
  });

  it('rolls back with the transaction it ran in', async () => {
    await ds.query(`CREATE TABLE IF NOT EXISTS prepared_probe (v int)`);
    await ds
      .transaction(async (m) => {
        await preparedQuery(m, `INSERT INTO prepared_probe (v) VALUES ($1)`, [42]);
        throw new Error('abort');
      })
      .catch(() => undefined);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM prepared_probe WHERE v = 42`);
    expect(n).toBe(0);
    await ds.query(`DROP TABLE prepared_probe`);
  });
});
