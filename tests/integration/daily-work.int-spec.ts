import type { Job } from 'bullmq';
import type { AppConfig } from '@rl/config';
import { MailerService } from '@rl/mailer';
import { JOB_SEND_EMAIL } from '@rl/queues';
import { EmailDigestService } from '../../apps/worker/src/digest';
import { NotificationsProcessor } from '../../apps/worker/src/processors';
import { MailCatcher } from './support/mail';
import { createCase, createSubmittedCase, PHARMA_FACTS, SIMPLE_FACTS, TestApi } from './support/http';
import { testConfig } from './support/env';

/** Issue 19: search scoped by access, inbox filters and take-over, notification language, read state, preferences and digest. */
describe('daily work API (real PostgreSQL + Redis + SMTP sink)', () => {
  const api = TestApi.forSuite();
  let annaCase: any;
  let boCase: any;
  const colleague = 'cw.kalundborg.kollega';

  /** A mail sink and a mailer that sends to it, for one test; both stopped after `body`. */
  async function withMail(body: (mail: MailCatcher, config: AppConfig, mailer: MailerService) => Promise<void>): Promise<void> {
    const mail = new MailCatcher();
    await mail.start();
    const config = testConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.port) });
    const mailer = new MailerService(config);
    try {
      await body(mail, config, mailer);
    } finally {
      mailer.onApplicationShutdown();
      await mail.stop();
    }
  }

  beforeAll(async () => {
    await api.setClock('2027-05-03T08:00:00Z');
    // A second caseworker at Kalundborg (the demo seed has one per authority).
    await api.ds.query(
      `INSERT INTO users (username, display_name, email, role, authority_id, locale)
       SELECT $1, 'Karen Kollega', 'karen@kalundborg.example', 'caseworker', id, 'da' FROM authorities WHERE code = 'KOMMUNE-326'
       ON CONFLICT (username) DO NOTHING`,
      [colleague],
    );
    annaCase = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, 'Daglig drift: Nordlys hal 7');
    boCase = await createCase(api, 'bo@bolge.example', SIMPLE_FACTS, 'Daglig drift: Bølge lager');
  }, 60_000);

  describe('case search', () => {
    it("finds a case by company name and CVR for its own organisation, never for another organisation", async () => {
      const own = await api.get('/cases?q=10000001&pageSize=100', 'anna@nordlys.example');
      expect(own.status).toBe(200);
      expect(own.body.items.map((c: any) => c.id)).toContain(annaCase.id);
      const byTitle = await api.get(`/cases?q=${encodeURIComponent('Nordlys hal 7')}`, 'anna@nordlys.example');
      expect(byTitle.body.items.map((c: any) => c.id)).toEqual([annaCase.id]);
      // Bo searches for Anna's CVR, her title and her reference: nothing of hers appears.
      for (const q of ['10000001', 'Nordlys hal 7', annaCase.reference]) {
        const other = await api.get(`/cases?q=${encodeURIComponent(q)}&pageSize=100`, 'bo@bolge.example');
        expect(other.status).toBe(200);
        expect(other.body.items.map((c: any) => c.id)).not.toContain(annaCase.id);
      }
      const coordinator = await api.get(`/cases?q=${encodeURIComponent('Daglig drift')}&pageSize=100`, 'coordinator');
      expect(coordinator.body.items.map((c: any) => c.id)).toEqual(expect.arrayContaining([annaCase.id, boCase.id]));
      // A caseworker of an authority with no permit in Bo's case does not find it.
      const cw = await api.get(`/cases?q=${encodeURIComponent('Bølge lager')}&pageSize=100`, 'cw.dkma');
      expect(cw.body.items.map((c: any) => c.id)).not.toContain(boCase.id);
    });

    it('sorts the case list and refuses an unknown sort key with 400', async () => {
      const asc = await api.get('/cases?sort=reference&direction=asc&pageSize=100', 'coordinator');
      const refs = asc.body.items.map((c: any) => c.reference);
      expect(refs).toEqual([...refs].sort());
      const bad = await api.get('/cases?sort=colour', 'coordinator');
      expect(bad.status).toBe(400);
    });
  });

  describe('inbox and claim semantics', () => {
    const kalundborgPermit = () => annaCase.permits.find((p: any) => p.authority.code === 'KOMMUNE-326');

    it('shows permit names, filters unassigned/mine and searches by reference', async () => {
      const all = await api.get(`/tasks?q=${encodeURIComponent(annaCase.reference)}`, 'cw.kalundborg');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThan(0);
      const item = all.body.items[0];
      expect(item.caseReference).toBe(annaCase.reference);
      expect(item.permitNameDa).not.toBe(item.permitCode);
      expect(item.organisationName).toBeTruthy();
      expect(typeof item.receivedAt).toBe('string');
      const unassigned = await api.get(`/tasks?filter=unassigned&q=${encodeURIComponent(annaCase.reference)}`, 'cw.kalundborg');
      expect(unassigned.body.items.every((t: any) => t.assignedTo === null)).toBe(true);
      expect(unassigned.body.total).toBe(all.body.total);
      const mine = await api.get(`/tasks?filter=mine&q=${encodeURIComponent(annaCase.reference)}`, 'cw.kalundborg');
      expect(mine.body.total).toBe(0);
      expect((await api.get('/tasks?filter=everything', 'cw.kalundborg')).status).toBe(400);
    });

    it('claims an unassigned task for the actor (audited) and needs takeOver for a colleague’s task', async () => {
      const permit = kalundborgPermit();
      const before = await api.get(`/permits/${permit.id}/task`, 'cw.kalundborg');
      expect(before.body.task).toMatchObject({ assignedTo: null, assignedToMe: false });

      const asked = await api.permitEvent(permit.id, 'cw.kalundborg', { type: 'authority.infoRequested', question: 'Send the site plan.' });
      expect(asked.status).toBe(200);
      const after = await api.get(`/permits/${permit.id}/task`, 'cw.kalundborg');
      expect(after.body.task).toMatchObject({ assignedToName: 'Sagsbehandler Kalundborg', assignedToMe: true });
      const claimed = await api.ds.query(
        `SELECT u.username, e.previous_assignee FROM task_assignment_events e JOIN users u ON u.id = e.actor_user_id WHERE e.permit_id = $1 AND e.action = 'claimed'`,
        [permit.id],
      );
      expect(claimed).toEqual([{ username: 'cw.kalundborg', previous_assignee: null }]);

      // Waiting on the company: filtered, and ranked after every other task in the priority order.
      const waiting = await api.get(`/tasks?filter=waitingOnCompany&pageSize=100`, 'cw.kalundborg');
      expect(waiting.body.items.map((t: any) => t.permitId)).toContain(permit.id);
      expect(waiting.body.items.every((t: any) => t.waitingOnCompany)).toBe(true);
      const ranked = await api.get('/tasks?pageSize=100', 'cw.kalundborg');
      const flags: boolean[] = ranked.body.items.map((t: any) => t.waitingOnCompany);
      expect(flags.indexOf(true)).toBeGreaterThan(-1);
      expect(flags.slice(flags.indexOf(true)).every(Boolean)).toBe(true);
      // Small pages walk the same order, across the boundary between the lane the authority can
      // act on and the waiting lane (which the inbox reads apart).
      const walked: string[] = [];
      for (let page = 1; walked.length < ranked.body.items.length; page++) {
        const r = await api.get(`/tasks?pageSize=7&page=${page}`, 'cw.kalundborg');
        if (r.body.items.length === 0) break;
        walked.push(...r.body.items.map((t: any) => t.id));
      }
      expect(walked.slice(0, ranked.body.items.length)).toEqual(ranked.body.items.map((t: any) => t.id));

      await api.permitEvent(permit.id, 'anna@nordlys.example', { type: 'applicant.infoProvided', answer: 'Attached.' });
      // A colleague holds the task now.
      await api.ds.query(`UPDATE tasks SET assigned_to = (SELECT id FROM users WHERE username = $1) WHERE permit_id = $2`, [colleague, permit.id]);
      const version = (await api.get(`/permits/${permit.id}`, 'cw.kalundborg')).body.version;
      const refused = await api.call('POST', `/permits/${permit.id}/events`, { as: 'cw.kalundborg', body: { type: 'authority.completenessConfirmed' }, headers: { 'if-match': `"${version}"` } });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('TASK.ASSIGNED_TO_COLLEAGUE');
      expect(refused.body.assignedToName).toBe('Karen Kollega');
      expect((await api.get(`/permits/${permit.id}`, 'cw.kalundborg')).body.version).toBe(version); // nothing written

      const taken = await api.call('POST', `/permits/${permit.id}/events`, { as: 'cw.kalundborg', body: { type: 'authority.completenessConfirmed', takeOver: true }, headers: { 'if-match': `"${version}"` } });
      expect(taken.status).toBe(200);
      const audit = await api.ds.query(
        `SELECT p.username AS previous, n.username AS next FROM task_assignment_events e JOIN users p ON p.id = e.previous_assignee JOIN users n ON n.id = e.new_assignee
          WHERE e.permit_id = $1 AND e.action = 'takenOver'`,
        [permit.id],
      );
      expect(audit).toEqual([{ previous: colleague, next: 'cw.kalundborg' }]);
      expect((await api.get(`/permits/${permit.id}/task`, 'cw.kalundborg')).body.task.assignedToMe).toBe(true);
    });

    it("hides another authority's permit task (404)", async () => {
      const permit = kalundborgPermit();
      expect((await api.get(`/permits/${permit.id}/task`, 'cw.dkma')).status).toBe(404);
      expect((await api.get(`/permits/${permit.id}/task`, 'anna@nordlys.example')).status).toBe(403);
    });
  });

  describe('notifications', () => {
    it("renders notifications in the reader's language from kind + parameters and counts unread", async () => {
      const da = await api.get('/notifications?lang=da&pageSize=100', 'anna@nordlys.example');
      const en = await api.get('/notifications?lang=en&pageSize=100', 'anna@nordlys.example');
      expect(en.status).toBe(200);
      const asked = (page: any) => page.items.find((n: any) => n.kind === 'infoRequested' && n.caseId === annaCase.id);
      expect(asked(da.body).title).not.toBe(asked(en.body).title);
      expect(asked(en.body).body).toContain('Send the site plan.');
      expect(en.body.unreadCount).toBeGreaterThan(0);
      expect((await api.get('/notifications?lang=fr', 'anna@nordlys.example')).status).toBe(400);
    });

    it('marks all read', async () => {
      const r = await api.post('/notifications/read-all', {}, 'anna@nordlys.example');
      expect(r.status).toBe(200);
      expect(r.body.marked).toBeGreaterThan(0);
      const after = await api.get('/notifications?unread=true', 'anna@nordlys.example');
      expect(after.body).toMatchObject({ total: 0, unreadCount: 0 });
      expect((await api.post('/notifications/read-all', {}, 'anna@nordlys.example')).body.marked).toBe(0);
    });

    it('keeps e-mail preferences per user; legally required kinds cannot be changed', async () => {
      const initial = await api.get('/notifications/preferences', 'bo@bolge.example');
      expect(initial.body.items.find((i: any) => i.kind === 'hearingEnded')).toEqual({ kind: 'hearingEnded', emailMode: 'immediate', legallyRequired: false });
      const put = await api.call('PUT', '/notifications/preferences', { as: 'bo@bolge.example', body: { items: [{ kind: 'hearingEnded', emailMode: 'digest' }, { kind: 'alertWarning', emailMode: 'off' }] } });
      expect(put.status).toBe(200);
      expect(put.body.items.find((i: any) => i.kind === 'alertWarning').emailMode).toBe('off');
      const locked = await api.call('PUT', '/notifications/preferences', { as: 'bo@bolge.example', body: { items: [{ kind: 'caseCompleted', emailMode: 'off' }, { kind: 'decisionIssued', emailMode: 'off' }] } });
      expect(locked.status).toBe(422);
      expect(locked.body.code).toBe('NOTIFICATION.PREFERENCE_LOCKED');
      // All or nothing: caseCompleted was not changed by the refused request.
      const now = await api.get('/notifications/preferences', 'bo@bolge.example');
      expect(now.body.items.find((i: any) => i.kind === 'caseCompleted').emailMode).toBe('immediate');
      expect(now.body.items.find((i: any) => i.kind === 'decisionIssued')).toMatchObject({ emailMode: 'immediate', legallyRequired: true });
      const bad = await api.call('PUT', '/notifications/preferences', { as: 'bo@bolge.example', body: { items: [{ kind: 'hearingEnded', emailMode: 'weekly' }] } });
      expect(bad.status).toBe(400);
      // Found by the fuzz test: a nested array is not an item (400, not a database error).
      for (const items of [[[]], [null], ['digest'], [{ kind: 'notAKind', emailMode: 'off' }]]) {
        const r = await api.call('PUT', '/notifications/preferences', { as: 'bo@bolge.example', body: { items } });
        expect([JSON.stringify(items), r.status, r.body.code]).toEqual([JSON.stringify(items), 400, 'REQUEST.VALIDATION_FAILED']);
      }
      // Anna's preferences are her own.
      const anna = await api.get('/notifications/preferences', 'anna@nordlys.example');
      expect(anna.body.items.find((i: any) => i.kind === 'alertWarning').emailMode).toBe('immediate');
    });

    it('holds digest kinds for one daily e-mail, skips "off" kinds, and sends legally required kinds at once', async () => {
      await withMail(async (mail, config, mailer) => {
        const insert = async (kind: string, title: string) => {
          const [{ id }] = await api.ds.query(
            `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
             VALUES ((SELECT id FROM users WHERE username = 'bo@bolge.example'), $1, $2, $3, 'x', $4, $5::jsonb, 'pending') RETURNING id`,
            [kind, boCase.id, title, `digest-test-${kind}-${Date.now()}`, JSON.stringify({ caseReference: boCase.reference, caseTitle: boCase.title })],
          );
          return id as string;
        };
        // Bo (English) chose: hearingEnded → digest, alertWarning → off (previous test); decisionIssued is legally required.
        const digestId = await insert('hearingEnded', 'h');
        const offId = await insert('alertWarning', 'a');
        const legalId = await insert('decisionIssued', 'd');
        const processor = new NotificationsProcessor(config, api.ds, mailer);
        for (const id of [digestId, offId, legalId]) await processor.process({ name: JOB_SEND_EMAIL, data: { notificationId: id } } as Job<{ notificationId: string }>);
        const status = async (id: string) => (await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [id]))[0].email_status;
        expect([await status(digestId), await status(offId), await status(legalId)]).toEqual(['digest', 'skipped', 'sent']);
        expect(mail.to('bo@bolge.example')).toHaveLength(1);

        const result = await new EmailDigestService(api.ds, mailer).sendAll();
        expect(result.notifications).toBeGreaterThanOrEqual(1);
        const mails = mail.to('bo@bolge.example');
        expect(mails).toHaveLength(2);
        const digest = mails[1];
        expect(digest.subject).toMatch(/new notifications/);
        expect(digest.text).toContain(boCase.reference);
        expect(await status(digestId)).toBe('sent');
        // Nothing left: a second run sends nothing.
        expect((await new EmailDigestService(api.ds, mailer).sendAll()).notifications).toBe(0);
        expect(mail.to('bo@bolge.example')).toHaveLength(2);
      });
    });

    it('a digest of more than 500 notifications lists the oldest 500, counts the rest, and marks every one sent (nobody falls behind a day)', async () => {
      await withMail(async (mail, _config, mailer) => {
        // 503 notifications waiting for cw.dkma's digest (a heavy day); none left from other tests.
        await api.ds.query(`UPDATE notifications SET email_status = 'sent' WHERE user_id = (SELECT id FROM users WHERE username = 'cw.dkma') AND email_status = 'digest'`);
        await api.ds.query(
          `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status, created_at)
           SELECT (SELECT id FROM users WHERE username = 'cw.dkma'), 'hearingEnded', $1, 'h ' || g, 'x', 'digest-overflow-' || g || '-' || $2, $3::jsonb, 'digest',
                  now() - interval '1 hour' + g * interval '1 second'
             FROM generate_series(1, 503) g`,
          [boCase.id, Date.now(), JSON.stringify({ caseReference: boCase.reference, caseTitle: boCase.title })],
        );
        await new EmailDigestService(api.ds, mailer).sendAll();
        const mails = mail.to('cw.dkma@dkma.example');
        expect(mails).toHaveLength(1);
        expect(mails[0].subject).toBe('Rød Løber: 503 nye meddelelser');
        expect(mails[0].text).toContain('… og 3 meddelelser mere, som ikke er vist her.');
        expect(String(mails[0].text).split('\n').filter((l: string) => l.startsWith('- ')).length).toBe(500);
        const [{ waiting }] = await api.ds.query(
          `SELECT count(*)::int AS waiting FROM notifications WHERE user_id = (SELECT id FROM users WHERE username = 'cw.dkma') AND email_status = 'digest'`,
        );
        expect(waiting).toBe(0);
        // Nothing is left for tomorrow's digest.
        await new EmailDigestService(api.ds, mailer).sendAll();
        expect(mail.to('cw.dkma@dkma.example')).toHaveLength(1);
      });
    });

    it('an e-mail still pending when its recipient is deactivated (someone who left) is not sent', async () => {
      await withMail(async (mail, config, mailer) => {
        const [{ id }] = await api.ds.query(
          `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
           VALUES ((SELECT id FROM users WHERE username = 'cw.kalundborg'), 'alertWarning', $1, 'a', 'x', $2, $3::jsonb, 'pending') RETURNING id`,
          [annaCase.id, `deactivated-${Date.now()}`, JSON.stringify({ caseReference: annaCase.reference, caseTitle: annaCase.title })],
        );
        // SMTP was down while the notification waited; meanwhile the admin deactivated the account.
        await api.ds.query(`UPDATE users SET deactivated_at = now() WHERE username = 'cw.kalundborg'`);
        try {
          await new NotificationsProcessor(config, api.ds, mailer).process({ name: JOB_SEND_EMAIL, data: { notificationId: id } } as Job<{ notificationId: string }>);
        } finally {
          await api.ds.query(`UPDATE users SET deactivated_at = NULL WHERE username = 'cw.kalundborg'`);
        }
        expect((await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [id]))[0].email_status).toBe('skipped');
        expect(mail.to('cw.kalundborg@kalundborg.example')).toEqual([]);
      });
    });

    it('an e-mail the mail server refuses for good (550) is marked failed and not retried; one it cannot reach stays pending for the retry', async () => {
      await withMail(async (mail, config, mailer) => {
        const pending = async () => {
          const [{ id }] = await api.ds.query(
            `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
             VALUES ((SELECT id FROM users WHERE username = 'anna@nordlys.example'), 'caseCompleted', $1, 'c', 'x', $2, $3::jsonb, 'pending') RETURNING id`,
            [annaCase.id, `refused-${Date.now()}-${Math.random()}`, JSON.stringify({ caseReference: annaCase.reference, caseTitle: annaCase.title })],
          );
          return id as string;
        };
        const status = async (id: string) => (await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [id]))[0].email_status;
        const refusedRow = await pending();
        mail.refused.add('anna@nordlys.example');
        const processor = new NotificationsProcessor(config, api.ds, mailer);
        // Completes (nothing to retry): the row is failed, so the sweep (pending rows) leaves it.
        await processor.process({ name: JOB_SEND_EMAIL, data: { notificationId: refusedRow } } as Job<{ notificationId: string }>);
        expect(await status(refusedRow)).toBe('failed');
        expect(mail.to('anna@nordlys.example')).toEqual([]);

        // The server down (nothing listens): a transient failure, retried by the queue; the row stays pending.
        const downRow = await pending();
        const down = new MailerService(testConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '9' }));
        try {
          await expect(new NotificationsProcessor(config, api.ds, down).process({ name: JOB_SEND_EMAIL, data: { notificationId: downRow } } as Job<{ notificationId: string }>)).rejects.toThrow(/1 of 1 e-mails failed/);
        } finally {
          down.onApplicationShutdown();
        }
        expect(await status(downRow)).toBe('pending');
        await api.ds.query(`UPDATE notifications SET email_status = 'none' WHERE id = $1`, [downRow]); // not this file's backlog
      });
    });

    it('a recipient whose mailbox refuses the digest does not hold back the others; the run fails, to be retried', async () => {
      await withMail(async (mail, _config, mailer) => {
        const waiting = async (username: string, c: { id: string; reference: string; title: string }) => {
          const [{ id }] = await api.ds.query(
            `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data, email_status)
             VALUES ((SELECT id FROM users WHERE username = $1), 'hearingEnded', $2, 'h', 'x', $3, $4::jsonb, 'digest') RETURNING id`,
            [username, c.id, `digest-refused-${username}-${Date.now()}`, JSON.stringify({ caseReference: c.reference, caseTitle: c.title })],
          );
          return id as string;
        };
        const boRow = await waiting('bo@bolge.example', boCase);
        const annaRow = await waiting('anna@nordlys.example', annaCase);
        mail.refused.add('bo@bolge.example');
        const status = async (id: string) => (await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [id]))[0].email_status;

        await expect(new EmailDigestService(api.ds, mailer).sendAll()).rejects.toThrow(/digest failed for 1 of \d+ users/);
        // Whichever order the users came in, Anna got hers and it is marked; Bo's waits for the retry.
        expect(mail.to('anna@nordlys.example')).toHaveLength(1);
        expect([await status(annaRow), await status(boRow)]).toEqual(['sent', 'digest']);

        mail.refused.clear(); // the mailbox is back: the retry sends Bo's, and nothing twice
        expect((await new EmailDigestService(api.ds, mailer).sendAll()).notifications).toBeGreaterThanOrEqual(1);
        expect([mail.to('anna@nordlys.example').length, mail.to('bo@bolge.example').length, await status(boRow)]).toEqual([1, 1, 'sent']);
      });
    });
  });
});
