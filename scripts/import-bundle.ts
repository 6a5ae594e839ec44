/**
 * `npm run import-bundle -- <bundle.zip> [--actor <operator name>]`: imports a case bundle
 * exported by another Rød Løber instance (GET /api/v1/cases/{id}/bundle) as a read-only record,
 * checked against its manifest. Idempotent (the same bundle again changes nothing) and audited
 * (case_import_log). Exit code 0 imported / already imported, 1 refused.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { loadConfig } from '@rl/config';
import { createDataSource } from '@rl/migrations';
import { createDocumentStorage } from '../apps/api/src/documents/storage/storage.provider';
import { importBundle } from '../apps/api/src/exchange/import-bundle';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const actorAt = args.indexOf('--actor');
  const actor = actorAt >= 0 ? args[actorAt + 1] : `cli:${userInfo().username}`;
  if (!file || !actor) throw new Error('usage: npm run import-bundle -- <bundle.zip> [--actor <name>]');
  const config = loadConfig();
  const ds = createDataSource(config.DATABASE_URL, { extra: { max: 2 } });
  await ds.initialize();
  try {
    const r = await importBundle(ds, createDocumentStorage(config), new Uint8Array(readFileSync(file)), actor);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return r.status === 'refused' ? 1 : 0;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`import-bundle: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
