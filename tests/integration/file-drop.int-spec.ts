/**
 * Issue 18 item 4: notifications leave through a pluggable transport. With
 * NOTIFICATION_TRANSPORT=file-drop the worker writes each message as one structured file with
 * its metadata (a stand-in for a Digital Post gateway), once per notification, end to end from a
 * transition over HTTP.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailerService } from '@rl/mailer';
import { EmailDigestService } from '../../apps/worker/src/digest';
import { spawnTs, testConfig, waitForExit, waitUntil } from './support/env';
import { createSubmittedCase, SIMPLE_FACTS, TestApi } from './support/http';

describe('file-drop notification transport', () => {
  let api: TestApi;
  let dir: string;
  let worker: ReturnType<typeof spawnTs>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rl-file-drop-'));
    api = await TestApi.start();
    // Only this scenario's messages: older pending e-mails of other test files are not ours.
    await api.ds.query(`UPDATE notifications SET email_status = 'none' WHERE email_status = 'pending'`);
    // Every recipient on immediate e-mail (earlier test files may have chosen digest or off).
    await api.ds.query('DELETE FROM notification_preferences');
    await api.ds.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    worker = spawnTs('apps/worker/src/main.ts', {
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      NOTIFICATION_TRANSPORT: 'file-drop',
      FILE_DROP_DIR: dir,
      // No SMTP server anywhere: a message that went to SMTP would fail and stay pending.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '9',
    });
  });

  afterAll(async () => {
    worker?.kill('SIGTERM');
    if (worker) await waitForExit(worker, 20_000).catch(() => worker.kill('SIGKILL'));
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one message file per notification, with recipient, kind, subject, body and data', async () => {
    const c = await createSubmittedCase(api, 'anna@nordlys.example', SIMPLE_FACTS, `File drop ${Date.now()}`);
    const expected: { id: string; kind: string; email: string }[] = await api.ds.query(
      `SELECT n.id::text AS id, n.kind, u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND u.email <> '' ORDER BY n.id`,
      [c.id],
    );
    expect(expected.length).toBeGreaterThanOrEqual(2); // the caseworker (application received) and the coordinator (case submitted)
    await waitUntil(
      async () => {
        const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND email_status = 'sent'`, [c.id]);
        return n === expected.length ? true : undefined;
      },
      // Generous: late in the whole suite the worker also works off earlier tests' jobs.
      150_000,
      'every notification dropped',
    );
    // The worker also drops messages that other test files' cases produce meanwhile (their alerts
    // fire on the shared clock); this case's files are exactly its notifications, and every other
    // file belongs to a different case.
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    const ids = files.map((f) => f.replace(/^notification-|\.json$/g, ''));
    const owners: { id: string; case_id: string | null }[] = await api.ds.query(
      `SELECT id::text AS id, case_id::text AS case_id FROM notifications WHERE id::text = ANY($1::text[])`,
      [ids],
    );
    const ours = owners.filter((o) => o.case_id === c.id).map((o) => `notification-${o.id}.json`).sort();
    expect(ours).toEqual(expected.map((e) => `notification-${e.id}.json`).sort());
    const known = new Set(owners.map((o) => o.id));
    // Digests (digest-<user>-<count>-<last id>) are not one notification; any other file must be one.
    expect(ids.filter((id) => !known.has(id) && !id.startsWith('digest-'))).toEqual([]);
    for (const e of expected) {
      const m = JSON.parse(await readFile(join(dir, `notification-${e.id}.json`), 'utf8'));
      expect(m).toMatchObject({ version: 2, type: 'dk.roedloeber.notification', notificationId: e.id, kind: e.kind, recipient: { address: e.email } });
      expect(m.messageId).toMatch(new RegExp(`^<notification-${e.id}@`));
      expect(m.subject).toContain(c.reference);
      expect(m.body.text.length).toBeGreaterThan(0);
      expect(m.data).toEqual(expect.any(Object));
    }
  }, 200_000);

  it('a daily digest and a fuldmagt invitation leave through the same transport (they went to SMTP whatever was configured)', async () => {
    const own = await mkdtemp(join(tmpdir(), 'rl-file-drop-digest-'));
    // No SMTP server: a message that tried SMTP would fail.
    const mailer = new MailerService(testConfig({ NOTIFICATION_TRANSPORT: 'file-drop', FILE_DROP_DIR: own, SMTP_HOST: '127.0.0.1', SMTP_PORT: '9' }));
    try {
      const c = await createSubmittedCase(api, 'bo@bolge.example', SIMPLE_FACTS, `Digest drop ${Date.now()}`);
      const [{ id }] = await api.ds.query(
        `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
         VALUES ((SELECT id FROM users WHERE username = 'bo@bolge.example'), 'hearingEnded', $1, 'h', 'x', $2, $3::jsonb, 'digest') RETURNING id`,
        [c.id, `digest-drop-${Date.now()}`, JSON.stringify({ caseReference: c.reference, caseTitle: c.title })],
      );
      expect((await new EmailDigestService(api.ds, mailer).sendAll()).notifications).toBeGreaterThanOrEqual(1);
      expect((await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [id]))[0].email_status).toBe('sent');
      await mailer.sendInvitation('ny.konsulent@example.dk', 'da', {
        organisationName: 'Bølge A/S',
        inviterName: 'Bo',
        role: 'prepare',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        acceptLink: 'https://roedloeber.example/#/proxies/accept?token=abc',
      });
      const files = await Promise.all((await readdir(own)).map(async (f) => JSON.parse(await readFile(join(own, f), 'utf8'))));
      const digest = files.find((f) => f.kind === 'digest' && f.recipient.address === 'bo@bolge.example');
      expect(digest).toMatchObject({ type: 'dk.roedloeber.notification', locale: 'en', subject: expect.stringMatching(/new notifications/) });
      expect(digest.data.items.some((i: { subject: string }) => i.subject.includes(c.reference))).toBe(true);
      expect(files.find((f) => f.kind === 'proxyInvitation')).toMatchObject({ recipient: { address: 'ny.konsulent@example.dk' }, data: { organisationName: 'Bølge A/S' } });
    } finally {
      mailer.onApplicationShutdown();
      await rm(own, { recursive: true, force: true });
    }
  });
});
