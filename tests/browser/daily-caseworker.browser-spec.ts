/**
 * Issue 19, the caseworker's day in Chromium against the real API (real PostgreSQL + Redis):
 * inbox with permit names, filter, search and paging; claim by acting; the take-over step for a
 * colleague's task; case search; 390 px and 200 % zoom without page-level horizontal scroll; axe.
 */
import type { Page } from 'playwright-core';
import { createCase, SIMPLE_FACTS } from '../integration/support/http';
import { axeFindings, checkNarrow } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const COLLEAGUE = 'cw.kalundborg.kollega';
/** Kalundborg, so this file's many tasks never push other browser files' Hillerød tasks off the first inbox page. */
const FACTS = { ...SIMPLE_FACTS, municipalityCode: '326' };
/** More open tasks than one inbox page (20) holds. */
const CASES = 22;

describe('caseworker daily work (browser)', () => {
  const suite = useBrowserSuite();
  const { as, shot } = suite;
  let page: Page;
  const refs: string[] = [];
  let mineCase: any;
  let colleagueCase: any;

  beforeAll(async () => {
    await suite.api.ds.query(
      `INSERT INTO users (username, display_name, email, role, authority_id, locale)
       SELECT $1, 'Karen Kollega', 'karen@kalundborg.example', 'caseworker', id, 'da' FROM authorities WHERE code = 'KOMMUNE-326'
       ON CONFLICT (username) DO NOTHING`,
      [COLLEAGUE],
    );
    for (let i = 0; i < CASES; i++) {
      const c = await createCase(suite.api, 'anna@nordlys.example', FACTS, `Indbakketest hal ${i + 1}`);
      if (i === 0) expect(c.permits.map((p: any) => p.authority.code)).toEqual(['KOMMUNE-326']);
      expect((await suite.api.caseEvent(c.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
      refs.push(c.reference);
      if (i === 0) mineCase = c;
      if (i === 1) colleagueCase = c;
    }
    // The colleague holds the second case's task.
    await suite.api.ds.query(`UPDATE tasks SET assigned_to = (SELECT id FROM users WHERE username = $1) WHERE permit_id = $2`, [COLLEAGUE, colleagueCase.permits[0].id]);
    page = await as('cw.kalundborg');
  }, 120_000);

  const inbox = () => page.getByTestId('inbox');

  test('inbox shows permit names, filters, searches and pages', async () => {
    expect(await h1(page)).toBe('Indbakke');
    await inbox().waitFor();
    const text = await inbox().innerText();
    expect(text).toContain('Byggetilladelse');
    expect(text).not.toContain('BUILDING_PERMIT');
    expect(text).toContain('Modtaget');
    expect(await axeFindings(page, 'caseworker inbox')).toEqual([]);
    await shot(page, 'daily-caseworker-inbox');

    // Paging: more than one page of open tasks.
    const pager = page.getByTestId('inbox-pager');
    expect(await pager.innerText()).toMatch(/Side 1 af \d+/);
    await pager.getByRole('button', { name: 'Næste side' }).click();
    await pager.getByText(/Side 2 af \d+/).waitFor();
    await pager.getByRole('button', { name: 'Forrige side' }).click();
    await pager.getByText(/Side 1 af \d+/).waitFor();

    // Filter: unassigned → the colleague's task is not listed; mine → none yet.
    await page.getByRole('button', { name: 'Ikke tildelt', exact: true }).click();
    await page.getByText(/Opgaver til din myndighed: Ikke tildelt/).waitFor();
    expect(await inbox().locator(`[data-case-reference="${colleagueCase.reference}"]`).count()).toBe(0);
    // Mine: none of this file's tasks (other browser files may have given cw.kalundborg tasks of their own).
    await page.getByRole('button', { name: 'Mine', exact: true }).click();
    // Either the filtered list (its caption names the filter) or the filtered "no match" text.
    await page.getByText(/Opgaver til din myndighed: Mine/).or(page.getByText('Ingen opgaver matcher.')).waitFor();
    for (const ref of refs) expect(await page.locator(`[data-case-reference="${ref}"]`).count()).toBe(0);
    await page.getByRole('button', { name: 'Alle', exact: true }).click();

    // Search by reference: that task, and only tasks whose reference contains the text.
    await page.getByLabel('Søg i indbakken').fill(mineCase.reference);
    // The list updates after a short debounce: wait (at most 15 s) until it shows the search result.
    const rowsShown = () => inbox().locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-reference') ?? ''));
    let shown = await rowsShown();
    for (const until = Date.now() + 15_000; !(shown.length > 0 && shown.every((r) => r.includes(mineCase.reference))) && Date.now() < until; shown = await rowsShown()) {
      await page.waitForTimeout(200);
    }
    expect(shown).toContain(mineCase.reference);
    for (const ref of shown) expect(ref).toContain(mineCase.reference);

    const narrow = await checkNarrow(page, 'caseworker inbox', () => inbox().waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'daily-caseworker-inbox-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('acting on an unassigned task claims it for the caseworker', async () => {
    await inbox().getByRole('link', { name: new RegExp(mineCase.reference) }).click();
    await page.getByTestId('task-assignee').getByText(/ingen endnu/).waitFor();
    await page.getByTestId('next-step').waitFor();
    await page.getByRole('button', { name: 'Bekræft at ansøgningen er fuldstændig' }).click();
    await page.getByText('Ansøgningen er registreret som fuldstændig. Sagsbehandlingsfristen løber nu.').waitFor();
    await page.getByTestId('task-assignee').getByText('dig').waitFor();
    // Next step now: the decision; the other actions are folded away, one click each.
    await page.getByTestId('next-step').getByText(/Træf afgørelse/).waitFor();
    expect(await page.getByTestId('more-action').count()).toBeGreaterThan(0);
    expect(await axeFindings(page, 'caseworker permit')).toEqual([]);
    const narrow = await checkNarrow(page, 'caseworker permit', () => page.getByTestId('permit-summary').waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
    const [row] = await suite.api.ds.query(`SELECT u.username FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE t.permit_id = $1`, [mineCase.permits[0].id]);
    expect(row.username).toBe('cw.kalundborg');
  });

  test("acting on a colleague's task needs an explicit take-over", async () => {
    await page.goto(`${suite.url}/#/permits/${colleagueCase.permits[0].id}`);
    await page.getByTestId('task-assignee').getByText('Karen Kollega').waitFor();
    await page.getByRole('button', { name: 'Bekræft at ansøgningen er fuldstændig' }).click();
    const prompt = page.getByTestId('take-over');
    await prompt.getByText(/Karen Kollega har opgaven/).waitFor();
    expect(await page.getByTestId('permit-state').innerText()).toContain('Kontrol af fuldstændighed'); // nothing happened yet
    expect(await axeFindings(page, 'caseworker take-over')).toEqual([]);
    await shot(page, 'daily-caseworker-take-over');
    await prompt.getByRole('button', { name: 'Overtag og udfør' }).click();
    await page.getByText('Ansøgningen er registreret som fuldstændig. Sagsbehandlingsfristen løber nu.').waitFor();
    await page.getByTestId('task-assignee').getByText('dig').waitFor();
    const audit = await suite.api.ds.query(`SELECT action FROM task_assignment_events WHERE permit_id = $1`, [colleagueCase.permits[0].id]);
    expect(audit).toEqual([{ action: 'takenOver' }]);
  });

  test('case search finds cases of the authority by reference', async () => {
    await page.getByRole('link', { name: 'Søg sager' }).click();
    expect(await h1(page)).toBe('Søg sager');
    await page.getByTestId('case-search').fill(refs[5]);
    const results = page.getByTestId('case-search-results');
    await results.locator(`[data-case-reference="${refs[5]}"]`).waitFor();
    await page.getByText('Søg sager (1)').waitFor();
    expect(await axeFindings(page, 'caseworker search')).toEqual([]);
    const narrow = await checkNarrow(page, 'caseworker search', () => results.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('notifications page has no sideways scroll and no serious axe finding', async () => {
    await page.getByTestId('notifications-link').click();
    expect(await h1(page)).toBe('Meddelelser');
    await page.getByTestId('notif-prefs').waitFor();
    expect(await axeFindings(page, 'caseworker notifications')).toEqual([]);
    const narrow = await checkNarrow(page, 'caseworker notifications', () => page.getByTestId('notif-prefs').waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });
});
