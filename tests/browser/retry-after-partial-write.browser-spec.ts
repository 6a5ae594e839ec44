/**
 * Sending again after a partly successful send, in Chromium against the real API. Three forms
 * make two or more requests for one click: "create and submit" (create the case, then submit it),
 * the answer to an information request (upload the documents, then send the answer) and the
 * answer to a bundled request (the same). The second request is made to fail once (the browser
 * aborts it, as a dropped connection would) and the user clicks again: the retry must finish the
 * work without doing the first part twice — one case, not two; each document once, not twice.
 */
import type { Page } from 'playwright-core';
import { createCase, createConfirmedSimpleCase, PHARMA_FACTS } from '../integration/support/http';
import { useBrowserSuite } from './support/suite';
import { h1, tinyPdf, wizardToCreateStep } from './support/web';

const ANNA = 'anna@nordlys.example';

/** The first `method` request whose URL path matches `path` is aborted (a connection that dropped); later ones pass. */
async function failOnce(page: Page, path: RegExp, method = 'POST'): Promise<{ aborted: () => number }> {
  let aborted = 0;
  await page.route(
    (url) => path.test(url.pathname),
    async (route) => {
      if (route.request().method() === method && aborted === 0) {
        aborted += 1;
        await route.abort('connectionreset');
      } else await route.continue();
    },
  );
  return { aborted: () => aborted };
}

