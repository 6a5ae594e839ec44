/**
 * One information request across authorities in the browser (issue 17 item 2), against the real
 * API: two authorities (Miljøstyrelsen, Kalundborg) bundle questions of three permits, the same
 * question merged; the company answers each question once on the case page, with a document, and
 * every permit's clock runs again. axe on the page (no serious/critical); 390 px without
 * horizontal scroll; screenshots docs/screenshots/info-bundle-company.png and -390.png.
 */
import { createCase, PHARMA_FACTS } from '../integration/support/http';
import { pageOverflow } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1, tinyPdf } from './support/web';

const APPLICANT = 'anna@nordlys.example';

describe('bundled information request (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, expectAxeClean, shot } = suite;
  let c: any;
  let bundleId = '';

  beforeAll(async () => {
    await suite.api.setClock('2027-03-01T08:00:00Z');
    c = await createCase(suite.api, APPLICANT, PHARMA_FACTS, 'Nordlys API-fabrik, Kalundborg (samlet anmodning)');
    await suite.api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    const id = (code: string) => c.permits.find((p: any) => p.code === code).id;
    await suite.api.permitEvent(id('MILJOEGODKENDELSE'), 'cw.mst', { type: 'authority.completenessConfirmed' });
    await suite.api.permitEvent(id('VANDINDVINDING'), 'cw.kalundborg', { type: 'authority.completenessConfirmed' });
    await suite.api.permitEvent(id('BUILDING_PERMIT'), 'cw.kalundborg', { type: 'authority.completenessConfirmed' });
    await suite.api.setClock('2027-03-05T09:00:00Z');
    // Miljøstyrelsen starts the case's draft with two questions (through the API).
    const b = await suite.api.post(
      `/cases/${c.id}/info-bundles`,
      { dueOn: '2027-03-19', questions: [{ permitIds: [id('MILJOEGODKENDELSE')], question: 'Send den opdaterede situationsplan.' }, { permitIds: [id('MILJOEGODKENDELSE')], question: 'Send støjberegningen for natperioden.' }] },
      'cw.mst',
    );
    expect(b.status).toBe(200);
    bundleId = b.body.id;
  });

  test('Kalundborg adds the same question for its two permits (merged), the coordinator sends the one request', async () => {
    const kal = await openAs('cw.kalundborg', `#/cases/${c.id}`);
    const panel = kal.getByTestId('info-bundles');
    await panel.getByTestId('info-bundle-authority').waitFor();
    // Least privilege: Miljøstyrelsen's questions are a count, not their text.
    await panel.getByText('2 spørgsmål fra andre myndigheder').waitFor();
    const form = panel.getByTestId('bundle-add-question');
    await form.getByLabel('Spørgsmål', { exact: true }).fill('send den opdaterede  situationsplan');
    await form.getByLabel('Byggetilladelse', { exact: true }).check();
    await form.getByLabel('Vandindvindingstilladelse', { exact: true }).check();
    await expectAxeClean(kal);
    await form.getByRole('button', { name: 'Tilføj til anmodningen' }).click();
    await panel.getByText('Spørgsmålet er tilføjet den samlede anmodning.').waitFor();
    // Merged into Miljøstyrelsen's identical question: one question, asked by three permits.
    await panel.getByText('1 spørgsmål fra andre myndigheder').waitFor();
    expect(await panel.getByTestId('info-bundle-authority').locator('li').count()).toBe(1);
    await shot(kal, 'info-bundle-caseworker');
    await expectAxeClean(kal);

    const coord = await openAs('coordinator', `#/cases/${c.id}`);
    const cp = coord.getByTestId('info-bundles');
    await cp.getByTestId('info-bundle-authority').locator('li').nth(1).waitFor();
    expect(await cp.getByTestId('info-bundle-authority').locator('li').count()).toBe(2);
    await cp.getByRole('button', { name: 'Send anmodningen til virksomheden' }).click();
    await cp.getByText('Anmodningen er sendt til virksomheden.').waitFor();
    expect(await cp.getByTestId('info-bundle-authority').getAttribute('data-status')).toBe('sent');
    await expectAxeClean(coord);
    await suite.api.setClock('2027-03-09T10:00:00Z');
  });

  test('the company answers the bundled request once; every permit that asked gets its answer and its clock runs again', async () => {
    const page = await openAs(APPLICANT, `#/cases/${c.id}`);
    expect(await h1(page)).toBe(c.title);
    const bundle = page.getByTestId('info-bundle');
    await bundle.waitFor();
    expect(await bundle.getByRole('heading', { level: 3 }).textContent()).toBe('Samlet anmodning om oplysninger fra 2 myndigheder');
    // Two questions (the site plan asked by three permits once), no separate answer form per permit.
    expect(await bundle.getByTestId('bundle-question-text').allTextContents()).toEqual(['Send den opdaterede situationsplan.', 'Send støjberegningen for natperioden.']);
    expect(await page.getByTestId('awaiting-applicant').locator('form').count()).toBe(1);
    await expectAxeClean(page);

    // Submitting with an empty answer is refused in the form, nothing sent.
    await bundle.getByRole('button', { name: 'Send alle svar' }).click();
    await bundle.getByText('Besvar alle spørgsmål, før du sender.').first().waitFor();
    await bundle.getByLabel('Svar på spørgsmål 1').fill('Den opdaterede situationsplan er vedhæftet.');
    await bundle.getByLabel('Dokumenter til spørgsmål 1').setInputFiles({ name: 'situationsplan-v3.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await bundle.getByLabel('Svar på spørgsmål 2').fill('Støjen ved nærmeste bolig er under 40 dB(A) om natten.');
    await shot(page, 'info-bundle-company');
    await expectAxeClean(page);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageOverflow(page)).toBe(0);
    await shot(page, 'info-bundle-company-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await bundle.getByRole('button', { name: 'Send alle svar' }).click();
    await page.getByText('Svaret er sendt til 3 tilladelser. Deres frister løber igen.').waitFor();
    await page.getByTestId('info-bundle').waitFor({ state: 'detached' });
    await expectAxeClean(page);

    const answered = await suite.api.get(`/info-bundles/${bundleId}`, APPLICANT);
    expect(answered.body.status).toBe('answered');
    expect(answered.body.questions[0].documentIds.length).toBe(1);
    for (const p of c.permits.filter((x: any) => x.code !== 'GMP_MANUFACTURING')) {
      const v = (await suite.api.get(`/permits/${p.id}`, APPLICANT)).body;
      expect(v.state).toBe('submitted.underReview');
      expect(v.clocks.target.running).toBe(true);
      const provided = await suite.api.ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [p.id]);
      expect(provided[0].n).toBe(1);
    }
  });
});
