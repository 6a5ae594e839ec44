/**
 * Issue 13 item 12 in the web app (Chromium, real API, PostgreSQL, Redis): the admin page shows
 * the business calendar (holidays and closure days of a year, the holiday rules with their
 * effective dates) and lets the admin add and remove a closure day (If-Match); axe-clean.
 */
import { useBrowserSuite } from './support/suite';

describe('admin calendar (browser)', () => {
  const suite = useBrowserSuite();
  const { as, expectAxeClean, shot } = suite;

  test('admin sees the holidays of 2023 (Store Bededag) and 2024 (none), adds and removes a closure day', async () => {
    const page = await as('admin');
    await page.getByRole('button', { name: 'Change language to English' }).click();
    const section = page.getByTestId('admin-calendar');
    await section.getByRole('heading', { level: 2, name: 'Holidays and closure days' }).waitFor();
    const year = section.getByLabel('Year', { exact: true });
    await year.fill('2023');
    await section.getByText('Holidays and closure days in 2023').waitFor();
    expect(await section.getByTestId('calendar-days').locator('[data-code="STORE_BEDEDAG"]').count()).toBe(1);
    await year.fill('2024');
    await section.getByText('Holidays and closure days in 2024').waitFor();
    expect(await section.getByTestId('calendar-days').locator('[data-code="STORE_BEDEDAG"]').count()).toBe(0);
    expect(await section.getByTestId('holiday-rules').locator('[data-code="STORE_BEDEDAG"]').innerText()).toContain('L 10 of 2023');
    await expectAxeClean(page);

    const form = section.getByTestId('add-closure-day');
    await form.getByLabel('Date').fill('2024-05-10');
    await form.getByLabel('Name (Danish)').fill('Fredag efter Kristi Himmelfart');
    await form.getByLabel('Name (English)').fill('Bridge day');
    await form.getByLabel('Reason').fill('Offices closed (test)');
    await form.getByRole('button', { name: 'Add closure day' }).click();
    await section.getByText(/Closure day .* added; 0 clocks and 0 ceilings moved\./).waitFor();
    await section.getByTestId('closure-days').locator('[data-date="2024-05-10"]').waitFor();
    await section.getByTestId('calendar-days').locator('[data-code="CLOSURE_DAY"]').waitFor();
    await expectAxeClean(page);
    await shot(page, 'admin-calendar');
    const [audit] = await suite.api.ds.query(`SELECT action, target FROM calendar_audit ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'closureDay.added', target: '2024-05-10' });

    await section.getByTestId('closure-days').getByRole('button', { name: /Remove/ }).click();
    await section.getByText('No extra closure days.').waitFor();
    expect(await suite.api.ds.query(`SELECT 1 FROM closure_days`)).toEqual([]);
  });
});
