/**
 * Settle: stop the workload, let every background restart finish, then a clean worker restart,
 * two sweeps via the test clock (the second at the same instant must fire nothing), and a bounded
 * wait until the outbox is relayed and every notification e-mailed.
 */
'use strict';

const { withTimeout } = require('../lib/harness');
const { DAY, log, sleep } = require('./common');

async function settle(ctx, work, chaos) {
  const { api, worker, pg } = ctx;
  work.stopped = true;
  await withTimeout(chaos.running, 60_000, 'workload stop').catch((e) => log(e.message));
  if (chaos.apiRestarting) await chaos.apiRestarting;
  if (chaos.workerRestarting) await chaos.workerRestarting;
  if (!api.alive()) await ctx.startApi();
  log('settling: clean worker restart, sweep via the test clock, outbox and e-mail drain');
  await worker.kill('SIGTERM', 20_000);
  await ctx.startWorker();
  ctx.clock.now += DAY;
  const sweep1 = await ctx.setClockUngated();
  const sweep2 = await ctx.setClockUngated(); // a second sweep at the same instant must fire nothing
  const finalClock = ctx.clock.now;
  let settled = false;
  const settleStart = Date.now();
  let last = null;
  while (Date.now() - settleStart < 100_000) {
    const [{ outbox, pending, webhooks }] = (
      await pg.query(
        `SELECT (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS outbox, (SELECT count(*)::int FROM notifications WHERE email_status <> 'sent') AS pending,
                (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending') AS webhooks`,
      )
    ).rows;
    last = { outbox, pending, webhooks };
    if (outbox === 0 && pending === 0 && webhooks === 0) {
      settled = true;
      break;
    }
    await sleep(500);
  }
  await sleep(1500); // a duplicate send would arrive now
  log(`settled ${settled ? 'in' : 'NOT within'} ${((Date.now() - settleStart) / 1000).toFixed(1)} s (outbox unsent ${last.outbox}, e-mails pending ${last.pending}, webhooks pending ${last.webhooks}); final sweeps fired ${sweep1.sweep.alertsFired} then ${sweep2.sweep.alertsFired}`);
  await worker.kill('SIGTERM', 20_000);
  return { settled, sweep1, sweep2, finalClock };
}

module.exports = { settle };
