/**
 * A joint hearing's one public page in the browser (issue 17 item 3), against the real API: the
 * municipality runs one hearing for a plan amendment, a local plan and an EIA permit; a citizen
 * answers without logging in and the comment reaches each permit's hearing. axe (no
 * serious/critical), 390 px without horizontal scroll; screenshot docs/screenshots/joint-hearing-public.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createCase, TestApi } from '../integration/support/http';
import { ROOT } from '../integration/support/env';
import { pageOverflow } from './support/daily';
import { h1, launchBrowser, seriousViolations, startWeb, type WebServer } from './support/web';

jest.setTimeout(240_000);

const SHOTS = join(ROOT, 'docs', 'screenshots');
const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';

describe('joint hearing (browser)', () => {
  let api: TestApi;
  let web: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let jointId = '';
  const permitIds: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await TestApi.start();
    web = await startWeb(new URL(api.base).origin);
    browser = await launchBrowser();
    await api.setClock('2027-01-11T09:00:00Z');
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex1' };
    const c = await createCase(api, APPLICANT, facts, 'Bølgepark Hillerød – fælles høring');
    await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    for (const code of ['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'VVM_PERMIT']) {
      const id = c.permits.find((p: any) => p.code === code).id;
      permitIds.push(id);
      expect((await api.permitEvent(id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    }
    const doc = await api.upload(APPLICANT, c.id, {}, { data: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'miljoekonsekvensrapport.pdf', type: 'application/pdf' });
    const draft = await api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: permitIds[0], minimumBasis: 'PL_24_4' }, { permitId: permitIds[1], minimumBasis: 'PL_24_5' }, { permitId: permitIds[2] }], documentIds: [doc.body.id] }, CW);
    expect(draft.status).toBe(200);
    jointId = draft.body.id;
    const started = await api.call('POST', `/joint-hearings/${jointId}/start`, { as: CW, headers: { 'if-match': `"${draft.body.version}"` } });
    expect(started.status).toBe(200);
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await web?.stop();
    await api?.stop();
  });

  test('a citizen answers the one public page without logging in; each permit gets the comment', async () => {
    const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${web.url}/#/joint-hearings/${jointId}`);
    expect(await h1(page)).toBe('Fælles høring: Bølgepark Hillerød – fælles høring');
    // 8 weeks (MVL §35) from Monday 11 January 2027: may end from 9 March.
    expect(await page.getByTestId('joint-hearing-period').innerText()).toContain('9. mar. 2027');
    expect(await page.getByTestId('joint-hearing-permits').locator('tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'miljoekonsekvensrapport.pdf' }).waitFor();
    await page.getByLabel('Navn').fill('Karen Borger');
    await page.getByLabel('E-mail').fill('karen@example.dk');
    await page.getByRole('textbox', { name: 'Høringssvar' }).fill('Lokalplanen bør sikre en grøn kile mod boligerne.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send høringssvar' }).click();
    await page.getByText('Tak. Dit høringssvar er modtaget.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'joint-hearing-public.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageOverflow(page)).toBe(0);

    for (const id of permitIds) {
      const hearings = await api.get(`/permits/${id}/hearings`, CW);
      expect(hearings.body.items[0].comments.map((x: any) => x.name)).toEqual(['Karen Borger']);
    }
  });
});
