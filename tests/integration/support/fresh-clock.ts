import { Client } from 'pg';

/**
 * Every integration test file starts on wall time. The test clock is shared through PostgreSQL
 * (the one-row `app_clock` table) by every API and worker under ENABLE_TEST_CLOCK=1, so without
 * this a file would inherit the clock the previous file left set (before the clock was shared,
 * each in-process API started with its own clock at wall time).
 */
// Every integration test is a multi-step conversation with a real API, PostgreSQL and Redis
// (hooks start an API, generate keys, seed data): Jest's 5 s default fails them on a busy machine
// without saying anything about the product. A file may still set its own, longer limit.
jest.setTimeout(60_000);

beforeAll(async () => {
  if (!process.env.DATABASE_URL) return;
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE app_clock SET offset_ms = 0, set_to = NULL, updated_at = now()`);
  } finally {
    await client.end();
  }
});
