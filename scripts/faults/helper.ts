/**
 * TypeScript helpers for scripts/faults/run.js (run with `node -r @swc-node/register`):
 *   seed     seed the demo directory (organisations, authorities, users) into DATABASE_URL
 *   desired  print, as JSON, the deadline alerts every permit's clocks want right now
 *            (the product's own desiredAlerts(), so the invariant uses the same rule)
 *   webhooks print, as JSON, the (endpoint, outbox row) pairs the webhook fan-out owes for every
 *            relayed outbox row (the product's own mapping and scoping)
 */
import 'reflect-metadata';
import { createDataSource } from '@rl/migrations';
import { seedAll } from '@rl/seeds';
import type { PermitRow } from '@rl/case-engine';
import { desiredAlerts } from '../../libs/server/case-engine/src/lib/alerts';
import { fanOutTargets, webhookEventOf, type WebhookEvent } from '@rl/webhooks';

async function main(): Promise<void> {
  const cmd = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const ds = createDataSource(url, { extra: { max: 2 } });
  await ds.initialize();
  try {
    if (cmd === 'seed') {
      const summary = await seedAll(ds);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else if (cmd === 'desired') {
      const rows = (await ds.query(`SELECT * FROM permits`)) as PermitRow[];
      const out = rows.map((r) => ({ permitId: r.id, alerts: desiredAlerts(r).map((a) => ({ clock: a.clock, threshold: a.threshold, dueAt: a.dueAt.toISOString() })) }));
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else if (cmd === 'webhooks') {
      const rows = (await ds.query(`SELECT id::text AS id, type, payload, created_at FROM outbox ORDER BY id`)) as { id: string; type: string; payload: Record<string, unknown>; created_at: Date }[];
      const events = rows.map((r) => webhookEventOf(r, new Date(r.created_at))).filter((e): e is WebhookEvent => e !== null);
      process.stdout.write(`${JSON.stringify(await fanOutTargets(ds.manager, events))}\n`);
    } else {
      throw new Error(`unknown command '${cmd}' (seed | desired | webhooks)`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((e) => {
  process.stderr.write(`faults helper: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
