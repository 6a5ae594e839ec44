/**
 * Issue 16 items 5–6 and the coordinator's reassignment: the company's consent to a public case
 * page (recorded, revocable, audited; 404 without it; nothing personal or confidential on it),
 * the public aggregate statistics, the Gantt as PDF and PNG (parsed back; other organisations get
 * 404), and reassigning a permit's task to a colleague (audited, the colleague notified).
 */
import { pdfText } from './support/pdf-text';
import { CASEWORKER_FOR, createSubmittedCase, PHARMA_FACTS, TestApi } from './support/http';

jest.setTimeout(90_000);

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function binary(api: TestApi, path: string, as?: string) {
  const res = await fetch(`${api.base}${path}`, { headers: as ? { authorization: `Bearer ${await api.token(as)}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('transparency, Gantt export and reassignment (issue 16)', () => {
  const api = TestApi.forSuite();
  let c: any;
  let water: any;
  const title = `Fortroligt projekt ${Date.now()}`;
  const colleague = 'cw.miljoe.kollega.t16';

  beforeAll(async () => {
    await api.setClock('2027-04-01T09:00:00Z');
    c = await createSubmittedCase(api, 'anna@nordlys.example', PHARMA_FACTS, title);
    water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    const agreed = await api.call('POST', `/cases/${c.id}/coordinated-plan/agree`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${proposed.body.version}"` } });
    expect(agreed.status).toBe(200);
    // A small applied change (reason code on the public page; the note is not).
    const item = agreed.body.items.find((i: any) => i.permitId === water.id);
    const changed = await api.call('POST', `/cases/${c.id}/coordinated-plan/changes`, {
      as: 'coordinator',
      body: { permitId: water.id, plannedDecisionOn: addDays(item.planned.decisionOn, 10), reasonCode: 'AUTHORITY_CAPACITY', note: 'Intern note: Karen er syg' },
      headers: { 'if-match': `"${agreed.body.version}"` },
    });
    expect([changed.status, changed.body.request?.status ?? changed.body.status]).toEqual([201, 'applied']);
    // The planned decision date passes; the authority explains.
    await api.setClock(`${addDays(item.planned.decisionOn, 12)}T09:00:00Z`);
    const plan = await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator');
    const missed = await api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, {
      as: 'cw.kalundborg',
      body: { explanation: 'Manglende kapacitet i vandteamet' },
      headers: { 'if-match': `"${plan.body.version}"` },
    });
    expect(missed.status).toBe(200);
    await api.ds.query(
      `INSERT INTO users (username, display_name, email, role, authority_id, locale)
       SELECT $1, 'Mette Kollega', 'mette.kollega@miljoestyrelsen.example', 'caseworker', id, 'en' FROM authorities WHERE code = 'MST' ON CONFLICT (username) DO NOTHING`,
      [colleague],
    );
  });

  describe('the public case page', () => {
    it('is 404 without consent; only the company may consent (coordinators, other companies and caseworkers may not)', async () => {
      expect((await api.get(`/public/cases/${c.reference}`)).status).toBe(404);
      expect((await api.get(`/public/cases/RL-0000-nonexistent`)).status).toBe(404);
      const before = await api.get(`/cases/${c.id}/publication`, 'anna@nordlys.example');
      expect(before.body).toMatchObject({ published: false, history: [] });
      expect((await api.call('PUT', `/cases/${c.id}/publication`, { as: 'coordinator' })).status).toBe(403);
      expect((await api.call('PUT', `/cases/${c.id}/publication`, { as: 'bo@bolge.example' })).status).toBe(404);
      expect((await api.call('PUT', `/cases/${c.id}/publication`, { as: 'cw.kalundborg' })).status).toBe(403);
      expect((await api.get(`/cases/${c.id}/publication`, 'bo@bolge.example')).status).toBe(404);
      expect((await api.get(`/public/cases/${c.reference}`)).status).toBe(404);
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM case_publication_consents WHERE case_id = $1`, [c.id]);
      expect(n).toBe(0);
    });

    it('with consent it shows permits, planned/actual/missed dates and nothing personal or confidential', async () => {
      const given = await api.call('PUT', `/cases/${c.id}/publication`, { as: 'anna@nordlys.example' });
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ published: true, reference: c.reference, publicPath: `/public/cases/${c.reference}` });
      // Idempotent: a second consent changes nothing.
      const again = await api.call('PUT', `/cases/${c.id}/publication`, { as: 'anna@nordlys.example' });
      expect(again.body.history).toHaveLength(1);
      const audit = await api.ds.query(`SELECT event_type, actor_role FROM audit_events WHERE case_id = $1 AND event_type LIKE 'publication.%' ORDER BY id`, [c.id]);
      expect(audit).toEqual([{ event_type: 'publication.consentGiven', actor_role: 'applicant' }]);

      const page = await api.get(`/public/cases/${c.reference}`); // no login
      expect(page.status).toBe(200);
      expect(page.body.company).toEqual({ name: 'Nordlys Pharma A/S', cvr: '10000001' });
      expect(page.body.plan).toMatchObject({ status: 'agreed' });
      const w = page.body.permits.find((p: any) => p.code === 'VANDINDVINDING');
      expect(w).toMatchObject({ nameDa: expect.any(String), stage: 'inProcess', missed: { explanation: 'Manglende kapacitet i vandteamet' } });
      expect(w.planned.decisionOn).toBe(addDays(w.baseline.decisionOn, 10));
      expect(w.authority.nameDa).toBe('Kalundborg Kommune');
      expect(page.body.changes).toEqual([expect.objectContaining({ permitCode: 'VANDINDVINDING', reasonCode: 'AUTHORITY_CAPACITY', reasonDa: 'Myndighedens kapacitet' })]);
      expect(page.body.permits.length).toBe(c.permits.length);
      // Nothing personal or confidential: no people, no title, no notes, no documents, no e-mail, no ids.
      const text = JSON.stringify(page.body);
      for (const secret of [title, 'Anna', 'Sagsbehandler', 'Koordinator', 'Karen', 'Intern note', '@', c.id, water.id, 'documents', 'outcome']) expect(text).not.toContain(secret);

      const list = await api.get('/public/cases');
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ reference: c.reference, company: { name: 'Nordlys Pharma A/S', cvr: '10000001' } }));
      expect(JSON.stringify(list.body)).not.toContain(title);
    });

    it('revoking the consent takes the page down (404), keeps the history and is audited', async () => {
      const revoked = await api.call('DELETE', `/cases/${c.id}/publication`, { as: 'anna@nordlys.example' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.published).toBe(false);
      expect(revoked.body.history).toEqual([expect.objectContaining({ grantedBy: 'Anna Nordlys', revokedBy: 'Anna Nordlys', revokedAt: expect.any(String) })]);
      expect((await api.get(`/public/cases/${c.reference}`)).status).toBe(404);
      expect((await api.get('/public/cases')).body.items.map((i: any) => i.reference)).not.toContain(c.reference);
      const audit = await api.ds.query(`SELECT event_type FROM audit_events WHERE case_id = $1 AND event_type LIKE 'publication.%' ORDER BY id`, [c.id]);
      expect(audit.map((a: any) => a.event_type)).toEqual(['publication.consentGiven', 'publication.consentRevoked']);
      // Coordinators see the history, they cannot change it.
      expect((await api.get(`/cases/${c.id}/publication`, 'coordinator')).body.history).toHaveLength(1);
      expect((await api.call('DELETE', `/cases/${c.id}/publication`, { as: 'coordinator' })).status).toBe(403);
      // Given again: a second row, the page is back.
      expect((await api.call('PUT', `/cases/${c.id}/publication`, { as: 'anna@nordlys.example' })).body.history).toHaveLength(2);
      expect((await api.get(`/public/cases/${c.reference}`)).status).toBe(200);
    });

    it('a case or permit in a state the public pages do not know (an older data version) is still listed and shown (the permit as "in process"), not a 500 for the whole list', async () => {
      const [{ state: caseState }] = await api.ds.query(`SELECT state FROM cases WHERE id = $1`, [c.id]);
      const [{ state: permitState }] = await api.ds.query(`SELECT state FROM permits WHERE id = $1`, [water.id]);
      await api.ds.query(`UPDATE cases SET state = 'legacyState' WHERE id = $1`, [c.id]);
      await api.ds.query(`UPDATE permits SET state = 'legacy.state' WHERE id = $1`, [water.id]);
      try {
        const list = await api.get('/public/cases');
        expect(list.status).toBe(200);
        expect(list.body.items.map((i: any) => i.reference)).toContain(c.reference);
        const page = await api.get(`/public/cases/${c.reference}`);
        expect(page.status).toBe(200);
        expect(page.body.permits.find((p: any) => p.code === 'VANDINDVINDING').stage).toBe('inProcess');
      } finally {
        await api.ds.query(`UPDATE cases SET state = $2 WHERE id = $1`, [c.id, caseState]);
        await api.ds.query(`UPDATE permits SET state = $2 WHERE id = $1`, [water.id, permitState]);
      }
    });

    it('the aggregate statistics are public (no login), the same export as the coordinators’', async () => {
      const pub = await api.get('/public/statistics');
      expect(pub.status).toBe(200);
      expect(pub.body.schemaVersion).toBe('rl-l206-statistics/1');
      // One answer is shared for a minute (anonymous callers cannot make the export run per request).
      expect((await api.get('/public/statistics')).body.generatedAt).toBe(pub.body.generatedAt);
      const coord = await api.get('/statistics', 'coordinator');
      expect(pub.body.permits).toEqual(coord.body.permits);
      expect(pub.body.cases).toEqual(coord.body.cases);
      expect((await api.get('/statistics')).status).toBe(401);
    });
  });

  describe('the Gantt as PDF and PNG', () => {
    it('PDF: the chart and the dates as text; English on request', async () => {
      const r = await binary(api, `/cases/${c.id}/plan/gantt.pdf`, 'coordinator');
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/pdf');
      expect(r.disposition).toContain(`gantt-${c.reference}.pdf`);
      const text = await pdfText(r.body);
      expect(text).toContain(`Tidsplan for sag ${c.reference}`);
      expect(text).toContain('Vandindvinding');
      expect(text).toContain('Basisplan');
      const plan = await api.get(`/cases/${c.id}/coordinated-plan`, 'coordinator');
      expect(text).toContain(plan.body.items.find((i: any) => i.permitId === water.id).planned.decisionOn);
      const en = await pdfText((await binary(api, `/cases/${c.id}/plan/gantt.pdf?lang=en`, 'anna@nordlys.example')).body);
      expect(en).toContain(`Schedule of case ${c.reference}`);
    });

    it('PNG: a real PNG, 1800 px wide, a row per permit', async () => {
      const r = await binary(api, `/cases/${c.id}/plan/gantt.png`, 'anna@nordlys.example');
      expect(r.status).toBe(200);
      expect(r.type).toBe('image/png');
      expect(r.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(r.body.toString('latin1', 12, 16)).toBe('IHDR');
      const width = r.body.readUInt32BE(16);
      const height = r.body.readUInt32BE(20);
      expect(width).toBe(1800);
      // 1.5 × (top + one 46-px row per permit + footer)
      const rows = (await api.get(`/cases/${c.id}/plan`, 'anna@nordlys.example')).body.rows.length;
      expect(height).toBe(Math.round(1.5 * (40 + rows * 46 + 44)));
    });

    it('checks access like the plan: another company and an unknown case get 404; a bad lang 400', async () => {
      expect((await binary(api, `/cases/${c.id}/plan/gantt.pdf`, 'bo@bolge.example')).status).toBe(404);
      expect((await binary(api, `/cases/${c.id}/plan/gantt.png`, 'bo@bolge.example')).status).toBe(404);
      expect((await binary(api, `/cases/00000000-0000-4000-8000-000000000999/plan/gantt.png`, 'coordinator')).status).toBe(404);
      expect((await binary(api, `/cases/${c.id}/plan/gantt.png`)).status).toBe(401);
      expect((await binary(api, `/cases/${c.id}/plan/gantt.pdf?lang=fr`, 'coordinator')).status).toBe(400);
      expect((await binary(api, `/cases/${c.id}/plan/gantt.pdf`, 'admin')).status).toBe(403);
    });
  });

  describe("reassigning a permit's task", () => {
    it('a coordinator reassigns to a colleague at the same authority: logged, audited, the colleague notified; the permit version stays', async () => {
      const mga = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE');
      const task = await api.get(`/permits/${mga.id}/task`, 'coordinator');
      expect(task.status).toBe(200);
      const names = task.body.task.assignees.map((a: any) => a.name);
      expect(names).toEqual(expect.arrayContaining(['Mette Kollega', 'Sagsbehandler Miljøstyrelsen']));
      // Caseworkers are not offered the list.
      expect((await api.get(`/permits/${mga.id}/task`, CASEWORKER_FOR.MST)).body.task.assignees).toBeUndefined();
      const mette = task.body.task.assignees.find((a: any) => a.name === 'Mette Kollega').id;
      const version = (await api.get(`/permits/${mga.id}`, 'coordinator')).body.version;

      // Not to a caseworker of another authority (nothing written).
      const [kal] = await api.ds.query(`SELECT id FROM users WHERE username = 'cw.kalundborg'`);
      const wrong = await api.post(`/tasks/${task.body.task.id}/assign`, { userId: kal.id }, 'coordinator');
      expect([wrong.status, wrong.body.code]).toEqual([422, 'TASK.ASSIGNEE_INVALID']);
      expect((await api.post(`/tasks/${task.body.task.id}/assign`, { userId: mette }, CASEWORKER_FOR.MST)).status).toBe(403);
      // Not to a deactivated caseworker of the authority (left it; not offered, not assignable).
      const [former] = await api.ds.query(
        `INSERT INTO users (username, display_name, email, role, authority_id, locale, deactivated_at)
         SELECT 'cw.miljoe.former', 'Tidligere sagsbehandler', 'tidligere@miljoestyrelsen.example', 'caseworker', id, 'da', now() FROM authorities WHERE code = 'MST'
         ON CONFLICT (username) DO UPDATE SET deactivated_at = now() RETURNING id`,
      );
      expect((await api.get(`/permits/${mga.id}/task`, 'coordinator')).body.task.assignees.map((a: any) => a.id)).not.toContain(former.id);
      const gone = await api.post(`/tasks/${task.body.task.id}/assign`, { userId: former.id }, 'coordinator');
      expect([gone.status, gone.body.code]).toEqual([422, 'TASK.ASSIGNEE_INVALID']);
      await api.ds.query(`DELETE FROM users WHERE id = $1`, [former.id]); // other files list the authority's users

      const r = await api.post(`/tasks/${task.body.task.id}/assign`, { userId: mette }, 'coordinator');
      expect(r.status).toBe(200);
      expect((await api.get(`/permits/${mga.id}/task`, colleague)).body.task).toMatchObject({ assignedToMe: true, assignedToName: 'Mette Kollega' });
      expect((await api.get(`/permits/${mga.id}`, 'coordinator')).body.version).toBe(version);
      const told = await api.ds.query(`SELECT n.kind, n.title, n.data->>'assignedToYou' AS mine FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.permit_id = $2`, [colleague, mga.id]);
      expect(told).toEqual([{ kind: 'taskRouted', title: expect.stringContaining('Task assigned to you'), mine: 'true' }]);
      const audit = await api.ds.query(`SELECT actor_role, payload->>'assignee' AS assignee FROM audit_events WHERE permit_id = $1 AND event_type = 'task.reassigned'`, [mga.id]);
      expect(audit).toEqual([{ actor_role: 'coordinator', assignee: mette }]);
      const log = await api.ds.query(`SELECT action FROM task_assignment_events WHERE permit_id = $1 AND new_assignee = $2`, [mga.id, mette]);
      expect(log).toEqual([{ action: 'assigned' }]);
      // The same assignment again notifies no one twice.
      expect((await api.post(`/tasks/${task.body.task.id}/assign`, { userId: mette }, 'coordinator')).status).toBe(200);
      const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.permit_id = $2`, [colleague, mga.id]);
      expect(n).toBe(1);
    });
  });
});
