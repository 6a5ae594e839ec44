/**
 * Issue 14 point 6 (fuldmagter), the notifications part, end to end with real PostgreSQL, Redis,
 * the worker in process and real SMTP to the harness sink: a consultant acting under a fuldmagt
 * gets the notifications of the case they were invited to — in the app and by e-mail, per their
 * own e-mail preferences — and of no other case; nothing once the grant is revoked or has run
 * out, not even an e-mail that was still waiting (the digest); and their in-app list no longer
 * shows the case's notifications then.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EmailDigestService } from '../../apps/worker/src/digest';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { testConfig, waitUntil } from './support/env';
import { createCase, createSubmittedCase, SIMPLE_FACTS, type TestApi } from './support/http';
import { MailScenario } from './support/mail';

const ANNA = 'anna@nordlys.example';
const CW = 'cw.hillerod';

jest.setTimeout(120_000);

describe('a fuldmægtig gets the case’s notifications exactly while the grant is in force', () => {
  const scenario = new MailScenario('proxy-notifications');
  const mail = scenario.mail;
  let api: TestApi;
  let worker: INestApplicationContext | null = null;
  let consultant = '';
  const tag = randomUUID().slice(0, 8);

  type Row = { id: string; kind: string; case_id: string; email_status: string };
  const rowsOf = async (username: string, caseId: string): Promise<Row[]> =>
    api.ds.query(`SELECT n.id, n.kind, n.case_id, n.email_status FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.case_id = $2 ORDER BY n.created_at, n.id`, [username, caseId]);
  const inApp = async (as: string): Promise<{ caseId: string; kind: string }[]> => (await api.get('/notifications?pageSize=100', as)).body.items;

  function tokenFromMail(to: string): string {
    const m = /\/fuldmagt\/accept\/([A-Za-z0-9_-]+)/.exec(mail.to(to).at(-1)?.text ?? '');
    if (!m) throw new Error(`no invitation to ${to}`);
    return decodeURIComponent(m[1]);
  }

  async function grantAccepted(body: Record<string, unknown>): Promise<string> {
    const r = await api.post('/proxy-grants', { email: consultant, ...body }, ANNA);
    expect([r.status, r.body.invitationEmail]).toEqual([201, 'sent']);
    const accepted = await api.post('/proxy-grants/accept', { token: tokenFromMail(consultant) }, consultant);
    expect([accepted.status, accepted.body.status]).toEqual([200, 'active']);
    return r.body.id;
  }

  async function submitted(title: string): Promise<{ id: string; reference: string; permitId: string }> {
    const c = await createSubmittedCase(api, ANNA, SIMPLE_FACTS, `${title} ${tag}`);
    return { id: c.id, reference: c.reference, permitId: c.permits[0].id };
  }

  beforeAll(async () => {
    ({ api } = await scenario.start());
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig({ ...scenario.smtpEnv, WORKER_CONCURRENCY: '4' })), { logger: false });
    await worker.init();
    // A consultant of its own at the seeded consultancy (not the demo user), so this file owns its grants and preferences.
    consultant = `notice-consultant-${tag}@gronraad.example`;
    await api.ds.query(
      `INSERT INTO users (username, display_name, email, role, organisation_id) VALUES ($1, 'Konsulent Notits', $1, 'applicant', (SELECT id FROM organisations WHERE cvr = '10000003'))`,
      [consultant],
    );
    await api.setClock('2027-06-01T08:00:00Z');
  }, 90_000);

  afterAll(async () => {
    await worker?.close();
    await scenario.stop();
  });

  it('in the app and by e-mail (per the consultant’s preferences) for the invited case only; nothing after revocation', async () => {
    const a = await createCase(api, ANNA, SIMPLE_FACTS, `Fuldmagt-notits A ${tag}`);
    const grantId = await grantAccepted({ role: 'submit', caseId: a.id, validUntil: '2027-06-30T00:00:00Z' });
    // The consultant's own choice: no e-mail for "application complete" (the receipt is not a legally required notice).
    const prefs = await api.call('PUT', '/notifications/preferences', { as: consultant, body: { items: [{ kind: 'applicationReceipt', emailMode: 'off' }] } });
    expect(prefs.status).toBe(200);
    expect((await api.caseEvent(a.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const b = await submitted('Fuldmagt-notits B (ikke delt)');
    const aPermit = a.permits[0].id;

    for (const id of [aPermit, b.permitId]) {
      expect((await api.permitEvent(id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
      expect((await api.permitEvent(id, CW, { type: 'authority.infoRequested', question: `Send støjberegningen ${tag}.` })).status).toBe(200);
    }

    // In the app: both notices of case A, in the consultant's list too; nothing of case B.
    const rows = await rowsOf(consultant, a.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['applicationReceipt', 'infoRequested']);
    expect(await rowsOf(consultant, b.id)).toEqual([]);
    expect((await rowsOf(ANNA, a.id)).map((r) => r.kind)).toEqual(expect.arrayContaining(['applicationReceipt', 'infoRequested']));
    const listed = await inApp(consultant);
    expect(listed.filter((n) => n.caseId === a.id).map((n) => n.kind).sort()).toEqual(['applicationReceipt', 'infoRequested']);
    expect(listed.filter((n) => n.caseId === b.id)).toEqual([]);

    // By e-mail through the worker and real SMTP: the information request (always at once); not the one they turned off.
    const infoMail = await waitUntil(async () => mail.to(consultant).find((m) => (m.subject ?? '').includes(a.reference)), 60_000, 'the information request mailed to the consultant');
    expect(infoMail.text).toContain(a.reference);
    await waitUntil(async () => ((await rowsOf(consultant, a.id)).every((r) => r.email_status !== 'pending') ? true : undefined), 60_000, 'both e-mail jobs done');
    expect(Object.fromEntries((await rowsOf(consultant, a.id)).map((r) => [r.kind, r.email_status]))).toEqual({ applicationReceipt: 'skipped', infoRequested: 'sent' });
    expect(mail.to(consultant).filter((m) => (m.subject ?? '').includes(a.reference))).toHaveLength(1);
    expect(mail.to(consultant).filter((m) => (m.subject ?? '').includes(b.reference))).toEqual([]);

    // Revoked: the next notice of case A reaches the company, not the consultant; their list drops the case.
    expect((await api.call('DELETE', `/proxy-grants/${grantId}`, { as: ANNA })).status).toBe(204);
    const annaBefore = (await rowsOf(ANNA, a.id)).length;
    expect((await api.permitEvent(aPermit, ANNA, { type: 'applicant.infoProvided', answer: 'Beregningen er vedhæftet.' })).status).toBe(200);
    expect((await api.permitEvent(aPermit, CW, { type: 'authority.infoRequested', question: `Og målepunkterne ${tag}?` })).status).toBe(200);
    expect((await rowsOf(ANNA, a.id)).length).toBeGreaterThan(annaBefore);
    expect((await rowsOf(consultant, a.id)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect((await inApp(consultant)).filter((n) => n.caseId === a.id)).toEqual([]);
    const unread = (await api.get('/notifications?pageSize=1', consultant)).body.unreadCount;
    expect(unread).toBe((await inApp(consultant)).length);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mail.to(consultant).filter((m) => (m.subject ?? '').includes(a.reference))).toHaveLength(1);
  });

  it('none once the grant has run out, and a digest e-mail still waiting then is not sent', async () => {
    const c = await createCase(api, ANNA, SIMPLE_FACTS, `Fuldmagt-notits C ${tag}`);
    await grantAccepted({ role: 'read', caseId: c.id, validUntil: '2027-06-10T00:00:00Z' });
    expect((await api.call('PUT', '/notifications/preferences', { as: consultant, body: { items: [{ kind: 'applicationReceipt', emailMode: 'digest' }] } })).status).toBe(200);
    expect((await api.caseEvent(c.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    expect((await api.permitEvent(c.permits[0].id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const waiting = await waitUntil(
      async () => (await rowsOf(consultant, c.id)).find((r) => r.kind === 'applicationReceipt' && r.email_status === 'digest'),
      60_000,
      'the notice waiting for the consultant’s digest',
    );

    // The grant runs out on 10 June; the digest goes out after that.
    await api.setClock('2027-06-11T08:00:00Z');
    const digests = (worker as INestApplicationContext).get(EmailDigestService);
    const mailsBefore = mail.to(consultant).length;
    await digests.sendAll();
    const [after] = await api.ds.query(`SELECT email_status FROM notifications WHERE id = $1`, [waiting.id]);
    expect(after.email_status).toBe('skipped');
    expect(mail.to(consultant)).toHaveLength(mailsBefore);

    // Expired: a new notice of the case reaches the company only.
    expect((await api.permitEvent(c.permits[0].id, CW, { type: 'authority.infoRequested', question: `Tegningerne ${tag}?` })).status).toBe(200);
    expect((await rowsOf(consultant, c.id)).map((r) => r.id)).toEqual([waiting.id]);
    expect((await rowsOf(ANNA, c.id)).some((r) => r.kind === 'infoRequested')).toBe(true);
    expect((await inApp(consultant)).filter((n) => n.caseId === c.id)).toEqual([]);
  });
});
