/**
 * Database commands (run through scripts/run.js, which resolves DATABASE_URL first):
 *   migrate            apply pending migrations (each in its own transaction)
 *   revert             undo the last migration
 *   seed               idempotent demo seed (product.md "Demo seed")
 *   create <VerbNoun>  write an empty migration named <unixMs>-<VerbNoun>.ts
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@rl/config';
import { createDataSource } from '@rl/migrations';

async function main(): Promise<void> {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'create') {
    if (!arg || !/^[A-Z][A-Za-z0-9]+$/.test(arg)) throw new Error('usage: db create <VerbNoun> (PascalCase, e.g. AddDueDateToPermits)');
    const ts = Date.now();
    const file = join(__dirname, '..', 'migrations', `${ts}-${arg}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${arg}${ts} implements MigrationInterface {\n  name = '${arg}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n    await q.query(\`\`);\n  }\n}\n`,
    );
    console.log(`created ${file} — add it to migrations/index.ts`);
    return;
  }
  const config = loadConfig();
  const ds = createDataSource(config.DATABASE_URL, { extra: { max: 2 } });
  await ds.initialize();
  try {
    if (cmd === 'migrate') {
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(done.length ? `migrations applied: ${done.map((m) => m.name).join(', ')}` : 'migrations: database is up to date');
    } else if (cmd === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (cmd === 'seed') {
      const { seedAll } = await import('@rl/seeds');
      const summary = await seedAll(ds);
      console.log(`seed: ${JSON.stringify(summary)}`);
      const { runDemoCaseSeed } = await import('../apps/api/src/demo/seed-demo-cases');
      const demo = await runDemoCaseSeed();
      console.log(`seed: demo cases created ${JSON.stringify(demo.created)}, already present ${JSON.stringify(demo.skipped)}`);
    } else {
      throw new Error(`unknown command '${cmd}' (migrate | revert | seed | create <Name>)`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(`db: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
