/**
 * Issue 14 in Chromium against the real API (in process, real PostgreSQL + Redis): the applicant
 * edits the screening facts and confirms the added permit, fills the shared part and two permit sections in the schema-rendered form, uploads a required
 * document, sees the pre-submission check turn green and submits; a caseworker opens the case
 * page (other authorities' permits as summaries: no blank page) and the permit page, reads the
 * answer text and downloads the attachment. axe on every new page; screenshots in docs/screenshots.
 */
import { readFileSync } from 'node:fs';
import { PHARMA_APPLICATION, PHARMA_FACTS, SIMPLE_FACTS, SMALL_PDF } from '../integration/support/http';
import { useBrowserSuite } from './support/suite';
import { h1, tinyPdf } from './support/web';

const ANNA = 'anna@nordlys.example';
const ANSWER = 'Brandstrategien er opdateret: brandklasse 2, sprinkling i hele hallen. Se vedhæftede rapport.';

describe('the application in the web app (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, expectAxeClean, shot } = suite;
  let caseId = '';
  let buildingId = '';

  test('applicant fills the shared part and two sections, uploads a required document, sees the check turn green and submits', async () => {
    const created = await suite.api.post('/cases', { title: 'Lager med egen boring, Hillerød', facts: SIMPLE_FACTS }, ANNA);
    expect(created.status).toBe(201);
    caseId = created.body.id;
    buildingId = created.body.permits.find((p: { code: string }) => p.code === 'BUILDING_PERMIT').id;
    // Uploaded on an earlier day (the application is filled over days): two of the building permit's documents.
    for (const key of ['sitePlan', 'drawings']) expect((await suite.api.upload(ANNA, caseId, { permitId: buildingId, requirementKey: key })).status).toBe(201);

    const page = await openAs(ANNA, `#/cases/${caseId}`);
    await page.getByTestId('application-link').click();
    expect(await h1(page)).toBe('Ansøgning – Lager med egen boring, Hillerød');

    // The facts are part of the shared part: adding the well re-runs screening, shows the new
    // permit and applies it only once the company confirms.
    const factsEditor = page.getByTestId('facts-editor');
    await factsEditor.getByText('Ret screeningsoplysningerne').click();
    // Yes / no / don't know for every question (issue 13 item 15).
    await factsEditor.getByRole('group', { name: 'Indvinding af grundvand', exact: true }).getByLabel('Ja', { exact: true }).check();
    await factsEditor.getByRole('button', { name: 'Gem og screen igen' }).click();
    await page.getByTestId('permit-set-change').getByText('Nye tilladelser: Vandindvindingstilladelse').waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Bekræft ændringen' }).click();
    await page.getByText('Screeningsoplysningerne er gemt.').waitFor();
    await page.getByTestId('section-VANDINDVINDING').waitFor();
    const waterId = (await suite.api.get(`/cases/${caseId}`, ANNA)).body.permits.find((p: { code: string }) => p.code === 'VANDINDVINDING').id;

    // The renderer's control ids are the JSON Pointers made id-safe.
    const field = (pointer: string) => page.locator(`#f${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`);
    const fill = (pointer: string, value: string) => field(pointer).fill(value);
    const shared = PHARMA_APPLICATION.shared as Record<string, Record<string, unknown>>;
    await fill('/shared/company/cvr', '10000001');
    await fill('/shared/company/name', 'Nordlys Pharma A/S');
    await page.getByTestId('addf-shared-contacts').click();
    await fill('/shared/contacts/0/name', 'Anna Nordlys');
    await fill('/shared/contacts/0/email', 'anna@nordlys.example');
    await fill('/shared/site/address', 'Erhvervsvej 4, 3400 Hillerød');
    await fill('/shared/site/municipalityCode', '219');
    await page.getByTestId('addf-shared-site-cadastralParcels').click();
    await fill('/shared/site/cadastralParcels/0/matrikelnummer', '7b');
    await fill('/shared/site/cadastralParcels/0/ejerlav', 'Hillerød Overdrev');
    await fill('/shared/project/description', String(shared.project.description));
    await fill('/shared/project/constructionStartWish', '2027-09-01');
    await fill('/shared/project/operationStartWish', '2028-06-01');
    // Two permit sections, drawn from their catalogue schemas by the same renderer.
    await fill('/sections/BUILDING_PERMIT/buildingUse', 'Lagerhal');
    await fill('/sections/BUILDING_PERMIT/floorAreaM2', '2400');
    await fill('/sections/BUILDING_PERMIT/builtAreaM2', '2400');
    // Typed key by key, as a person does: "11," on its way to 11,5 must stay on screen (it once became 115).
    await field('/sections/BUILDING_PERMIT/heightM').pressSequentially('11,5');
    expect(await field('/sections/BUILDING_PERMIT/heightM').inputValue()).toBe('11,5');
    await field('/sections/BUILDING_PERMIT/consequenceClass').selectOption('CC2');
    await field('/sections/BUILDING_PERMIT/fireClass').selectOption('2');
    await fill('/sections/VANDINDVINDING/abstractionM3PerYear', '40000');
    await fill('/sections/VANDINDVINDING/wellLocation', 'DGU 200.5678');
    await fill('/sections/VANDINDVINDING/purpose', 'Kølevand');
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText('Kladden er gemt (version 3).').waitFor();
    expect((await suite.api.get(`/cases/${caseId}/application`, ANNA)).body.sections.BUILDING_PERMIT.heightM).toBe(11.5);

    const check = page.getByTestId('application-check');
    // Saved: only documents are missing now (the rule asking for each is shown).
    const building = check.locator('[data-permit-code="BUILDING_PERMIT"]');
    await building.getByText('1 mangler').waitFor();
    expect(await building.innerText()).toContain('Brandstrategirapport');
    expect(await check.locator('[data-permit-code="VANDINDVINDING"]').innerText()).toContain('Kort over boringens placering');
    await expectAxeClean(page);

    for (const [code, key, name] of [
      ['BUILDING_PERMIT', 'fireStrategy', 'brandstrategi.pdf'],
      ['VANDINDVINDING', 'wellLocationMap', 'boring.pdf'],
    ] as const) {
      await page.locator(`#file-${code}-${key}`).setInputFiles({ name, mimeType: 'application/pdf', buffer: tinyPdf() });
      await page.getByTestId(`docs-${code}`).locator(`[data-requirement="${key}"]`).getByRole('button', { name: 'Upload' }).click();
      await page.getByText(`${name} er uploadet.`).waitFor();
    }
    await check.locator('[data-permit-code="BUILDING_PERMIT"][data-complete="true"]').getByText('Klar til indsendelse').waitFor();
    await check.locator('[data-permit-code="VANDINDVINDING"][data-complete="true"]').waitFor();
    await expectAxeClean(page);
    await shot(page, 'application-applicant');

    await page.getByTestId('submit-complete').click();
    await page.getByText('Ansøgningen er indsendt.').waitFor();
    for (const id of [buildingId, waterId]) {
      const p = await suite.api.get(`/permits/${id}`, ANNA);
      expect([p.body.state, p.body.filing.filedIncomplete]).toEqual(['submitted.completenessCheck', false]);
    }
  });

  test('caseworker opens the case page and the permit page, reads the answer and downloads the attachment', async () => {
    // The authority asks; the company answers with a new fire strategy attached.
    expect((await suite.api.permitEvent(buildingId, 'cw.hillerod', { type: 'authority.infoRequested', question: 'Uddyb brandstrategien for hallen.' })).status).toBe(200);
    const report = Buffer.concat([SMALL_PDF, Buffer.from('% brandstrategi v2\n', 'latin1')]);
    const attachment = await suite.api.upload(ANNA, caseId, { permitId: buildingId, requirementKey: 'fireStrategy' }, { data: report, name: 'brandstrategi-v2.pdf', type: 'application/pdf' });
    expect(attachment.status).toBe(201);
    expect((await suite.api.permitEvent(buildingId, ANNA, { type: 'applicant.infoProvided', answer: ANSWER, documentIds: [attachment.body.id] })).status).toBe(200);

    const page = await openAs('cw.hillerod', `#/cases/${caseId}`);
    expect(await h1(page)).toBe('Lager med egen boring, Hillerød');
    await page.getByTestId('permits-table').waitFor();
    await page.getByTestId('permits-table').getByRole('link', { name: 'Byggetilladelse' }).click();
    expect(await h1(page)).toBe('Byggetilladelse');
    await page.getByTestId('application-shared').getByText('Erhvervsvej 4, 3400 Hillerød').waitFor();
    expect(await page.getByTestId('application-section').innerText()).toContain('Lagerhal');
    expect(await page.getByTestId('answer-text').innerText()).toBe(ANSWER);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('application-answers').getByRole('button', { name: 'Hent brandstrategi-v2.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('brandstrategi-v2.pdf');
    expect(readFileSync(await download.path()).equals(report)).toBe(true);
    await expectAxeClean(page);
    await shot(page, 'application-caseworker');
  });

  test('a caseworker’s case page shows other authorities’ permits as summaries instead of going blank', async () => {
    const created = await suite.api.post('/cases', { title: 'Nordlys API-fabrik, Kalundborg', facts: PHARMA_FACTS, application: PHARMA_APPLICATION }, ANNA);
    expect((await suite.api.caseEvent(created.body.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const page = await openAs('cw.kalundborg', `#/cases/${created.body.id}`);
    expect(await h1(page)).toBe('Nordlys API-fabrik, Kalundborg');
    const table = page.getByTestId('permits-table');
    await table.locator('[data-permit-code="GMP_MANUFACTURING"]').waitFor();
    expect(await table.locator('[data-permit-code="BUILDING_PERMIT"]').getByRole('link').count()).toBe(1);
    expect(await table.locator('[data-permit-code="GMP_MANUFACTURING"]').getByRole('link').count()).toBe(0);
    expect(await page.getByTestId('widget-error').count()).toBe(0);
    await expectAxeClean(page);
    // The application, read-only: the shared part and only Kalundborg's own sections.
    await page.getByTestId('application-link').click();
    expect(await h1(page)).toBe('Ansøgning – Nordlys API-fabrik, Kalundborg');
    await page.getByText('Industrivej 10, 4400 Kalundborg').waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Ansøgning om Byggetilladelse' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: /Miljøgodkendelse/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gem kladde' }).count()).toBe(0);
    await expectAxeClean(page);
  });

  test('unsaved input survives the company\'s own facts change and a save someone else made meanwhile (merged: both changes land)', async () => {
    const created = await suite.api.post('/cases', { title: 'Samtidig redigering', facts: SIMPLE_FACTS }, ANNA);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const page = await openAs(ANNA, `#/cases/${id}/application`);
    const height = page.locator('#f-sections-BUILDING-PERMIT-heightM');
    await height.pressSequentially('9,5');
    // The company's own facts change (a new version of the application) keeps what is typed but not saved.
    const factsEditor = page.getByTestId('facts-editor');
    await factsEditor.getByText('Ret screeningsoplysningerne').click();
    await factsEditor.getByRole('group', { name: 'Indvinding af grundvand', exact: true }).getByLabel('Ja', { exact: true }).check();
    await factsEditor.getByRole('button', { name: 'Gem og screen igen' }).click();
    await page.getByRole('button', { name: 'Bekræft ændringen' }).click();
    await page.getByText('Screeningsoplysningerne er gemt.').waitFor();
    await page.getByTestId('section-VANDINDVINDING').waitFor();
    expect(await height.inputValue()).toBe('9,5');
    // Meanwhile a consultant (here: the API) saves the application: the page's version is stale.
    const current = (await suite.api.get(`/cases/${id}/application`, ANNA)).body;
    const other = await suite.api.call('PUT', `/cases/${id}/application`, {
      as: ANNA,
      body: { shared: { ...current.shared, project: { ...(current.shared.project ?? {}), description: 'Lagerhal, gemt af konsulenten' } }, sections: current.sections },
      headers: { 'if-match': `"${current.version}"` },
    });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText('en anden har gemt ansøgningen i mellemtiden').waitFor();
    expect(await height.inputValue()).toBe('9,5'); // not thrown away by the reload
    // Merged: the consultant's change is in the form too (not overwritten by the second save).
    expect(await page.locator('#f-shared-project-description').inputValue()).toBe('Lagerhal, gemt af konsulenten');
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText(`Kladden er gemt (version ${other.body.version + 1}).`).waitFor();
    const saved = (await suite.api.get(`/cases/${id}/application`, ANNA)).body;
    expect([saved.sections.BUILDING_PERMIT.heightM, saved.shared.project.description]).toEqual([9.5, 'Lagerhal, gemt af konsulenten']);
  });
});