describe('retry after a partly successful send (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, expectAxeClean } = suite;

  test('create and submit: when only the submit failed, trying again submits the case created the first time', async () => {
    const title = `Gentaget indsendelse ${Date.now()}`;
    const page = await openAs(ANNA, '#/cases/new');
    expect(await h1(page)).toBe('Ny sag');
    await wizardToCreateStep(page, title);

    const submit = await failOnce(page, /\/api\/v1\/cases\/[0-9a-f-]{36}\/events$/);
    await page.getByRole('button', { name: 'Opret og indsend sag' }).click();
    await page.getByText('Sagen er oprettet, men blev ikke indsendt', { exact: true }).waitFor();
    expect(submit.aborted()).toBe(1);
    // The user is told the draft exists, and can open it; the form now only submits it.
    const draftLink = page.getByTestId('created-draft').getByRole('link', { name: `Åbn kladden "${title}"` });
    expect(await draftLink.count()).toBe(1);
    expect(await page.getByLabel('Sagens titel').getAttribute('readonly')).not.toBeNull();
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Indsend sagen' }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(title);
    const cases = await suite.api.ds.query(`SELECT id, state FROM cases WHERE title = $1`, [title]);
    expect(cases).toEqual([{ id: expect.any(String), state: 'inProgress' }]);
    expect(new URL(page.url()).hash).toBe(`#/cases/${cases[0].id}`);
  });

  test('create whose answer was lost: the form is locked and trying again is answered with the case created the first time', async () => {
    const title = `Tabt svar ${Date.now()}`;
    const page = await openAs(ANNA, '#/cases/new');
    await wizardToCreateStep(page, title);
    await page.getByLabel('Indsend sagen til myndighederne med det samme').uncheck();

    // The first create reaches the API (the case is created) but its answer never reaches the browser.
    let lost = 0;
    await page.route(
      (url) => url.pathname === '/api/v1/cases',
      async (route) => {
        if (route.request().method() !== 'POST' || lost > 0) return route.continue();
        lost += 1;
        await route.fetch();
        await route.abort('connectionreset');
      },
    );
    await page.getByRole('button', { name: 'Opret sag som kladde' }).click();
    await page.getByText('Vi fik intet svar, så vi ved ikke, om sagen blev oprettet.', { exact: false }).waitFor();
    expect(lost).toBe(1);
    const cases = () => suite.api.ds.query(`SELECT id FROM cases WHERE title = $1`, [title]);
    expect((await cases()).length).toBe(1);
    // Locked: the retry sends the same body with the same Idempotency-Key.
    expect(await page.getByLabel('Sagens titel').getAttribute('readonly')).not.toBeNull();

    await page.getByRole('button', { name: 'Opret sag som kladde' }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(title);
    const after = await cases();
    expect(after.length).toBe(1);
    expect(new URL(page.url()).hash).toBe(`#/cases/${after[0].id}`);
  });

  test('answer to an information request: when only the answer failed, trying again sends it with the documents uploaded the first time', async () => {
    const { created, permit } = await createConfirmedSimpleCase(suite.api, '2027-02-01T08:00:00Z', `Gentaget svar ${Date.now()}`);
    const asked = await suite.api.permitEvent(permit.id, 'cw.hillerod', { type: 'authority.infoRequested', question: 'Indsend facadetegninger.' });
    expect(asked.status).toBe(200);

    const page = await openAs(ANNA, `#/cases/${created.id}`);
    const awaiting = page.getByTestId('awaiting-applicant');
    await awaiting.getByLabel('Dit svar').fill('Tegningerne er vedhæftet.');
    await awaiting.getByLabel('Vedhæft dokumenter').setInputFiles([
      { name: 'facade-nord.pdf', mimeType: 'application/pdf', buffer: tinyPdf() },
      { name: 'facade-syd.pdf', mimeType: 'application/pdf', buffer: tinyPdf() },
    ]);
    const answer = await failOnce(page, /\/api\/v1\/permits\/[0-9a-f-]{36}\/events$/);
    await awaiting.getByRole('button', { name: 'Send svar' }).click();
    await awaiting.getByText('Svaret kunne ikke sendes', { exact: true }).waitFor();
    expect(answer.aborted()).toBe(1);
    // The two documents were uploaded before the answer failed.
    const docs = () => suite.api.ds.query(`SELECT filename FROM documents WHERE permit_id = $1 ORDER BY filename`, [permit.id]);
    expect(await docs()).toEqual([{ filename: 'facade-nord.pdf' }, { filename: 'facade-syd.pdf' }]);

    await awaiting.getByRole('button', { name: 'Send svar' }).click();
    await page.getByText('Dit svar er sendt (2 dokument(er) vedhæftet).', { exact: false }).waitFor();
    // Not uploaded again, and the answer names the documents uploaded the first time.
    expect(await docs()).toEqual([{ filename: 'facade-nord.pdf' }, { filename: 'facade-syd.pdf' }]);
    const provided = await suite.api.ds.query(`SELECT payload FROM audit_events WHERE permit_id = $1 AND event_type = 'applicant.infoProvided'`, [permit.id]);
    expect(provided.length).toBe(1);
    const ids = await suite.api.ds.query(`SELECT id::text FROM documents WHERE permit_id = $1 ORDER BY id`, [permit.id]);
    expect([...provided[0].payload.documentIds].sort()).toEqual(ids.map((d: { id: string }) => d.id).sort());
  });

  test('answer to a bundled request: when only the answer failed, trying again sends it with the documents uploaded the first time', async () => {
    await suite.api.setClock('2027-03-01T08:00:00Z');
    const c = await createCase(suite.api, ANNA, PHARMA_FACTS, `Gentaget samlet svar ${Date.now()}`);
    expect((await suite.api.caseEvent(c.id, ANNA, { type: 'case.submitted' })).status).toBe(200);
    const mga = c.permits.find((p: { code: string }) => p.code === 'MILJOEGODKENDELSE').id;
    expect((await suite.api.permitEvent(mga, 'cw.mst', { type: 'authority.completenessConfirmed' })).status).toBe(200);
    const b = await suite.api.post(`/cases/${c.id}/info-bundles`, { dueOn: '2027-03-19', questions: [{ permitIds: [mga], question: 'Send situationsplanen.' }] }, 'cw.mst');
    expect(b.status).toBe(200);
    const sent = await suite.api.post(`/info-bundles/${b.body.id}/send`, {}, 'coordinator', { 'If-Match': `"${b.body.version}"` });
    expect(sent.status).toBe(200);

    const page = await openAs(ANNA, `#/cases/${c.id}`);
    const bundle = page.getByTestId('info-bundle');
    await bundle.getByLabel('Svar på spørgsmål 1').fill('Situationsplanen er vedhæftet.');
    await bundle.getByLabel('Dokumenter til spørgsmål 1').setInputFiles({ name: 'situationsplan.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    const answer = await failOnce(page, /\/api\/v1\/info-bundles\/[0-9a-f-]{36}\/answers$/);
    await bundle.getByRole('button', { name: 'Send alle svar' }).click();
    await bundle.getByText('Svaret kunne ikke sendes', { exact: true }).waitFor();
    expect(answer.aborted()).toBe(1);
    const docs = () => suite.api.ds.query(`SELECT id::text FROM documents WHERE case_id = $1 AND filename = 'situationsplan.pdf'`, [c.id]);
    expect((await docs()).length).toBe(1);

    await bundle.getByRole('button', { name: 'Send alle svar' }).click();
    await page.getByText('Svaret er sendt til 1 tilladelser. Deres frister løber igen.').waitFor();
    const uploaded = await docs();
    expect(uploaded.length).toBe(1);
    const answered = await suite.api.get(`/info-bundles/${b.body.id}`, ANNA);
    expect(answered.body.status).toBe('answered');
    expect(answered.body.questions[0].documentIds).toEqual([uploaded[0].id]);
  });
});
