/**
 * Database commands (run through scripts/run.js, which resolves DATABASE_URL first):
 *   migrate            apply pending migrations (each in its own transaction), then the audited
 *                      catalogue upgrade of running permits (issue 13 item 13)
 *   revert             undo the last migration
 *   seed               idempotent demo seed (product.md "Demo seed")
 *   logins             print the demo logins (no database; `npm start` prints them)
 *   create <VerbNoun>  write an empty migration named <unixMs>-<VerbNoun>.ts
 *   link-admin --issuer <iss> --sub <sub> [--username admin] [--display-name …] [--email …]
 *                      link the first admin's OIDC identity (creates the admin user when missing)
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@rl/config';
import { createDataSource } from '@rl/migrations';
import type { DataSource } from 'typeorm';

/** `--name value` pairs after the command. */
function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i], args[i + 1]];
    if (!k?.startsWith('--') || v === undefined) throw new Error(`expected --name value pairs, got '${k}'`);
    out[k.slice(2)] = v;
  }
  return out;
}

/**
 * Bootstrap for AUTH_MODE=oidc: nobody can log in until an (issuer, subject) pair is linked, and
 * only admins link them in the API. The operator (database access = trusted) links the first
 * admin here; audited as actor 'cli'. Refuses a username that belongs to a non-admin.
 */
async function linkAdmin(ds: DataSource, args: string[]): Promise<void> {
  const f = flags(args);
  const issuer = f.issuer ?? process.env.OIDC_ISSUER;
  const subject = f.sub;
  const username = f.username ?? 'admin';
  if (!issuer || !subject) throw new Error('usage: link-admin --issuer <OIDC issuer URL> --sub <subject> [--username admin] [--display-name …] [--email …]');
  const { linkIdentity, audit } = await import('../apps/api/src/admin-users/directory-admin');
  await ds.transaction(async (m) => {
    let [user] = await m.query(`SELECT id, role FROM users WHERE username = $1 FOR UPDATE`, [username]);
    if (user && user.role !== 'admin') throw new Error(`user '${username}' is a ${user.role}, not an admin`);
    if (!user) {
      [user] = await m.query(`INSERT INTO users (username, display_name, email, role) VALUES ($1, $2, $3, 'admin') RETURNING id, role`, [
        username,
        f['display-name'] ?? 'Administrator',
        f.email ?? '',
      ]);
      await audit(m, { kind: 'cli' }, 'user.created', user.id, { username });
    }
    await linkIdentity(m, { kind: 'cli' }, user.id, issuer, subject);
    console.log(`link-admin: ${issuer} / ${subject} → user '${username}' (${user.id})`);
  });
}

async function main(): Promise<void> {
  const [cmd, arg, ...rest] = process.argv.slice(2);
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
  if (cmd === 'logins') {
    // From the seed's own list, so the printed logins cannot drift from the seeded users.
    const { demoLoginLines } = await import('@rl/seeds');
    console.log(demoLoginLines().join('\n'));
    return;
  }
  const config = loadConfig();
  const ds = createDataSource(config.DATABASE_URL, { extra: { max: 2 } });
  await ds.initialize();
  try {
    if (cmd === 'migrate') {
      const done = await ds.runMigrations({ transaction: 'each' });
      console.log(done.length ? `migrations applied: ${done.map((m) => m.name).join(', ')}` : 'migrations: database is up to date');
      // Data step after the schema (issue 13 item 13): running permits move to the newest
      // catalogue version where it corrects the law, audited; a no-op once done.
      const { upgradeRunningPermits } = await import('@rl/case-engine');
      const upgrade = await upgradeRunningPermits(ds, new Date());
      console.log(`catalogue upgrade to ${upgrade.toVersion}: ${upgrade.moved} running permits moved, ${upgrade.finalized} notices made final${upgrade.skipped.length ? `, ${upgrade.skipped.length} skipped (unreadable snapshot: ${upgrade.skipped.map((s) => s.permitId).join(', ')})` : ''}`);
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
    } else if (cmd === 'link-admin') {
      await linkAdmin(ds, [arg, ...rest].filter((a) => a !== undefined));
    } else {
      throw new Error(`unknown command '${cmd}' (migrate | revert | seed | logins | create <Name> | link-admin --issuer … --sub …)`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(`db: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
