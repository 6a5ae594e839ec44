/**
 * A joint hearing's one public page in the browser (issue 17 item 3), against the real API: the
 * municipality runs one hearing for a plan amendment, a local plan and an EIA permit; a citizen
 * answers without logging in and the comment reaches each permit's hearing. axe (no
 * serious/critical), 390 px without horizontal scroll; screenshot docs/screenshots/joint-hearing-public.png.
 * The authorities' side (issue 17 item 3, web): a caseworker creates a joint hearing on the case
 * page with a lawful shorter minimum, starts it (earliest end = the longest minimum), sees the
 * comments routed to their permits and is refused an early end (422 shown);
 * screenshot docs/screenshots/joint-hearing-caseworker.png.
 */
import { createSubmittedCase } from '../integration/support/http';
import { pageOverflow } from './support/daily';
import { answerPublicHearing } from './support/hearing';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const APPLICANT = 'anna@nordlys.example';
const CW = 'cw.hillerod';

describe('joint hearing (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, anonymous, expectAxeClean, shot } = suite;
  let jointId = '';
  const permitIds: string[] = [];

  beforeAll(async () => {
    await suite.api.setClock('2027-01-11T09:00:00Z');
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex1' };
    const c = await createSubmittedCase(suite.api, APPLICANT, facts, 'Bølgepark Hillerød – fælles høring');
    for (const code of ['KOMMUNEPLANTILLAEG', 'LOKALPLAN', 'VVM_PERMIT']) {
      const id = c.permits.find((p: any) => p.code === code).id;
      permitIds.push(id);
      expect((await suite.api.permitEvent(id, CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    }
    const doc = await suite.api.upload(APPLICANT, c.id, {}, { data: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'miljoekonsekvensrapport.pdf', type: 'application/pdf' });
    const draft = await suite.api.post(`/cases/${c.id}/joint-hearings`, { permits: [{ permitId: permitIds[0], minimumBasis: 'PL_24_4' }, { permitId: permitIds[1], minimumBasis: 'PL_24_5' }, { permitId: permitIds[2] }], documentIds: [doc.body.id] }, CW);
    expect(draft.status).toBe(200);
    jointId = draft.body.id;
    const started = await suite.api.call('POST', `/joint-hearings/${jointId}/start`, { as: CW, headers: { 'if-match': `"${draft.body.version}"` } });
    expect(started.status).toBe(200);
  });

  test('a citizen answers the one public page without logging in; each permit gets the comment', async () => {
    const page = await anonymous();
    await page.goto(`${suite.url}/#/joint-hearings/${jointId}`);
    expect(await h1(page)).toBe('Fælles høring: Bølgepark Hillerød – fælles høring');
    // 8 weeks (MVL §35) from Monday 11 January 2027: may end from 9 March.
    expect(await page.getByTestId('joint-hearing-period').innerText()).toContain('9. mar. 2027');
    expect(await page.getByTestId('joint-hearing-permits').locator('tbody tr').count()).toBe(3);
    await page.getByRole('link', { name: 'miljoekonsekvensrapport.pdf' }).waitFor();
    await answerPublicHearing(page, { name: 'Karen Borger', email: 'karen@example.dk', comment: 'Lokalplanen bør sikre en grøn kile mod boligerne.' });
    await shot(page, 'joint-hearing-public');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageOverflow(page)).toBe(0);

    for (const id of permitIds) {
      const hearings = await suite.api.get(`/permits/${id}/hearings`, CW);
      expect(hearings.body.items[0].comments.map((x: any) => x.name)).toEqual(['Karen Borger']);
    }
  });

  test('a caseworker creates and starts a joint hearing on the case page; the earliest end is the longest minimum; an early end is refused', async () => {
    await suite.api.setClock('2027-01-11T09:00:00Z'); // Monday
    const facts = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: false, listedActivity: { annex: 'annex2', sMarked: false }, eiaAnnex: 'annex1' };
    const c = await createSubmittedCase(suite.api, APPLICANT, facts, 'Skovsø Hillerød – fælles høring fra sagen');
    const ids: Record<string, string> = {};
    for (const code of ['KOMMUNEPLANTILLAEG', 'LOKALPLAN']) {
      ids[code] = c.permits.find((p: any) => p.code === code).id;
      expect((await suite.api.permitEvent(ids[code], CW, { type: 'authority.completenessConfirmed' })).status).toBe(200);
    }
    const page = await openAs(CW, `#/cases/${c.id}`);
    const panel = page.getByTestId('joint-hearings');
    await panel.getByText('Der er ingen fælles høring i sagen.').waitFor();
    const form = panel.getByTestId('joint-hearing-add');
    await form.getByLabel('Kommuneplantillæg', { exact: true }).check();
    await form.getByLabel('Lokalplan', { exact: true }).check();
    // The local plan under PL §24(5): 4 weeks instead of the general 8.
    await form.locator('select:has(option[value="PL_24_5"])').selectOption('PL_24_5');
    await expectAxeClean(page);
    await form.getByRole('button', { name: 'Opret den fælles høring' }).click();
    await panel.getByText('Tilladelserne er tilføjet den fælles høring.').waitFor();
    const card = panel.getByTestId('joint-hearing-authority');
    expect(await card.getAttribute('data-status')).toBe('draft');
    expect(await card.getByTestId('joint-hearing-members').locator('li').count()).toBe(2);
    await card.getByRole('button', { name: 'Start den fælles høring' }).click();
    await panel.getByText('Den fælles høring er startet.').waitFor();
    expect(await card.getAttribute('data-status')).toBe('open');
    const joint = (await suite.api.get(`/cases/${c.id}/joint-hearings`, CW)).body.items[0];
    expect(joint.status).toBe('open');
    expect(joint.permits.find((p: any) => p.permitId === ids.LOKALPLAN).minimumBasis).toBe('PL_24_5');
    // The longest minimum: the plan amendment's 8 weeks (PL §24(3)) beat the local plan's 4 — from Monday 11 January, may end from 9 March.
    expect(await card.getByTestId('joint-hearing-earliest-end').innerText()).toContain('9. mar. 2027');
    // A comment on the public page reaches each of the caseworker's permits.
    const commented = await suite.api.call('POST', `/public/joint-hearings/${joint.id}/comments`, { body: { name: 'Ole Nabo', email: 'ole@example.dk', text: 'Bevar stien langs søen.', website: '' } });
    expect(commented.status).toBe(201);
    await page.reload();
    await panel.getByTestId('joint-hearing-comments').first().waitFor();
    expect(await panel.getByTestId('joint-hearing-comments').allInnerTexts()).toEqual(['1 høringssvar til jeres tilladelse · Behandl høringssvarene', '1 høringssvar til jeres tilladelse · Behandl høringssvarene']);
    // Ending before the earliest end: the API's 422 JOINT_HEARING.MINIMUM_NOT_REACHED, shown.
    await card.getByRole('button', { name: 'Afslut den fælles høring' }).click();
    await panel.getByText(/Høringen kan tidligst afsluttes 9\. mar\. 2027/).waitFor();
    expect(await card.getAttribute('data-status')).toBe('open');
    await expectAxeClean(page);
    await shot(page, 'joint-hearing-caseworker');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageOverflow(page)).toBe(0);
    // From the earliest end it closes.
    await suite.api.setClock('2027-03-10T09:00:00Z');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await card.getByRole('button', { name: 'Afslut den fælles høring' }).click();
    await panel.getByText('Den fælles høring er afsluttet.').waitFor();
    expect(await card.getAttribute('data-status')).toBe('ended');
  });
});
