/**
 * Issue 19, the coordinator's and the admin's day in Chromium against the real API (real
 * PostgreSQL + Redis): statistics "as of", search across all cases with a state filter that
 * includes non-active cases, the admin page's catalogue versions and queue health; 390 px and
 * 200 % zoom without page-level horizontal scroll; axe.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCase, SIMPLE_FACTS, TestApi } from '../integration/support/http';
import { axeFindings, checkNarrow, SHOTS } from './support/daily';
import { h1, launchBrowser, loginAs, startWeb, type WebServer } from './support/web';

jest.setTimeout(240_000);

describe('coordinator and admin daily work (browser)', () => {
  let api: TestApi;
  let web: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let draft: any;
  let active: any;

  async function as(username: string): Promise<Page> {
    const { context, page } = await loginAs(browser, web.url, username);
    contexts.push(context);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await TestApi.start();
    draft = await createCase(api, 'bo@bolge.example', SIMPLE_FACTS, 'Koordinatortest: kladde hos Bølge');
    active = await createCase(api, 'anna@nordlys.example', SIMPLE_FACTS, 'Koordinatortest: aktiv hos Nordlys');
    expect((await api.caseEvent(active.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    web = await startWeb(new URL(api.base).origin);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await web?.stop();
    await api?.stop();
  });

  test('the dashboard says as of when its statistics are, and fits 390 px', async () => {
    const page = await as('coordinator');
    expect(await h1(page)).toBe('Overblik');
    const asOf = page.getByTestId('stats-as-of');
    await asOf.waitFor();
    expect(await asOf.innerText()).toMatch(/opgjort .+ og opdateres hvert 5\. minut|ikke opgjort endnu/);
    expect(await axeFindings(page, 'coordinator dashboard')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'daily-coordinator-dashboard.png'), fullPage: true });
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
    await page.screenshot({ path: join(SHOTS, 'daily-coordinator-search.png'), fullPage: true });
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
    await page.screenshot({ path: join(SHOTS, 'daily-admin.png'), fullPage: true });
    const narrow = await checkNarrow(page, 'admin', () => queues.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });
});
