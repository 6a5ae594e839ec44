/**
 * Daily-work usability of the application form in Chromium against the real API:
 * - the DKFDS error summary ("Der er problemer") after a save the API refuses: it takes focus,
 *   each link moves focus to its field, and each field shows its inline DKFDS error;
 * - an expired/invalidated session in the middle of the form: Save → the re-login dialog (DKFDS
 *   modal) → log in again in place → Save again stores what was typed, which never left the form.
 * axe on the page with the summary and with the dialog open.
 */
import type { Page } from 'playwright-core';
import { SIMPLE_FACTS } from '../integration/support/http';
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

const ANNA = 'anna@nordlys.example';
// Evaluated in the page (this project's test TypeScript has no DOM types).
const activeId = (page: Page) => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
const focusInDialog = (page: Page) => page.evaluate<boolean>('!!(document.activeElement && document.activeElement.closest("[role=dialog]"))');

describe('application form: error summary and re-login in place (browser)', () => {
  const suite = useBrowserSuite();
  const { openAs, expectAxeClean } = suite;

  const newCase = async (title: string) => {
    const created = await suite.api.post('/cases', { title, facts: SIMPLE_FACTS }, ANNA);
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  test('a save the API refuses shows the DKFDS error summary: focused, its links focus the fields, each field shows its inline error', async () => {
    const id = await newCase('Fejlopsummering');
    const page = await openAs(ANNA, `#/cases/${id}/application`);
    expect(await h1(page)).toBe('Ansøgning – Fejlopsummering');
    // Two fields the schema refuses: a CVR number of three digits, a contact e-mail without @.
    await page.locator('#f-shared-company-cvr').fill('123');
    await page.getByTestId('addf-shared-contacts').click();
    await page.locator('#f-shared-contacts-0-name').fill('Anna Nordlys');
    await page.locator('#f-shared-contacts-0-email').fill('anna-nordlys.example');
    await page.locator('#f-sections-BUILDING-PERMIT-buildingUse').fill('Lagerhal');
    await page.getByRole('button', { name: 'Gem kladde' }).click();

    const summary = page.getByTestId('error-summary');
    await summary.getByRole('heading', { name: 'Der er problemer' }).waitFor();
    expect(await summary.getAttribute('class')).toContain('alert-error');
    // The summary has focus (DKFDS: a screen reader reads it at once).
    expect(await page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("data-testid")')).toBe('error-summary');
    const links = summary.getByRole('link');
    expect(await links.count()).toBe(2);
    const cvrLink = summary.getByRole('link', { name: /CVR-nummer: Har ikke det rigtige format/ });
    const emailLink = summary.getByRole('link', { name: /E-mail: Har ikke det rigtige format/ });
    expect(await cvrLink.count()).toBe(1);
    expect(await emailLink.innerText()).toContain('Kontaktpersoner');

    // Each link moves focus to its field, and the route (the hash) stays the application's.
    await emailLink.click();
    expect(await activeId(page)).toBe('f-shared-contacts-0-email');
    await cvrLink.click();
    expect(await activeId(page)).toBe('f-shared-company-cvr');
    expect(new URL(page.url()).hash).toBe(`#/cases/${id}/application`);

    // Inline DKFDS errors: form-error on the group, the message described by the control, aria-invalid.
    for (const fieldId of ['f-shared-company-cvr', 'f-shared-contacts-0-email']) {
      const control = page.locator(`#${fieldId}`);
      expect(await control.getAttribute('aria-invalid')).toBe('true');
      expect(await control.getAttribute('aria-describedby')).toContain(`${fieldId}-err`);
      expect(await page.locator(`#${fieldId}-err.form-error-message`).innerText()).toContain('Har ikke det rigtige format');
      expect(await page.locator('.form-group.form-error', { has: control }).count()).toBe(1);
    }
    // What was typed stays; nothing was saved.
    expect(await page.locator('#f-shared-company-cvr').inputValue()).toBe('123');
    expect((await suite.api.get(`/cases/${id}/application`, ANNA)).body.version).toBe(1);
    await expectAxeClean(page);

    // Corrected: the save goes through and the summary goes away.
    await page.locator('#f-shared-company-cvr').fill('10000001');
    await page.locator('#f-shared-contacts-0-email').fill('anna@nordlys.example');
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText(/Kladden er gemt \(version \d+\)\./).waitFor();
    expect(await summary.count()).toBe(0);
    expect(await page.locator('.form-error').count()).toBe(0);

    // A draft may leave required fields out; the pre-submission check names each one, and its
    // name is a link to the field, like the summary's.
    const building = page.getByTestId('application-check').locator('[data-permit-code="BUILDING_PERMIT"]');
    await building.getByRole('link', { name: 'Etageareal (m²)', exact: true }).click();
    expect(await activeId(page)).toBe('f-sections-BUILDING-PERMIT-floorAreaM2');
    expect(new URL(page.url()).hash).toBe(`#/cases/${id}/application`);
  });

  test('the session expires mid-form: Save opens the re-login dialog, the user logs in again and saves; nothing typed is lost', async () => {
    const id = await newCase('Session udløber');
    const page = await openAs(ANNA, `#/cases/${id}/application`);
    expect(await h1(page)).toBe('Ansøgning – Session udløber');
    await page.locator('#f-shared-company-name').fill('Nordlys Pharma A/S');
    await page.locator('#f-shared-project-description').fill('Ny lagerhal med egen boring');
    await page.locator('#f-sections-BUILDING-PERMIT-heightM').pressSequentially('11,5');

    // The session ends while the user types: the token the page holds is no longer accepted (as
    // an expired or revoked one: 401 AUTH.INVALID_TOKEN).
    await page.evaluate('sessionStorage.setItem("rl.accessToken", sessionStorage.getItem("rl.accessToken").slice(0, -4) + "AAAA")');
    await page.getByRole('button', { name: 'Gem kladde' }).click();

    const dialog = page.getByRole('dialog', { name: 'Din session er udløbet' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.getAttribute('class')).toContain('fds-modal');
    // Focus is in the dialog and stays there (the page behind it is inert).
    expect(await focusInDialog(page)).toBe(true);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    expect(await page.getByText('Du logger ind igen som anna@nordlys.example.').count()).toBe(1);
    await expectAxeClean(page);
    // Nothing was saved, and nothing typed is gone.
    expect((await suite.api.get(`/cases/${id}/application`, ANNA)).body.version).toBe(1);
    expect(await page.locator('#f-shared-company-name').inputValue()).toBe('Nordlys Pharma A/S');

    // A login that fails (here: the login request answered 401) says so in the dialog, which stays
    // the only one: the login request's own 401 is not an expired session.
    await page.route('**/api/v1/auth/dev-login', (route) =>
      route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ status: 401, title: 'Unauthorized', detail: 'Unknown user', code: 'AUTH.UNKNOWN_USER' }) }),
    );
    await dialog.getByRole('button', { name: 'Log ind igen' }).click();
    await dialog.getByText('Login mislykkedes').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(1);
    await page.unroute('**/api/v1/auth/dev-login');

    await dialog.getByRole('button', { name: 'Log ind igen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Du er logget ind igen. Gem eller send igen.').waitFor();
    // Still the same page with the same input.
    expect(new URL(page.url()).hash).toBe(`#/cases/${id}/application`);
    expect(await page.locator('#f-shared-company-name').inputValue()).toBe('Nordlys Pharma A/S');
    expect(await page.locator('#f-shared-project-description').inputValue()).toBe('Ny lagerhal med egen boring');
    expect(await page.locator('#f-sections-BUILDING-PERMIT-heightM').inputValue()).toBe('11,5');

    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByText('Kladden er gemt (version 2).').waitFor();
    const saved = (await suite.api.get(`/cases/${id}/application`, ANNA)).body;
    expect([saved.shared.company.name, saved.shared.project.description, saved.sections.BUILDING_PERMIT.heightM]).toEqual(['Nordlys Pharma A/S', 'Ny lagerhal med egen boring', 11.5]);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
