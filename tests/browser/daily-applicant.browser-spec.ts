/**
 * Issue 19, the applicant's day in Chromium against the real API (real PostgreSQL + Redis):
 * "action needed" on the case list, the unread badge, notifications unread → read, the language
 * switch rendering notifications in English, e-mail preferences, case search scoped to the own
 * company, case history with permit names; 390 px / 200 % zoom without sideways scroll; axe.
 */
import type { Page } from 'playwright-core';
import { createCase, SIMPLE_FACTS } from '../integration/support/http';
import { axeFindings, checkNarrow } from './support/daily';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const QUESTION = 'Indsend en situationsplan for byggefeltet.';

describe('applicant daily work (browser)', () => {
  const suite = useBrowserSuite();
  const { as, shot } = suite;
  let page: Page;
  let annaCase: any;
  let boCase: any;

  beforeAll(async () => {
    // Only this file's notifications for Anna, so the counts below are exact.
    await suite.api.ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = (SELECT id FROM users WHERE username = 'anna@nordlys.example') AND read_at IS NULL`);
    annaCase = await createCase(suite.api, 'anna@nordlys.example', SIMPLE_FACTS, 'Lagerhal med solceller, Hillerød');
    expect((await suite.api.caseEvent(annaCase.id, 'anna@nordlys.example', { type: 'case.submitted' })).status).toBe(200);
    const asked = await suite.api.permitEvent(annaCase.permits[0].id, 'cw.hillerod', { type: 'authority.infoRequested', question: QUESTION });
    expect(asked.status).toBe(200);
    // A second unread notification (kind + parameters, as the engine writes them) for "mark all read".
    await suite.api.ds.query(
      `INSERT INTO notifications (user_id, kind, case_id, title, body, dedupe_key, data)
       VALUES ((SELECT id FROM users WHERE username = 'anna@nordlys.example'), 'caseSubmitted', $1, 'Sagen er indsendt', '-', $2, $3::jsonb)`,
      [annaCase.id, `browser-daily-${annaCase.id}`, JSON.stringify({ caseReference: annaCase.reference, caseTitle: annaCase.title })],
    );
    boCase = await createCase(suite.api, 'bo@bolge.example', SIMPLE_FACTS, 'Bølges hemmelige lager');
    page = await as('anna@nordlys.example');
  }, 120_000);

  test('the case list says "action needed" and the header shows unread notifications', async () => {
    expect(await h1(page)).toBe('Mine sager');
    const row = page.getByTestId('cases').locator(`[data-case-reference="${annaCase.reference}"]`);
    await row.getByTestId('action-needed').getByText('Handling påkrævet: 1 anmodning(er) om oplysninger').waitFor();
    const badge = page.getByTestId('unread-badge');
    await badge.waitFor();
    expect(Number((await badge.innerText()).match(/\d+/)?.[0])).toBeGreaterThan(0);
    expect(await axeFindings(page, 'applicant cases')).toEqual([]);
    await shot(page, 'daily-applicant-cases');
    const narrow = await checkNarrow(page, 'applicant cases', () => page.getByTestId('cases').waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('case search finds own cases and never another company’s', async () => {
    const search = page.getByTestId('case-search');
    await search.fill('Bølges hemmelige');
    await page.getByText('Ingen sager matcher.').waitFor();
    await search.fill(annaCase.reference);
    await page.getByTestId('cases').locator(`[data-case-reference="${annaCase.reference}"]`).waitFor();
    expect(await page.getByTestId('cases').locator('tbody tr').count()).toBe(1);
    // The API gives the same answer to the search page: Bo's case is not Anna's to see.
    const r = await suite.api.get(`/cases?q=${encodeURIComponent(boCase.title)}`, 'anna@nordlys.example');
    expect(r.body.total).toBe(0);
    await search.fill('');
  });

  test('a notification goes from unread to read, and all can be marked read', async () => {
    await page.getByTestId('notifications-link').click();
    expect(await h1(page)).toBe('Meddelelser');
    const list = page.getByTestId('notifications');
    const asked = list.locator('[data-kind="infoRequested"]').first();
    await asked.waitFor();
    expect(await asked.getAttribute('data-unread')).toBe('true');
    const before = Number((await page.getByTestId('notif-unread-count').innerText()).match(/\d+/)?.[0]);
    // The information request and the inserted one: one is left for "mark all".
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await axeFindings(page, 'applicant notifications')).toEqual([]);
    await shot(page, 'daily-applicant-notifications');
    await asked.getByRole('button', { name: /Markér som læst/ }).click();
    await page.getByText('Meddelelsen er markeret som læst.').waitFor();
    await page.getByTestId('notif-unread-count').getByText(`Ulæste: ${before - 1}`).waitFor();
    expect(await list.locator('[data-kind="infoRequested"]').first().getAttribute('data-unread')).toBe('false');
    const narrow = await checkNarrow(page, 'applicant notifications', () => list.waitFor());
    expect(narrow).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });

  test('after switching to English the notifications are in English', async () => {
    const da = await suite.api.get('/notifications?lang=da&pageSize=100', 'anna@nordlys.example');
    const en = await suite.api.get('/notifications?lang=en&pageSize=100', 'anna@nordlys.example');
    const daTitle = da.body.items.find((n: any) => n.kind === 'infoRequested').title;
    const enTitle = en.body.items.find((n: any) => n.kind === 'infoRequested').title;
    expect(enTitle).not.toBe(daTitle);
    const list = page.getByTestId('notifications');
    await list.locator('h2', { hasText: daTitle }).first().waitFor();
    await page.getByRole('button', { name: 'Change language to English' }).click();
    expect(await h1(page)).toBe('Notifications');
    await list.locator('h2', { hasText: enTitle }).first().waitFor();
    expect(await list.innerText()).not.toContain(daTitle);
    await shot(page, 'daily-applicant-notifications-en');
    await page.getByRole('button', { name: 'Skift sprog til dansk' }).click();
    expect(await h1(page)).toBe('Meddelelser');
  });

  test('e-mail preferences: a kind to daily digest; legally required kinds are locked', async () => {
    const prefs = page.getByTestId('notif-prefs');
    expect(await prefs.locator('select[data-kind="infoRequested"]').isDisabled()).toBe(true);
    await prefs.locator('select[data-kind="hearingEnded"]').selectOption('digest');
    await prefs.getByRole('button', { name: 'Gem valg' }).click();
    await prefs.getByText('Dine valg er gemt.').waitFor();
    const r = await suite.api.get('/notifications/preferences', 'anna@nordlys.example');
    expect(r.body.items.find((i: any) => i.kind === 'hearingEnded').emailMode).toBe('digest');
    await page.getByRole('button', { name: 'Markér alle som læst' }).click();
    await page.getByText('Alle meddelelser er markeret som læst.').waitFor();
    await page.getByTestId('notif-unread-count').getByText('Ulæste: 0').waitFor();
    // The header badge reloads its count after the change: it goes away.
    await page.getByTestId('unread-badge').waitFor({ state: 'detached' });
  });

  test('the case history shows permit names, and the case and permit pages fit 390 px', async () => {
    await page.goto(`${suite.url}/#/cases/${annaCase.id}`);
    const timeline = page.getByTestId('audit-timeline');
    await timeline.waitFor();
    const text = await timeline.innerText();
    expect(text).toContain('Byggetilladelse');
    expect(text).not.toContain('BUILDING_PERMIT');
    // The company sees a projected date per permit.
    const projected = page.getByTestId('projected-dates');
    await projected.waitFor();
    expect(await projected.locator('tbody tr').first().innerText()).toMatch(/Byggetilladelse[\s\S]*\d{4}/);
    expect(await axeFindings(page, 'applicant case')).toEqual([]);
    const narrowCase = await checkNarrow(page, 'applicant case', () => timeline.waitFor());

    // A long history is paged, not cut off: 60 more events (draft saves), the newest on the last page.
    await suite.api.ds.query(
      `INSERT INTO audit_events (case_id, actor_role, event_type, reason, payload)
       SELECT $1, 'applicant', 'application.saved', 'gemt ' || g, '{}' FROM generate_series(1, 60) g`,
      [annaCase.id],
    );
    await page.reload();
    const pager = page.getByTestId('timeline-pager');
    await pager.waitFor();
    const pages = Number(/Side 1 af (\d+)/.exec(await pager.innerText())?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < pages; i++) await pager.getByRole('button', { name: 'Næste side' }).click();
    await pager.getByText(`Side ${pages} af ${pages}`).waitFor();
    expect(await timeline.innerText()).toContain('gemt 60');
    expect(narrowCase).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
    await page.goto(`${suite.url}/#/permits/${annaCase.permits[0].id}`);
    await page.getByTestId('next-step').getByText('Svar på myndighedens anmodning om oplysninger.').waitFor();
    expect(await axeFindings(page, 'applicant permit')).toEqual([]);
    const narrowPermit = await checkNarrow(page, 'applicant permit', () => page.getByTestId('permit-summary').waitFor());
    expect(narrowPermit).toEqual({ overflow390: 0, overflow640: 0, serious: [] });
  });
});
