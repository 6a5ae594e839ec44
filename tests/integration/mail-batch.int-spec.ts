import type { Job } from 'bullmq';
import { MailerService } from '@rl/mailer';
import { JOB_SEND_EMAIL, JOB_SEND_EMAIL_BATCH } from '@rl/queues';
import { NotificationsProcessor } from '../../apps/worker/src/processors';
import { MailCatcher } from './support/mail';
import { createCase, SIMPLE_FACTS, TestApi } from './support/http';
import { testConfig } from './support/env';

/**
 * Issue 20 item 2: e-mails go in batches. Jobs whose batches overlap, running at the same time
 * (a relay batch re-published after a crash, a sweep's batch, a single job), send every e-mail
 * once: each claims its rows in PostgreSQL (`FOR UPDATE`, batches `SKIP LOCKED`).
 */
describe('e-mail batches (real PostgreSQL + SMTP sink)', () => {
  const mail = new MailCatcher();
  beforeAll(() => mail.start());
  const api = TestApi.forSuite();
  afterAll(() => mail.stop());

  it('sends each notification of overlapping concurrent batches exactly once, with its stable Message-ID', async () => {
    const c = await createCase(api, 'anna@nordlys.example', SIMPLE_FACTS, `Mail batch ${Date.now()}`);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      // decisionIssued is legally required: sent at once whatever the recipient's preferences.
      const [{ id }] = await api.ds.query(
        `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
         VALUES ((SELECT id FROM users WHERE username = 'anna@nordlys.example'), 'decisionIssued', $1, 'd', 'x', $2, $3::jsonb, 'pending') RETURNING id`,
        [c.id, `mail-batch-${c.id}-${i}`, JSON.stringify({ caseReference: c.reference, caseTitle: c.title })],
      );
      ids.push(id);
    }
    mail.delayMs = 300; // slow DATA replies: the three jobs overlap in time
    const config = testConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port) });
    const mailer = new MailerService(config);
    const processor = new NotificationsProcessor(config, api.ds, mailer);
    const batch = (notificationIds: string[]) => processor.process({ name: JOB_SEND_EMAIL_BATCH, data: { notificationIds } } as Job<{ notificationIds: string[] }>);
    try {
      await Promise.all([batch(ids.slice(0, 4)), batch(ids.slice(2)), processor.process({ name: JOB_SEND_EMAIL, data: { notificationId: ids[3] } } as Job<{ notificationId: string }>)]);
      const rows: { id: string; email_status: string }[] = await api.ds.query(`SELECT id, email_status FROM notifications WHERE id = ANY($1::uuid[])`, [ids]);
      expect(rows.map((r) => r.email_status)).toEqual(ids.map(() => 'sent'));
      const sent = mail.messages.map((m) => m.messageId ?? '').filter((m) => ids.some((id) => m.includes(id)));
      expect(sent.sort()).toEqual(ids.map((id) => `<notification-${id}@rodlober.example>`).sort());

      // Again (a duplicate job after the fact): nothing left to send.
      expect(await batch(ids)).toEqual(expect.objectContaining({ sent: 0 }));
      expect(mail.messages.filter((m) => ids.some((id) => (m.messageId ?? '').includes(id)))).toHaveLength(ids.length);
    } finally {
      mail.delayMs = 0;
      mailer.onApplicationShutdown();
    }
  }, 60_000);
});
