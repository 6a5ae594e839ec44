/**
 * Issue 16 items 5–6 and the coordinator's tools in the browser (Chromium against the real API,
 * real PostgreSQL + Redis): the company consents in the web app and the case gets a public page
 * (no login; company, permits, planned and missed dates, nothing personal), revoking takes it
 * down; the public statistics page; a coordinator downloads the Gantt as PDF and PNG, reassigns a
 * permit's task to a colleague and escalates it, and has no withdraw button. axe on every page,
 * 390 px without sideways scroll; screenshots to docs/screenshots/transparency-*.png.
 */
import { readFileSync } from 'node:fs';
import { createCase, PHARMA_FACTS } from '../integration/support/http';
import { checkNarrow } from './support/daily';
import { useBrowserSuite } from './support/suite';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('transparency and coordinator tools (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, anonymous, expectAxeClean, shot } = suite;
  const title = `Hemmeligt byggeri ${Date.now()}`;
  let c: any;
  let mgaId = '';

  beforeAll(async () => {
    await suite.api.setClock('2027-06-01T09:00:00Z');
    c = await createCase(suite.api, 'anna@nordlys.example', PHARMA_FACTS, title);
    await suite.api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' });
    mgaId = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE').id;
    const water = c.permits.find((p: any) => p.code === 'VANDINDVINDING');
    const proposed = await suite.api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    const agreed = await suite.api.call('POST', `/cases/${c.id}/coordinated-plan/agree`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${proposed.body.version}"` } });
    const planned = agreed.body.items.find((i: any) => i.permitId === water.id).planned.decisionOn;
    await suite.api.setClock(`${addDays(planned, 3)}T09:00:00Z`);
    const missed = await suite.api.call('POST', `/cases/${c.id}/coordinated-plan/items/${water.id}/missed`, {
      as: 'cw.kalundborg',
      body: { explanation: 'Vandteamet manglede kapacitet i sommerferien' },
      headers: { 'if-match': `"${agreed.body.version}"` },
    });
    expect(missed.status).toBe(200);
    await suite.api.ds.query(
      `INSERT INTO users (username, display_name, email, role, authority_id, locale)
       SELECT 'cw.miljoe.kollega.web16', 'Mikkel Kollega', 'mikkel.kollega@miljoestyrelsen.example', 'caseworker', id, 'da' FROM authorities WHERE code = 'MST' ON CONFLICT (username) DO NOTHING`,
    );
    await suite.api.post('/test/clock', { now: `${addDays(planned, 3)}T10:00:00Z`, forecasts: true });
  });

  test('without consent the public page says so; the company consents in the web app', async () => {
    const visitor = await anonymous();
    await visitor.goto(`${suite.url}/#/public/cases/${c.reference}`);
    await visitor.getByTestId('public-case-not-found').waitFor();

    const page = await openAs('anna@nordlys.example', `#/cases/${c.id}`);
    const panel = page.getByTestId('publication-panel');
    await panel.getByText('Sagen er ikke offentlig.').waitFor();
    await panel.getByRole('button', { name: 'Giv samtykke til offentliggørelse' }).click();
    await panel.getByText('Samtykket er registreret. Sagen er nu offentlig.').waitFor();
    expect(await panel.getByTestId('publication-status').getAttribute('data-published')).toBe('true');
    await panel.getByTestId('publication-history').getByText('Givet af Anna Nordlys', { exact: false }).waitFor();
    await expectAxeClean(page);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'transparency-consent');
  });

  test('anyone sees the public case page: company, permits, missed date with its explanation — no title, no people', async () => {
    const visitor = await anonymous();
    await visitor.goto(`${suite.url}/#/public/cases/${c.reference}`);
    const body = visitor.getByTestId('public-case');
    await body.waitFor();
    expect(await visitor.getByTestId('public-company').innerText()).toBe('Nordlys Pharma A/S (CVR 10000001)');
    await body.getByTestId('public-missed').getByText('Vandteamet manglede kapacitet i sommerferien', { exact: false }).waitFor();
    const text = await visitor.locator('main').innerText();
    for (const secret of [title, 'Anna', 'Sagsbehandler', '@']) expect(text).not.toContain(secret);
    expect(await visitor.getByRole('button', { name: 'Log ud' }).count()).toBe(0);
    await expectAxeClean(visitor);
    await shot(visitor, 'transparency-public-case');
    const narrow = await checkNarrow(visitor, 'public case', () => body.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
    await visitor.setViewportSize({ width: 390, height: 844 });
    await shot(visitor, 'transparency-public-case-mobile');

    await visitor.goto(`${suite.url}/#/public/cases`);
    await visitor.getByTestId('public-cases').getByRole('link', { name: c.reference }).waitFor();
    await expectAxeClean(visitor);

    await visitor.setViewportSize({ width: 1280, height: 900 });
    await visitor.goto(`${suite.url}/#/public/statistics`);
    const stats = visitor.getByTestId('public-statistics');
    await stats.waitFor();
    await expectAxeClean(visitor);
    await shot(visitor, 'transparency-public-statistics');
    expect(await checkNarrow(visitor, 'public statistics', () => stats.waitFor())).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('a coordinator downloads the Gantt as PDF and PNG and has no withdraw button', async () => {
    const page = await openAs('coordinator', `#/cases/${c.id}`);
    const downloads = page.getByTestId('plan-section').getByTestId('gantt-downloads');
    await downloads.waitFor();
    for (const [button, magic, ext] of [
      ['Hent tidsplan (PDF)', '%PDF-', 'pdf'],
      ['Hent tidsplan (PNG)', '\u0089PNG', 'png'],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: button }).click()]);
      expect(file.suggestedFilename()).toBe(`gantt-${c.reference}.${ext}`);
      const bytes = readFileSync((await file.path()) as string);
      expect(bytes.toString('latin1', 0, magic.length)).toBe(magic);
    }
    // Coordinators steer; they never withdraw for the company.
    await page.getByTestId('publication-panel').getByText('Kun virksomheden kan give eller trække samtykket tilbage.').waitFor();
    expect(await page.getByRole('button', { name: 'Træk sagen tilbage' }).count()).toBe(0);
    expect(await page.getByTestId('publication-panel').getByRole('button').count()).toBe(0);
    await expectAxeClean(page);
  });

  test('a coordinator reassigns the task to a colleague and escalates the permit', async () => {
    const page = await openAs('coordinator', `#/permits/${mgaId}`);
    const tools = page.getByTestId('coordinator-tools');
    await tools.getByTestId('reassign-form').waitFor();
    await tools.getByLabel('Tildel opgaven til en sagsbehandler hos Miljøstyrelsen').selectOption({ label: 'Mikkel Kollega' });
    await tools.getByRole('button', { name: 'Tildel opgaven' }).click();
    await tools.getByText('Opgaven er tildelt Mikkel Kollega, som er underrettet.').waitFor();
    await page.getByTestId('task-assignee').getByText('Mikkel Kollega').waitFor();
    await tools.getByLabel('Hvorfor eskalerer du? (sendes til myndighedens sagsbehandlere)').fill('Afgørelsen blokerer byggetilladelsen');
    await tools.getByRole('button', { name: 'Eskalér tilladelsen' }).click();
    await tools.getByText('Tilladelsen er eskaleret.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Træk ansøgningen tilbage' }).count()).toBe(0);
    await expectAxeClean(page);
    await tools.scrollIntoViewIfNeeded();
    await shot(page, 'transparency-coordinator-tools');
    const told = await suite.api.ds.query(
      `SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'cw.miljoe.kollega.web16' AND n.permit_id = $1 ORDER BY n.created_at`,
      [mgaId],
    );
    expect(told.map((r: any) => r.kind)).toEqual(['taskRouted', 'manualEscalation']);
    expect(await checkNarrow(page, 'coordinator tools', () => tools.waitFor())).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('the company revokes the consent: the public page is gone', async () => {
    const page = await openAs('anna@nordlys.example', `#/cases/${c.id}`);
    const panel = page.getByTestId('publication-panel');
    await panel.getByRole('button', { name: 'Træk samtykket tilbage' }).click();
    await panel.getByText('Samtykket er trukket tilbage. Den offentlige side er fjernet.').waitFor();
    const visitor = await anonymous();
    await visitor.goto(`${suite.url}/#/public/cases/${c.reference}`);
    await visitor.getByTestId('public-case-not-found').waitFor();
    await expectAxeClean(visitor);
  });
});
