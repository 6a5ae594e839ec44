/**
 * Issue 15 in the browser (Chromium against the real API, PostgreSQL and Redis): a caseworker
 * previews and issues a decision with two conditions (with a confirmation step), the applicant
 * sees the decision first and opens its PDF, and a citizen answers a public hearing without
 * logging in. axe on every page (no serious/critical), screenshots in docs/screenshots.
 */
import { createCase } from '../integration/support/http';
import { answerPublicHearing } from './support/hearing';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const FACTS = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2' };
const CONDITIONS = ['Støj må ikke overstige 45 dB(A) om natten.', 'Overfladevand ledes til forsinkelsesbassin.'];

describe('decisions, hearings and publication (browser)', () => {
  const suite = useBrowserSuite();
  const { as, openAs, anonymous, expectAxeClean, shot } = suite;
  let vvmId = '';
  let hearingId = '';

  beforeAll(async () => {
    // Case 1: the VVM screening is ready for a decision.
    const c = await createCase(suite.api, 'anna@nordlys.example', FACTS, 'Udvidelse af fermenteringsanlæg');
    expect((await suite.api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    vvmId = c.permits.find((p: { code: string }) => p.code === 'VVM_SCREENING').id;
    expect((await suite.api.permitEvent(vvmId, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);

    // Case 2: the environmental permit is in public hearing, with the application as its proposal.
    const c2 = await createCase(suite.api, 'bo@bolge.example', FACTS, 'Nyt biotekanlæg i Hillerød');
    expect((await suite.api.caseEvent(c2.id, 'bo@bolge.example', { type: 'case.submitted' })).status).toBe(200);
    const byCode = Object.fromEntries(c2.permits.map((p: { code: string; id: string }) => [p.code, p.id]));
    expect((await suite.api.permitEvent(byCode.VVM_SCREENING, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await suite.api.permitEvent(byCode.VVM_SCREENING, 'cw.hillerod', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Ingen væsentlige virkninger.' })).status).toBe(200);
    const upload = await suite.api.upload('bo@bolge.example', c2.id, { permitId: byCode.MILJOEGODKENDELSE, description: 'Ansøgning' });
    expect((await suite.api.permitEvent(byCode.MILJOEGODKENDELSE, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await suite.api.permitEvent(byCode.MILJOEGODKENDELSE, 'cw.hillerod', { type: 'authority.hearingStarted', documentIds: [upload.body.id] })).status).toBe(200);
    [{ id: hearingId }] = await suite.api.ds.query(`SELECT id FROM hearings WHERE permit_id = $1`, [byCode.MILJOEGODKENDELSE]);
  });

  test('caseworker previews and issues a decision with two conditions, after confirming', async () => {
    const page = await openAs('cw.hillerod', `#/permits/${vvmId}`);
    expect(await h1(page)).toBe('VVM-screening');
    const editor = page.getByTestId('decision-editor');
    await editor.getByLabel('Tilladelse givet med vilkår').check();
    await editor.getByLabel('Vilkår 1', { exact: true }).fill(CONDITIONS[0]);
    await editor.getByRole('button', { name: 'Tilføj vilkår' }).click();
    await editor.getByLabel('Vilkår 2', { exact: true }).fill(CONDITIONS[1]);
    await editor.getByLabel('Begrundelse').fill('Projektet er ikke omfattet af krav om miljøvurdering.');
    await expectAxeClean(page);

    const [preview] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/permits/${vvmId}/decision/preview`)), editor.getByRole('button', { name: 'Forhåndsvis afgørelse (PDF)' }).click()]);
    expect([preview.status(), preview.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(Number(preview.headers()['content-length'])).toBeGreaterThan(5_000);
    expect(Number((await suite.api.ds.query(`SELECT count(*)::int AS n FROM decision_documents WHERE permit_id = $1`, [vvmId]))[0].n)).toBe(0);

    await editor.getByRole('button', { name: 'Træf afgørelse …' }).click();
    const confirm = editor.getByRole('alertdialog', { name: 'Bekræft afgørelsen' });
    await confirm.waitFor();
    await expectAxeClean(page);
    await shot(page, 'decision-confirm');
    await confirm.getByRole('button', { name: 'Bekræft og udsted' }).click();
    await page.getByText('Afgørelsen er udstedt og sendt til virksomheden.').waitFor();
    const panel = page.getByTestId('decision-panel');
    expect(await panel.getByTestId('decision-conditions').locator('li').allInnerTexts()).toEqual(CONDITIONS);
    const [row] = await suite.api.ds.query(`SELECT conditions FROM decision_documents WHERE permit_id = $1`, [vvmId]);
    expect(row.conditions).toEqual(CONDITIONS);
    await expectAxeClean(page);
  });

  test('applicant sees the decision first, the appeal period, and opens the PDF', async () => {
    const page = await openAs('anna@nordlys.example', `#/permits/${vvmId}`);
    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    // The decision comes before the actions and the history.
    const order = await page.locator('[data-testid="decision-panel"], [data-testid="permit-actions"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['decision-panel', 'permit-actions']);
    const { clocks } = (await suite.api.get(`/permits/${vvmId}`, 'anna@nordlys.example')).body;
    expect(await panel.getByTestId('appeal-period').innerText()).toContain('Afgørelsen kan påklages til og med den');
    expect(await page.getByRole('button', { name: 'Træk ansøgningen tilbage' }).count()).toBe(0);
    expect(clocks.appealDeadlineOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectAxeClean(page);
    await shot(page, 'decision-applicant');

    const open = panel.getByRole('button', { name: /Åbn afgørelsen af .* \(PDF\)/ });
    const [pdf] = await Promise.all([page.waitForResponse((r) => /\/documents\/[0-9a-f-]+\/content$/.test(r.url())), open.click()]);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(Number(pdf.headers()['content-length'])).toBeGreaterThan(5_000);
    expect(pdf.headers()['repr-digest']).toMatch(/^sha-256=:/);
  });

  test('a citizen answers the public hearing without logging in', async () => {
    const page = await anonymous();
    await page.goto(`${suite.url}/#/hearings/${hearingId}`);
    expect(await h1(page)).toBe('Høring: Miljøgodkendelse');
    expect(await page.getByTestId('hearing-period').innerText()).toContain('tidligst afsluttes');
    await page.getByRole('link', { name: 'note.pdf' }).waitFor();
    await answerPublicHearing(page, { name: 'Karen Borger', email: 'karen@example.dk', comment: 'Jeg bor 200 m fra anlægget og ønsker natstøjen begrænset.' });
    await shot(page, 'hearing-public');
    const [c] = await suite.api.ds.query(`SELECT name, late FROM hearing_comments WHERE hearing_id = $1`, [hearingId]);
    expect(c).toEqual({ name: 'Karen Borger', late: false });

    // The caseworker sees it on the permit.
    const cw = await as('cw.hillerod');
    const [{ permit_id }] = await suite.api.ds.query(`SELECT permit_id FROM hearings WHERE id = $1`, [hearingId]);
    await cw.goto(`${suite.url}/#/permits/${permit_id}`);
    await cw.getByTestId('hearing-comments').getByText('Karen Borger').waitFor();
    await expectAxeClean(cw);
  });
});
