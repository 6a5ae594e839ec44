/**
 * Issue 18 in the browser: a caseworker registers a webhook endpoint for the authority on the
 * Integrations page (the signing secret is shown once) and sees its delivery log; an admin
 * creates a machine client. Both pages pass axe (no serious/critical violations).
 */
import { useBrowserSuite } from './support/suite';
import { h1 } from './support/web';

describe('integrations page (browser)', () => {
  const suite = useBrowserSuite();
  const { as, expectAxeClean, shot } = suite;

  test('a caseworker registers a webhook endpoint for the authority', async () => {
    const page = await as('cw.hillerod');
    await page.getByRole('link', { name: 'Integrationer' }).click();
    expect(await h1(page)).toBe('Integrationer');
    await page.getByLabel('Adresse (https)').fill('http://127.0.0.1:9/esdh-hook');
    await page.getByLabel('permit.routed').check();
    await page.getByLabel('permit.decisionIssued').check();
    await page.getByRole('button', { name: 'Opret modtager' }).click();
    await page.getByText(/Gem hemmeligheden nu.*whsec_/).waitFor();
    await page.locator('[data-url="http://127.0.0.1:9/esdh-hook"]').waitFor();
    const [row] = await suite.api.ds.query(`SELECT e.event_types, a.code FROM webhook_endpoints e JOIN authorities a ON a.id = e.authority_id WHERE e.url = 'http://127.0.0.1:9/esdh-hook'`);
    expect(row).toEqual({ event_types: ['permit.routed', 'permit.decisionIssued'], code: 'KOMMUNE-219' });
    await page.getByRole('button', { name: 'Vis leveringslog' }).click();
    await page.getByRole('table', { name: 'Leveringer' }).waitFor();
    await expectAxeClean(page);
    await shot(page, 'integrations-caseworker');
  });

  test('an admin creates a machine client for an authority', async () => {
    const page = await as('admin');
    await page.getByRole('link', { name: 'Integrationer' }).click();
    expect(await h1(page)).toBe('Integrationer');
    const [{ id }] = await suite.api.ds.query(`SELECT id FROM authorities WHERE code = 'KOMMUNE-219'`);
    await page.getByLabel('Navn').fill('Hillerød SBSYS');
    await page.getByLabel('Myndighedens id (uuid)').fill(id);
    await page.getByLabel('permits:act').check();
    await page.getByRole('button', { name: 'Opret klient' }).click();
    await page.getByText(/Gem klient-id og hemmelighed nu: rlc_\S+ \/ rls_/).waitFor();
    await page.getByRole('table', { name: 'Maskinklienter (OAuth2 client credentials)' }).getByText('Hillerød SBSYS (KOMMUNE-219)').waitFor();
    await expectAxeClean(page);
    await shot(page, 'integrations-admin');
  });
});
