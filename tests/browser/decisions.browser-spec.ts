/**
 * Issue 15 in the browser (Chromium against the real API, PostgreSQL and Redis): a caseworker
 * previews and issues a decision with two conditions (with a confirmation step), the applicant
 * sees the decision first and opens its PDF, and a citizen answers a public hearing without
 * logging in. axe on every page (no serious/critical), screenshots in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../integration/support/env';
import { createCase, TestApi } from '../integration/support/http';
import { h1, launchBrowser, loginAs, seriousViolations, startWeb, type WebServer } from './support/web';

jest.setTimeout(240_000);

const SHOTS = join(ROOT, 'docs', 'screenshots');
const FACTS = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex2' };
const CONDITIONS = ['Støj må ikke overstige 45 dB(A) om natten.', 'Overfladevand ledes til forsinkelsesbassin.'];

describe('decisions, hearings and publication (browser)', () => {
  let api: TestApi;
  let web: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let vvmId = '';
  let hearingId = '';

  async function as(username: string): Promise<Page> {
    const { context, page } = await loginAs(browser, web.url, username);
    contexts.push(context);
    return page;
  }
  const expectAxeClean = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await TestApi.start();
    web = await startWeb(new URL(api.base).origin);
    browser = await launchBrowser();

    // Case 1: the VVM screening is ready for a decision.
    const c = await createCase(api, 'anna@nordlys.example', FACTS, 'Udvidelse af fermenteringsanlæg');
    expect((await api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    vvmId = c.permits.find((p: { code: string }) => p.code === 'VVM_SCREENING').id;
    expect((await api.permitEvent(vvmId, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);

    // Case 2: the environmental permit is in public hearing, with the application as its proposal.
    const c2 = await createCase(api, 'bo@bolge.example', FACTS, 'Nyt biotekanlæg i Hillerød');
    expect((await api.caseEvent(c2.id, 'bo@bolge.example', { type: 'case.submitted' })).status).toBe(200);
    const byCode = Object.fromEntries(c2.permits.map((p: { code: string; id: string }) => [p.code, p.id]));
    expect((await api.permitEvent(byCode.VVM_SCREENING, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(byCode.VVM_SCREENING, 'cw.hillerod', { type: 'authority.decisionIssued', outcome: 'granted', reason: 'Ingen væsentlige virkninger.' })).status).toBe(200);
    const upload = await api.upload('bo@bolge.example', c2.id, { permitId: byCode.MILJOEGODKENDELSE, description: 'Ansøgning' });
    expect((await api.permitEvent(byCode.MILJOEGODKENDELSE, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    expect((await api.permitEvent(byCode.MILJOEGODKENDELSE, 'cw.hillerod', { type: 'authority.hearingStarted', documentIds: [upload.body.id] })).status).toBe(200);
    [{ id: hearingId }] = await api.ds.query(`SELECT id FROM hearings WHERE permit_id = $1`, [byCode.MILJOEGODKENDELSE]);
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await web?.stop();
    await api?.stop();
  });

  test('caseworker previews and issues a decision with two conditions, after confirming', async () => {
    const page = await as('cw.hillerod');
    await page.goto(`${web.url}/#/permits/${vvmId}`);
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
    expect(Number((await api.ds.query(`SELECT count(*)::int AS n FROM decision_documents WHERE permit_id = $1`, [vvmId]))[0].n)).toBe(0);

    await editor.getByRole('button', { name: 'Træf afgørelse …' }).click();
    const confirm = editor.getByRole('alertdialog', { name: 'Bekræft afgørelsen' });
    await confirm.waitFor();
    await expectAxeClean(page);
    await shot(page, 'decision-confirm');
    await confirm.getByRole('button', { name: 'Bekræft og udsted' }).click();
    await page.getByText('Afgørelsen er udstedt og sendt til virksomheden.').waitFor();
    const panel = page.getByTestId('decision-panel');
    expect(await panel.getByTestId('decision-conditions').locator('li').allInnerTexts()).toEqual(CONDITIONS);
    const [row] = await api.ds.query(`SELECT conditions FROM decision_documents WHERE permit_id = $1`, [vvmId]);
    expect(row.conditions).toEqual(CONDITIONS);
    await expectAxeClean(page);
  });

  test('applicant sees the decision first, the appeal period, and opens the PDF', async () => {
    const page = await as('anna@nordlys.example');
    await page.goto(`${web.url}/#/permits/${vvmId}`);
    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    // The decision comes before the actions and the history.
    const order = await page.locator('[data-testid="decision-panel"], [data-testid="permit-actions"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['decision-panel', 'permit-actions']);
    const { clocks } = (await api.get(`/permits/${vvmId}`, 'anna@nordlys.example')).body;
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
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${web.url}/#/hearings/${hearingId}`);
    expect(await h1(page)).toBe('Høring: Miljøgodkendelse');
    expect(await page.getByTestId('hearing-period').innerText()).toContain('tidligst afsluttes');
    await page.getByRole('link', { name: 'note.pdf' }).waitFor();
    await page.getByLabel('Navn').fill('Karen Borger');
    await page.getByLabel('E-mail').fill('karen@example.dk');
    await page.getByRole('textbox', { name: 'Høringssvar' }).fill('Jeg bor 200 m fra anlægget og ønsker natstøjen begrænset.');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Send høringssvar' }).click();
    await page.getByText('Tak. Dit høringssvar er modtaget.').waitFor();
    await expectAxeClean(page);
    await shot(page, 'hearing-public');
    const [c] = await api.ds.query(`SELECT name, late FROM hearing_comments WHERE hearing_id = $1`, [hearingId]);
    expect(c).toEqual({ name: 'Karen Borger', late: false });

    // The caseworker sees it on the permit.
    const cw = await as('cw.hillerod');
    const [{ permit_id }] = await api.ds.query(`SELECT permit_id FROM hearings WHERE id = $1`, [hearingId]);
    await cw.goto(`${web.url}/#/permits/${permit_id}`);
    await cw.getByTestId('hearing-comments').getByText('Karen Borger').waitFor();
    await expectAxeClean(cw);
  });
});
