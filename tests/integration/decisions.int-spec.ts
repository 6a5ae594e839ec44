/**
 * Issue 15 acceptance over HTTP (real PostgreSQL, Redis, worker and SMTP): decision letters as
 * PDF documents (text read back with a real PDF parser, SHA-256 checked, immutable, e-mailed as
 * an attachment), public hearings anyone can answer and abusers cannot, and publication of
 * decisions until their klagefrist.
 */
import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { testConfig, waitUntil } from './support/env';
import { createCase, createSubmittedCase, SMALL_PDF, type TestApi } from './support/http';
import { MailScenario } from './support/mail';
import { pdfText } from './support/pdf-text';

const APPLICANT = 'anna@nordlys.example';
const APPLICANT_MAIL = 'anna@nordlys.example';
const CW = 'cw.hillerod';
const COORD = 'coordinator';
// MVL annex 2 project in Hillerød: the VVM screening (MVL §21, published) is decided first, then
// the miljøgodkendelse (MBL §33, a public hearing) is filed — Hillerød decides both.
const FACTS = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2' };
const CONDITIONS = ['Støj må ikke overstige 45 dB(A) om natten ved nærmeste bolig.', 'Spildevand ledes til kloak efter forbehandling i olieudskiller.'];

describe('Issue 15: decisions, hearings and publication', () => {
  const scenario = new MailScenario('decisions');
  let api: TestApi;
  let worker: INestApplicationContext | null = null;
  let caseId = '';
  let vvmId = '';
  let envId = '';
  let hearingId = '';
  let decisionId = '';

  beforeAll(async () => {
    ({ api } = await scenario.start());
    const config = testConfig({ ...scenario.smtpEnv, WORKER_CONCURRENCY: '4' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    await scenario.redis.del(...((await scenario.redis.keys('rl:hearing-comments*')) as string[]), 'rl:none');
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await scenario.stop();
  });

  const binary = async (path: string, as?: string) => {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await api.token(as)}` } : {};
    const res = await fetch(`${api.base}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const preview = async (permitId: string, body: object) => {
    const res = await fetch(`${api.base}/permits/${permitId}/decision/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.token(CW)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const permit = async (id: string, as = COORD) => (await api.get(`/permits/${id}`, as)).body;
  const issue = async (permitId: string, body: object, version?: number) => {
    const v = version ?? (await permit(permitId, CW)).version;
    return api.call('POST', `/permits/${permitId}/decision`, { as: CW, body, headers: { 'if-match': `"${v}"` } });
  };
  const rows = async (table: string) => (await api.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const comment = (id: string, body: object) => api.call('POST', `/public/hearings/${id}/comments`, { body });

  it('a caseworker previews (nothing stored), is told which template sections are missing, and issues a letter whose PDF says what the permit says', async () => {
    await api.setClock('2026-03-02T09:00:00Z');
    const c = await createCase(api, APPLICANT, FACTS, 'Decision letter case');
    caseId = c.id;
    const submitted = await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    expect(submitted.status).toBe(200);
    const byCode = Object.fromEntries(c.permits.map((p: { code: string; id: string }) => [p.code, p.id]));
    vvmId = byCode.VVM_SCREENING;
    envId = byCode.MILJOEGODKENDELSE;
    expect((await api.permitEvent(vvmId, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);

    const before = [await rows('decision_documents'), await rows('documents'), await rows('audit_events')];
    const incomplete = await api.post(`/permits/${vvmId}/decision/preview`, { outcome: 'grantedWithConditions', conditions: CONDITIONS }, CW);
    expect([incomplete.status, incomplete.body.code, incomplete.body.missing]).toEqual([422, 'DECISION.TEMPLATE_INCOMPLETE', ['reasons']]);
    const noConditions = await api.post(`/permits/${vvmId}/decision/preview`, { outcome: 'grantedWithConditions', reasons: 'x' }, CW);
    expect(noConditions.body.missing).toEqual(['conditions']);
    expect((await api.post(`/permits/${vvmId}/decision/preview`, { outcome: 'granted', reasons: 'x' }, APPLICANT)).status).toBe(403);
    const body = { outcome: 'grantedWithConditions', conditions: CONDITIONS, reasons: 'Projektet er ikke omfattet af krav om miljøvurdering.' };
    const shown = await preview(vvmId, body);
    expect([shown.status, shown.type]).toEqual([200, 'application/pdf']);
    expect(await pdfText(shown.bytes)).toContain(CONDITIONS[0]);
    // English on request: the same facts in English.
    const english = (await pdfText((await preview(vvmId, { ...body, locale: 'en' })).bytes)).replace(/\s+/g, ' ');
    expect(english).toContain('The appeal deadline (klagefrist) is 30 March 2026 (2026-03-30).');
    expect(english).toContain('the Environment and Food Board of Appeal');
    expect([await rows('decision_documents'), await rows('documents'), await rows('audit_events')]).toEqual(before);

    const stale = await issue(vvmId, body, (await permit(vvmId, CW)).version - 1);
    expect([stale.status, stale.body.code]).toEqual([409, 'CONCURRENCY.VERSION_CONFLICT']);
    expect(await rows('decision_documents')).toBe(before[0]);

    const r = await issue(vvmId, body);
    expect(r.status).toBe(201);
    decisionId = r.body.decision.id;
    const shownPermit = await permit(vvmId, APPLICANT);
    expect(shownPermit.state).toBe('decided.appealPeriod');
    const klagefrist = shownPermit.clocks.appealDeadlineOn as string;
    expect(klagefrist).toBe('2026-03-30'); // 4 weeks (MBL §93/MVL) from Monday 2 March 2026
    expect(r.body.decision).toMatchObject({ outcome: 'grantedWithConditions', conditions: CONDITIONS, appealDeadlineOn: klagefrist, published: true, supersedesId: null });

    // Listed for applicant and authority; the applicant downloads it; its SHA-256 is the stored one.
    const listed = await api.get(`/permits/${vvmId}/decisions`, APPLICANT);
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([decisionId]);
    expect((await api.get(`/permits/${vvmId}/decisions`, CW)).body).toHaveLength(1);
    expect((await api.get(`/permits/${vvmId}/decisions`, 'bo@bolge.example')).status).toBe(404);
    const file = await binary(`/documents/${r.body.decision.documentId}/content`, APPLICANT);
    expect(file.status).toBe(200);
    const sha = createHash('sha256').update(file.bytes).digest('hex');
    const [stored] = await api.ds.query(`SELECT d.sha256, x.sha256 AS x_sha, encode(sha256(x.pdf), 'hex') AS pdf_sha FROM decision_documents x JOIN documents d ON d.id = x.document_id WHERE x.id = $1`, [decisionId]);
    expect(stored).toEqual({ sha256: sha, x_sha: sha, pdf_sha: sha });
    expect(r.body.decision.sha256).toBe(sha);

    const text = await pdfText(file.bytes);
    expect(text).toContain('Hillerød Kommune');
    const legalBasis = ((await api.get('/permit-types')).body.permitTypes as { code: string; legalBasis: string }[]).find((t) => t.code === 'VVM_SCREENING')!.legalBasis;
    expect(text.replace(/\s+/g, ' ')).toContain(legalBasis.replace(/\s+/g, ' '));
    for (const condition of CONDITIONS) expect(text.replace(/\s+/g, ' ')).toContain(condition);
    expect(text).toContain('Miljø- og Fødevareklagenævnet');
    expect(text).toContain(`30. marts 2026 (${klagefrist})`);
    expect(text).toContain('Nordlys Pharma A/S');

    // Audited with its checksum; immutable in the database.
    const [audit] = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.decisionIssued'`, [vvmId]);
    expect(audit.payload).toMatchObject({ decisionDocumentId: decisionId, sha256: sha, published: true });
    await expect(api.ds.query(`UPDATE decision_documents SET conditions = '[]' WHERE id = $1`, [decisionId])).rejects.toThrow(/immutable/);
    await expect(api.ds.query(`UPDATE documents SET filename = 'x.pdf' WHERE id = $1`, [r.body.decision.documentId])).rejects.toThrow(/immutable/);

    // The authority of the dependant permit is told its prerequisite was decided.
    const told = await api.ds.query(`SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1 AND n.kind = 'prerequisiteDecided'`, [envId]);
    expect(told.map((x: { username: string }) => x.username)).toContain(CW);
  }, 60_000);

  it('the company gets the decision by e-mail with the PDF attached (the same bytes)', async () => {
    const [{ sha256 }] = await api.ds.query(`SELECT sha256 FROM decision_documents WHERE id = $1`, [decisionId]);
    const mail = await waitUntil(
      async () => scenario.mail.to(APPLICANT_MAIL).find((m) => (m.attachments ?? []).some((a) => a.contentType === 'application/pdf' && createHash('sha256').update(a.content).digest('hex') === sha256)),
      30_000,
      'decision mail with PDF',
    );
    expect(mail.text).toContain('vedhæftet som PDF');
  }, 40_000);

  it('a public hearing takes comments without login, refuses abusive ones with problem+json and writes nothing, and keeps late ones', async () => {
    const upload = await api.upload(APPLICANT, caseId, { permitId: envId, description: 'Ansøgning om miljøgodkendelse' });
    expect(upload.status).toBe(201);
    expect((await api.permitEvent(envId, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const started = await api.permitEvent(envId, CW, { type: 'authority.hearingStarted', documentIds: [upload.body.id] });
    expect([started.status, started.body.state]).toEqual([200, 'submitted.hearing']);
    [{ id: hearingId }] = await api.ds.query(`SELECT id FROM hearings WHERE permit_id = $1 AND ended_at IS NULL`, [envId]);

    const page = await api.get(`/public/hearings/${hearingId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ permitCode: 'MILJOEGODKENDELSE', open: true, startedAt: expect.stringMatching(/^2026-03-02T09:/), earliestEndAt: '2026-03-16T23:00:00.000Z' });
    expect(page.body.documents).toEqual([expect.objectContaining({ id: upload.body.id, filename: 'note.pdf' })]);
    expect((await binary(page.body.documents[0].url.replace('/api/v1', ''))).bytes.equals(SMALL_PDF)).toBe(true);
    expect((await api.get('/public/hearings/00000000-0000-4000-8000-000000000000')).body.code).toBe('HEARING.NOT_FOUND');

    const ok = await comment(hearingId, { name: 'Jens Nabo', email: 'jens@example.dk', text: 'Vi er bekymrede for støjen om natten.' });
    expect([ok.status, ok.body.late]).toEqual([201, false]);
    const withFile = await comment(hearingId, { name: 'Grundejerforeningen', email: 'gf@example.dk', text: 'Se vedhæftede.', attachment: { filename: 'svar.pdf', contentBase64: SMALL_PDF.toString('base64') } });
    expect(withFile.status).toBe(201);

    const before = await rows('hearing_comments');
    const refusals: [object, number, string][] = [
      [{ name: 'X', email: 'x@example.dk', text: '<script>alert(1)</script>' }, 422, 'HEARING.COMMENT_REFUSED'],
      [{ name: 'X', email: 'x@example.dk', text: 'a'.repeat(5001) }, 413, 'HEARING.COMMENT_TOO_LARGE'],
      [{ name: 'Bot', email: 'b@example.dk', text: 'cheap pills', website: 'http://spam.example' }, 422, 'HEARING.COMMENT_REFUSED'],
    ];
    for (const [body, status, code] of refusals) {
      const r = await comment(hearingId, body);
      expect([r.status, r.body.code, r.headers.get('content-type')]).toEqual([status, code, expect.stringContaining('application/problem+json')]);
    }
    const tooMany = await comment(hearingId, { name: 'Jens Nabo', email: 'jens@example.dk', text: 'Igen og igen.' });
    expect([tooMany.status, tooMany.body.code]).toEqual([429, 'HEARING.COMMENT_RATE_LIMITED']);
    const nowhere = await comment('00000000-0000-4000-8000-000000000000', { name: 'X', email: 'x@example.dk', text: 'Hej' });
    expect([nowhere.status, nowhere.body.code]).toEqual([404, 'HEARING.NOT_FOUND']);
    const huge = await comment(hearingId, { name: 'X', email: 'x@example.dk', text: 'Hej', attachment: { filename: 'big.pdf', contentBase64: 'A'.repeat(300_000) } });
    expect(huge.status).toBe(413);
    expect(await rows('hearing_comments')).toBe(before);

    // After the hearing: a comment is still kept (201), marked late.
    await api.setClock('2026-03-17T09:00:00Z');
    expect((await api.permitEvent(envId, CW, { type: 'authority.hearingEnded' })).status).toBe(200);
    await scenario.redis.del(...((await scenario.redis.keys('rl:hearing-comments*')) as string[]));
    const late = await comment(hearingId, { name: 'Sen Borger', email: 'sen@example.dk', text: 'Jeg så først annoncen i dag.' });
    expect([late.status, late.body.late]).toEqual([201, true]);
    expect((await api.get(`/public/hearings/${hearingId}`)).body.open).toBe(false);
  }, 60_000);

  it('the caseworker sees the comments per hearing, marks them considered, and the decision letter summarises them', async () => {
    const list = await api.get(`/permits/${envId}/hearings`, CW);
    const comments = list.body.items[0].comments as { id: string; late: boolean; version: number; name: string }[];
    expect(comments.map((c) => [c.name, c.late])).toEqual([
      ['Jens Nabo', false],
      ['Grundejerforeningen', false],
      ['Sen Borger', true],
    ]);
    expect((await api.get(`/permits/${envId}/hearings`, APPLICANT)).body.items).toEqual([]);
    const note = 'Vilkår om natstøj er skærpet til 45 dB(A).';
    const considered = await api.post(`/hearing-comments/${comments[0].id}/consideration`, { note, version: comments[0].version }, CW);
    expect([considered.status, considered.body.consideredNote]).toEqual([200, note]);
    const stale = await api.post(`/hearing-comments/${comments[0].id}/consideration`, { note: 'x', version: comments[0].version }, CW);
    expect(stale.status).toBe(409);
    expect((await api.post(`/hearing-comments/${comments[0].id}/consideration`, { note: 'x', version: 2 }, 'cw.kalundborg')).status).toBe(404);

    const decision = { outcome: 'grantedWithConditions', conditions: CONDITIONS, reasons: 'Virksomheden kan drives uden væsentlig forurening.' };
    // Partshøring first (the catalogue: draft to the company for 2–4 weeks, permits-research.md §1 #6).
    const early = await issue(envId, decision);
    expect([early.status, early.body.code, early.body.draftSent]).toEqual([422, 'DECISION.PARTY_HEARING_PENDING', false]);
    const v = (await permit(envId, CW)).version;
    const sent = await api.call('POST', `/permits/${envId}/decision/draft`, { as: CW, body: decision, headers: { 'if-match': `"${v}"` } });
    expect(sent.status).toBe(201);
    const draft = await api.get(`/permits/${envId}/decision/draft`, APPLICANT);
    expect(draft.body).toMatchObject({ conditions: CONDITIONS, respondBy: '2026-03-31', response: null });
    expect(await pdfText((await binary(`/permits/${envId}/decision/draft/pdf`, APPLICANT)).bytes)).toContain(CONDITIONS[1]);
    const told = await api.ds.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.permit_id = $1 AND n.kind = 'decisionDraftSent' AND u.username = $2`, [envId, APPLICANT]);
    expect(told[0].n).toBe(1);
    const pending = await issue(envId, decision);
    expect([pending.status, pending.body.code, pending.body.respondBy]).toEqual([422, 'DECISION.PARTY_HEARING_PENDING', '2026-03-31']);
    const answer = (version: number) => api.call('POST', `/permits/${envId}/decision/draft/answer`, { as: APPLICANT, body: { response: 'commented', text: 'Vilkår 2 bør først gælde fra idriftsættelsen.' }, headers: { 'if-match': `"${version}"` } });
    const current = (await permit(envId, APPLICANT)).version;
    expect((await answer(current - 1)).status).toBe(409);
    expect((await answer(current)).status).toBe(200);
    expect((await answer(current + 1)).body.code).toBe('DECISION.DRAFT_NOT_FOUND'); // answered once
    const [answerAudit] = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'decision.draftAnswered'`, [envId]);
    expect(answerAudit.payload).toMatchObject({ response: 'commented' });

    const r = await issue(envId, decision);
    expect(r.status).toBe(201);
    const text = (await pdfText((await binary(`/documents/${r.body.decision.documentId}/content`, APPLICANT)).bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Der er modtaget 3 høringssvar, heraf 1 efter høringsfristen.');
    expect(text).toContain(note);
    expect(text).not.toContain('Jens Nabo'); // the letter is published: no names of the public
  }, 60_000);

  it('published decisions are listed (JSON, Atom) with their klagefrist and without personal data, and drop out after it', async () => {
    const json = await api.get('/public/decisions');
    const mine = (json.body.items as { id: string; appealDeadlineOn: string; permitCode: string }[]).find((d) => d.id === decisionId);
    expect(mine).toMatchObject({ permitCode: 'VVM_SCREENING', appealDeadlineOn: '2026-03-30', company: { name: 'Nordlys Pharma A/S', cvr: '10000001' } });
    expect(JSON.stringify(json.body)).not.toMatch(/anna|cw\.hillerod|Jens Nabo|@/);
    const atom = await api.get('/public/decisions/feed.atom');
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    expect(atom.body).toContain(`urn:uuid:${decisionId}`);
    expect((await binary(`/public/decisions/${decisionId}/pdf`)).status).toBe(200);

    await api.setClock('2026-03-30T21:00:00Z'); // 22:00 in Copenhagen on the klagefrist day: still listed
    expect((await api.get('/public/decisions/feed.atom')).body).toContain(`urn:uuid:${decisionId}`);
    await api.setClock('2026-03-31T09:00:00Z');
    expect((await api.get('/public/decisions')).body.items.map((d: { id: string }) => d.id)).not.toContain(decisionId);
    expect((await api.get('/public/decisions/feed.atom')).body).not.toContain(`urn:uuid:${decisionId}`);
    expect((await binary(`/public/decisions/${decisionId}/pdf`)).status).toBe(404);
  }, 60_000);

  it('an overturned appeal is visible on the permit, and the decision letter stays listed', async () => {
    // The environmental permit was decided on 17 March; its klagefrist is 14 April.
    await api.setClock('2026-04-01T09:00:00Z');
    expect((await api.permitEvent(envId, COORD, { type: 'appeal.lodged', appellant: 'Naboer' })).status).toBe(200);
    const r = await api.permitEvent(envId, COORD, { type: 'appeal.decided', outcome: 'overturned', reason: 'Støjvurderingen var mangelfuld.' });
    expect(r.status).toBe(200);
    const shown = await permit(envId, APPLICANT);
    expect(shown).toMatchObject({ state: 'final', outcome: 'refused', appeal: expect.objectContaining({ outcome: 'overturned' }) });
    const decisions = await api.get(`/permits/${envId}/decisions`, APPLICANT);
    expect(decisions.body).toHaveLength(1);
    expect(decisions.body[0]).toMatchObject({ outcome: 'grantedWithConditions', supersededById: null });
  }, 30_000);

  it('a new decision after a remittal supersedes the old letter (audited), which stays listed and is no longer published', async () => {
    await api.setClock('2026-05-04T09:00:00Z');
    const c = await createSubmittedCase(api, APPLICANT, FACTS, 'Superseded decision case');
    const id = c.permits.find((p: { code: string }) => p.code === 'VVM_SCREENING').id as string;
    expect((await api.permitEvent(id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const first = await issue(id, { outcome: 'granted', reasons: 'Første vurdering.' });
    expect(first.status).toBe(201);
    expect((await api.permitEvent(id, COORD, { type: 'appeal.lodged', appellant: 'Naboer' })).status).toBe(200);
    expect((await api.permitEvent(id, COORD, { type: 'appeal.decided', outcome: 'remitted' })).status).toBe(200);
    await api.setClock('2026-06-01T09:00:00Z');
    const second = await issue(id, { outcome: 'refused', reasons: 'Ny vurdering efter hjemvisning.' });
    expect(second.status).toBe(201);
    expect(second.body.decision.supersedesId).toBe(first.body.decision.id);
    const listed = (await api.get(`/permits/${id}/decisions`, APPLICANT)).body as { id: string; supersededById: string | null }[];
    expect(listed.map((d) => [d.id, d.supersededById])).toEqual([
      [second.body.decision.id, null],
      [first.body.decision.id, second.body.decision.id],
    ]);
    const text = await pdfText((await binary(`/documents/${second.body.decision.documentId}/content`, APPLICANT)).bytes);
    expect(text).toContain('Denne afgørelse erstatter afgørelsen af 4. maj 2026.');
    const [audit] = await api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.decisionIssued' ORDER BY id DESC LIMIT 1`, [id]);
    expect(audit.payload.supersedesId).toBe(first.body.decision.id);
    const published = ((await api.get('/public/decisions')).body.items as { id: string }[]).map((d) => d.id);
    expect(published).toContain(second.body.decision.id);
    expect(published).not.toContain(first.body.decision.id);
  }, 60_000);
});
