/**
 * Issue 19, the coordinator's and the admin's day in Chromium against the real API (real
 * PostgreSQL + Redis): statistics "as of", search across all cases with a state filter that
 * includes non-active cases, the admin page's catalogue versions and queue health; 390 px and
 * 200 % zoom without page-level horizontal scroll; axe.
 */
import { createCase, SIMPLE_FACTS } from '../integration/support/http';
import { axeFindings, checkNarrow } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

describe('coordinator and admin daily work (browser)', () => {
  const suite = useBrowserSuite();
  const { as, shot } = suite;
  let draft: any;
  let active: any;

  beforeAll(async () => {
    draft = await createCase(suite.api, 'bo@bolge.example', SIMPLE_FACTS, 'Koordinatortest: kladde hos Bølge');
    active = await createCase(suite.api, 'anna@nordlys.example', SIMPLE_FACTS, 'Koordinatortest: aktiv hos Nordlys');
    expect((await suite.api.caseEvent(active.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
  }, 120_000);

  test('the dashboard says as of when its statistics are, and fits 390 px', async () => {
    const page = await as('coordinator');
    expect(await h1(page)).toBe('Overblik');
    const asOf = page.getByTestId('stats-as-of');
    await asOf.waitFor();
    expect(await asOf.innerText()).toMatch(/opgjort .+ og opdateres hvert 5\. minut|ikke opgjort endnu/);
    expect(await axeFindings(page, 'coordinator dashboard')).toEqual([]);
    await shot(page, 'daily-coordinator-dashboard');
    const narrow = await checkNarrow(page, 'coordinator dashboard', () => page.getByTestId('kpis').waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
    // Print: the content without buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Log ud' }).isVisible()).toBe(false);
    expect(await page.getByTestId('kpis').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('button', { name: 'Log ud' }).isVisible()).toBe(true);
  });

  test('case search covers every company and non-active (draft) cases, filtered by state', async () => {
    const page = await as('coordinator');
    await page.getByRole('link', { name: /Søg i alle sager/ }).click();
    expect(await h1(page)).toBe('Søg sager');
    await page.getByTestId('case-search').fill('Koordinatortest');
    const results = page.getByTestId('case-search-results');
    await results.locator(`[data-case-reference="${draft.reference}"]`).waitFor();
    await results.locator(`[data-case-reference="${active.reference}"]`).waitFor();
    expect(await results.innerText()).toContain('Bølge');
    await page.getByLabel('Status', { exact: true }).selectOption('draft');
    await page.getByText('Søg sager (1)').waitFor();
    await results.locator(`[data-case-reference="${draft.reference}"]`).waitFor();
    // By CVR (Bølge = 10000002; few cases, so all on one page), sorted by reference: Bo's draft, not Anna's case.
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.getByLabel('Sortér efter').selectOption('reference');
    await page.getByTestId('case-search').fill('10000002');
    await results.locator(`[data-case-reference="${active.reference}"]`).waitFor({ state: 'detached' });
    await results.locator(`[data-case-reference="${draft.reference}"]`).waitFor();
    const refs = await results.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-reference') ?? ''));
    expect(refs).toEqual([...refs].sort());
    expect(await axeFindings(page, 'coordinator search')).toEqual([]);
    await shot(page, 'daily-coordinator-search');
    const narrow = await checkNarrow(page, 'coordinator search', () => results.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('the admin page shows users, catalogue versions and queue health', async () => {
    const page = await as('admin');
    await page.getByTestId('admin-users').waitFor();
    const catalog = page.getByTestId('admin-catalog');
    await catalog.waitFor();
    expect(await catalog.innerText()).toMatch(/\d{4}\.\d+/);
    const queues = page.getByTestId('admin-queues');
    await queues.waitFor();
    const text = await queues.innerText();
    for (const q of ['outbox-events', 'deadlines', 'notifications', 'maintenance']) expect(text).toContain(q);
    await page.getByRole('link', { name: /Bull Board/ }).waitFor();
    expect(await axeFindings(page, 'admin')).toEqual([]);
    await shot(page, 'daily-admin');
    const narrow = await checkNarrow(page, 'admin', () => queues.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });
});
