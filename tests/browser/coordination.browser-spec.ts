/**
 * Issue 16 in the browser (Chromium against the real API, real PostgreSQL + Redis): a
 * coordinator moves a planned decision date by more than 30 days, which waits for a second
 * coordinator; the second coordinator approves; the Gantt shows the baseline against the
 * current plan and the P50–P80 bands; the dashboard lists a ceiling breach; the screening
 * preview warns. Every page is checked with axe and screenshotted to docs/screenshots/coordination-*.png.
 */
import { CASEWORKER_FOR, createSubmittedCase, PHARMA_FACTS } from '../integration/support/http';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const BREACH_FACTS = { municipalityCode: '326', siteZone: 'landzone', fitsMunicipalPlanFrame: false, medicinalProductManufacture: true, newBuildingOrExtension: true, listedActivity: { annex: 'annex1', sMarked: true } };
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('coordination (browser)', () => {
  const suite = useBrowserSuite();
  const { as, openAs, expectAxeClean, shot } = suite;
  let caseId = '';
  let mgaId = '';
  let baselineDecision = '';

  beforeAll(async () => {
    await suite.api.setClock('2027-03-01T09:00:00Z');
    const c = await createSubmittedCase(suite.api, 'anna@nordlys.example', PHARMA_FACTS, 'Pharma-udvidelse med koordineret plan');
    caseId = c.id;
    mgaId = c.permits.find((p: any) => p.code === 'MILJOEGODKENDELSE').id;
    await suite.api.permitEvent(mgaId, CASEWORKER_FOR.MST, { type: 'authority.completenessConfirmed' });
    const proposed = await suite.api.post(`/cases/${c.id}/coordinated-plan`, {}, 'coordinator');
    const agreed = await suite.api.call('POST', `/cases/${c.id}/coordinated-plan/agree`, { as: 'anna@nordlys.example', headers: { 'if-match': `"${proposed.body.version}"` } });
    baselineDecision = agreed.body.items.find((i: any) => i.permitId === mgaId).baseline.decisionOn;
    // A case whose projection passes its ceiling, for the dashboard.
    await createSubmittedCase(suite.api, 'anna@nordlys.example', BREACH_FACTS, 'Fabrik i landzone uden lokalplan');
    // The test clock refreshes the stored forecasts (the worker's job).
    await suite.api.post('/test/clock', { now: '2027-03-01T10:00:00Z', forecasts: true });
  });

  test('a coordinator moves a planned date by 45 days; it waits for a second coordinator', async () => {
    const page = await openAs('coordinator', `#/cases/${caseId}`);
    const panel = page.getByTestId('coordinated-plan');
    await panel.getByTestId('plan-status').getByText('Planen er aftalt').waitFor();
    await page.locator('#pc-permit').selectOption(mgaId);
    await page.locator('#pc-decision').fill(addDays(baselineDecision, 45));
    await page.locator('#pc-reason').selectOption('COMPLEX_CASE');
    await page.locator('#pc-note').fill('Supplerende VVM-redegørelse kræver ny høring');
    await page.getByRole('button', { name: 'Gem ændring' }).click();
    await panel.getByText('Ændringen afventer godkendelse af en anden koordinator.').waitFor();
    const row = panel.getByTestId('plan-requests').locator('tr[data-status="pending"]');
    await row.getByText('Din egen anmodning').waitFor();
    expect(await row.getByRole('button', { name: 'Godkend' }).count()).toBe(0);
    await expectAxeClean(page);
    await shot(page, 'coordination-change-requested');
  });

  test('a second coordinator approves; the Gantt shows baseline vs current and the P50–P80 bands', async () => {
    const page = await openAs('coordinator2', `#/cases/${caseId}`);
    const panel = page.getByTestId('coordinated-plan');
    const row = panel.getByTestId('plan-requests').locator('tr[data-status="pending"]');
    await row.getByRole('button', { name: 'Godkend' }).click();
    await panel.getByText('Ændringen er godkendt og gennemført.').waitFor();
    await panel.getByTestId('plan-requests').locator('tr[data-status="applied"]').waitFor();
    // The permit's target moved with the plan (a planned decision date IS the target).
    expect((await suite.api.get(`/permits/${mgaId}`, 'coordinator')).body.clocks.dueOn).toBe(addDays(baselineDecision, 45));

    await suite.api.post('/test/clock', { now: '2027-03-01T11:00:00Z', forecasts: true }); // refreshes the stored forecast after the change
    await page.reload();
    const gantt = page.getByTestId('gantt');
    await gantt.waitFor();
    const current = gantt.locator('[data-code="MILJOEGODKENDELSE"] [data-testid="gantt-current"]');
    expect(await current.getAttribute('data-moved')).toBe('45');
    const baseline = gantt.locator('[data-code="MILJOEGODKENDELSE"] [data-testid="gantt-baseline"]');
    const [b, c] = [await baseline.boundingBox(), await current.boundingBox()];
    expect(c!.x + c!.width).toBeGreaterThan(b!.x + b!.width + 5); // the current decision is later than the baseline's
    expect(await gantt.locator('[data-testid="gantt-band"]').count()).toBeGreaterThan(0);
    expect(await gantt.locator('[data-testid="gantt-arrow"]').count()).toBeGreaterThan(0);
    await expectAxeClean(page);
    await page.getByTestId('plan-section').scrollIntoViewIfNeeded();
    await shot(page, 'coordination-gantt');
  });

  test('at 390 px the plan is a list; the dashboard lists the ceiling breach; the company sees the plan', async () => {
    const phone = await openAs('coordinator', `#/cases/${caseId}`, 390);
    await phone.getByTestId('plan-table').waitFor();
    expect(await phone.getByTestId('gantt').isVisible()).toBe(false);
    expect(await phone.getByTestId('plan-table').isVisible()).toBe(true);
    await expectAxeClean(phone);
    await shot(phone, 'coordination-mobile');

    const dash = await suite.api.get('/dashboard', 'coordinator');
    expect(dash.body.ceiling.breached.map((r: any) => r.caseTitle)).toContain('Fabrik i landzone uden lokalplan');
    const page = await openAs('coordinator', '#/');
    const table = page.getByTestId('dashboard-ceiling');
    // Let the dashboard finish its first load (it reads the stored forecasts) before looking for the row.
    await page.getByTestId('kpis').waitFor();
    await page.waitForTimeout(3000);
    await table.locator('tr[data-risk="breached"]').getByText('Fabrik i landzone uden lokalplan').waitFor();
    await expectAxeClean(page);
    await shot(page, 'coordination-dashboard');

    const applicant = await as('anna@nordlys.example');
    expect(await h1(applicant)).toBe('Mine sager');
    await applicant.goto(`${suite.url}/#/cases/${caseId}`);
    await applicant.getByTestId('case-risk').waitFor();
    await applicant.getByTestId('coordinated-plan').getByTestId('plan-items').waitFor();
    await expectAxeClean(applicant);
  });
});
