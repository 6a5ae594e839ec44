import type { Page } from 'playwright-core';
import { seriousViolations } from './web';

/**
 * A citizen (not logged in) answers the public hearing open on `page`: name, e-mail and comment,
 * sent and confirmed. The form is axe-clean (no serious/critical finding) filled in and after sending.
 */
export async function answerPublicHearing(page: Page, citizen: { name: string; email: string; comment: string }): Promise<void> {
  await page.getByLabel('Navn').fill(citizen.name);
  await page.getByLabel('E-mail').fill(citizen.email);
  await page.getByRole('textbox', { name: 'Høringssvar' }).fill(citizen.comment);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Send høringssvar' }).click();
  await page.getByText('Tak. Dit høringssvar er modtaget.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
}
