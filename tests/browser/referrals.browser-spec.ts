/**
 * Issue 17 in the browser (Chromium against the real API, PostgreSQL and Redis): a caseworker
 * sends a referral (the Road Directorate's consent on a road access), the asked authority finds it
 * in its inbox, reads only the listed parts and answers; the asking caseworker sees the answer,
 * and the coordinator's Gantt shows the referral and the case page its gateways. axe on every
 * page (no serious/critical), 390 px without sideways scroll, screenshots in docs/screenshots.
 */
import { ROAD_ACCESS_FACTS } from '../integration/support/facts';
import { createCase } from '../integration/support/http';
import { pageOverflow } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const QUESTION = 'Giver Vejdirektoratet samtykke til den nye adgang 80 m fra statsvejen?';
const ANSWER = 'Vejdirektoratet giver samtykke på vilkår om oversigtsareal på 10 m.';

describe('referrals across authorities (browser, issue 17)', () => {
  const suite = useBrowserSuite();
  const { as, openAs, expectAxeClean, shot } = suite;
  let caseId = '';
  let roadId = '';
  let docName = '';
  let reference = '';
  let soilId = '';

  beforeAll(async () => {
    const c = await createCase(suite.api, 'anna@nordlys.example', ROAD_ACCESS_FACTS, 'Ny adgangsvej til tabletfabrik');
    caseId = c.id;
    reference = c.reference;
    expect((await suite.api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    roadId = c.permits.find((p: { code: string }) => p.code === 'ROAD_ACCESS').id;
    soilId = c.permits.find((p: { code: string }) => p.code === 'JFL_8').id;
    const upload = await suite.api.upload('anna@nordlys.example', c.id, { permitId: roadId, description: 'Situationsplan' });
    docName = upload.body.filename;
    expect((await suite.api.permitEvent(roadId, 'cw.hillerod', { type: 'authority.completenessConfirmed' })).status).toBe(200);
  });

  test('the caseworker sends a referral with the catalogue deadline and one document', async () => {
    const page = await openAs('cw.hillerod', `#/permits/${roadId}`);
    expect(await h1(page)).toBe('Tilladelse til vejadgang');
    const form = page.getByTestId('referral-form');
    await form.getByLabel('Myndighed').selectOption('VD');
    await form.getByLabel('Spørgsmål').fill(QUESTION);
    await form.getByLabel(docName).check();
    await expectAxeClean(page);
    await form.getByRole('button', { name: 'Send høring' }).click();
    await page.getByText('Høringen er sendt.').waitFor();
    const table = page.getByTestId('referral-table');
    await table.getByText('Vejdirektoratet').waitFor();
    expect(await table.getByTestId('referral-status').innerText()).toBe('Afventer svar');
    await expectAxeClean(page);
    await shot(page, 'referral-sent');
    // The permit page with the referral table and form at 390 px: no sideways scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('referral-form').waitFor();
    expect(await pageOverflow(page)).toBe(0);
  });

  test('the Road Directorate finds it in its inbox, reads only the listed parts and gives its consent', async () => {
    const page = await as('cw.vd');
    const inbox = page.getByTestId('referral-inbox');
    const link = inbox.getByRole('link', { name: `${reference} · ROAD_ACCESS` });
    await link.waitFor();
    await expectAxeClean(page);
    await shot(page, 'referral-inbox');
    await link.click();
    expect(await h1(page)).toBe('Høring: Tilladelse til vejadgang');
    await page.getByText(QUESTION).waitFor();
    const material = page.getByTestId('referral-material');
    expect(await material.getByRole('row').count()).toBe(2); // header + the one listed document
    await material.getByRole('rowheader', { name: docName }).waitFor();
    await expectAxeClean(page);
    await shot(page, 'referral-answer-form');

    const form = page.getByTestId('referral-answer-form');
    await form.getByLabel('Samtykke gives').check();
    await form.getByLabel('Svar', { exact: true }).fill(ANSWER);
    await form.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Svaret er sendt til den myndighed, der spurgte.').waitFor();
    await page.getByTestId('referral-answer').getByText(ANSWER).waitFor();
    expect(await page.getByTestId('referral-status').innerText()).toBe('Besvaret');
    await expectAxeClean(page);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('referral-answer').waitFor();
    expect(await pageOverflow(page)).toBe(0);
    await shot(page, 'referral-answered-390');
  });

  test('the asking caseworker sees the answer; the coordinator sees the referral in the Gantt and the gateways', async () => {
    const page = await openAs('cw.hillerod', `#/permits/${roadId}`);
    const table = page.getByTestId('referral-table');
    await table.getByText(ANSWER, { exact: false }).waitFor();
    expect(await table.getByTestId('referral-status').innerText()).toBe('Besvaret');

    const coord = await openAs('coordinator', `#/cases/${caseId}`);
    await coord.getByTestId('gantt').waitFor();
    expect(await coord.getByTestId('gantt-referral').count()).toBe(1);
    expect(await coord.getByTestId('gantt-referral').getAttribute('data-status')).toBe('answered');
    await coord.getByTestId('gateway-environment').waitFor();
    expect(await coord.getByTestId('gateway-environment').getAttribute('data-status')).toBe('open');
    await expectAxeClean(coord);
    await shot(coord, 'referral-gantt-gateways');
  });

  test('a coordinator records a call-in on the permit page: the state agency takes over, the change is listed', async () => {
    const page = await openAs('coordinator', `#/permits/${soilId}`);
    const panel = page.getByTestId('authority-change');
    await panel.getByText('Den afgørende myndighed er ikke skiftet.').waitFor();
    const form = page.getByTestId('authority-change-form');
    await form.getByLabel('Hjemtagelse (ministeren)').check();
    await form.getByLabel('Ny afgørende myndighed').selectOption('MST');
    await form.getByLabel('Begrundelse').fill('Ministeren hjemtager sagen af hensyn til national strategisk betydning.');
    await expectAxeClean(page);
    await form.getByRole('button', { name: 'Skift afgørende myndighed' }).click();
    await page.getByText('Den afgørende myndighed er skiftet.').waitFor();
    const row = page.getByTestId('authority-changes').getByRole('row').nth(1);
    await row.getByText('Miljøstyrelsen').waitFor();
    await expectAxeClean(page);
    await shot(page, 'authority-call-in');
    const [audit] = await suite.api.ds.query(`SELECT reason FROM audit_events WHERE permit_id = $1 AND event_type = 'authority.calledIn'`, [soilId]);
    expect(audit.reason).toContain('Ministeren hjemtager');
  });
});
