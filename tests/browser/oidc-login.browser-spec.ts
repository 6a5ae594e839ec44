/**
 * The web app's login with AUTH_MODE=oidc, in Chromium against a REAL OpenID provider
 * (`oidc-provider` in this process, RS256 JWT access tokens for the API's resource, its own login
 * form) and the real API:
 * - a visitor opens a deep link, logs in at the provider (authorization code + PKCE, a full-page
 *   redirect) and comes back logged in, on the page the link named, with the provider's code gone
 *   from the address bar; the session is the user the API links the provider's subject to;
 * - the session becomes invalid in the middle of a form: the re-login dialog logs in again in a
 *   popup, so the page and what was typed stay; a login as someone else is refused there.
 */
import http from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { linkIdentities, unlinkIdentities } from '../integration/support/app';
import { freePort } from '../integration/support/env';
import { useBrowserSuite } from './support/suite';
import { h1, wizardToCreateStep } from './support/web';

const AUDIENCE = 'https://api.rod-lober.test';
const CLIENT_ID = 'rod-lober-web';
const ANNA_SUB = 'nemlogin-anna-7f3a';
const MST_SUB = 'nemlogin-cw-mst-0001';

function provider(issuer: string, key: JWK, webOrigin: string): Provider {
  return new Provider(issuer, {
    jwks: { keys: [key] },
    // The web app is a public client: no secret, PKCE (required by oidc-provider for public clients).
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${webOrigin}/`, `${webOrigin}/?oidc-popup`],
        post_logout_redirect_uris: [`${webOrigin}/`],
      },
    ],
    features: {
      // The provider's own login and consent pages (any login, any password; `sub` = the login).
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({ scope: 'api', audience: resource, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  });
}

/** The provider's login form (devInteractions), then its consent page when it asks. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The consent page comes when this client has no grant for the account yet (the popup may close instead).
  const consent = page.getByRole('button', { name: 'Continue' });
  if (await consent.waitFor({ timeout: 5_000 }).then(() => true, () => false)) await consent.click();
}

describe('login with the OpenID provider (browser, AUTH_MODE=oidc)', () => {
  let issuer = '';
  let issuerPort = 0;
  let key: JWK;
  let idp: http.Server | undefined;

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    key = { ...(await exportJWK(privateKey)), kid: 'web-login', alg: 'RS256', use: 'sig' };
    // The issuer URL (iss) contains the port: reserve it before the API is configured with it.
    issuerPort = await freePort();
    issuer = `http://127.0.0.1:${issuerPort}`;
  });
  // Declared before the suite, so it runs while the API's database is still open.
  afterAll(async () => {
    await unlinkIdentities(suite.api.ds, issuer);
    await new Promise<void>((r) => (idp ? idp.close(() => r()) : r()));
    idp?.closeAllConnections();
  });

  const suite = useBrowserSuite({
    apiEnv: () => ({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: `${issuer}/jwks`, OIDC_WEB_CLIENT_ID: CLIENT_ID }),
  });
  const { anonymous, expectAxeClean } = suite;

  beforeAll(async () => {
    idp = http.createServer(provider(issuer, key, new URL(suite.url).origin).callback());
    await new Promise<void>((r) => idp!.listen(issuerPort, '127.0.0.1', () => r()));
    await linkIdentities(suite.api.ds, issuer, { [ANNA_SUB]: 'anna@nordlys.example', [MST_SUB]: 'cw.mst' });
  });

  test('a deep link → the provider’s login → back on that page, logged in as the linked user, the code gone from the address', async () => {
    const page = await anonymous();
    await page.goto(`${suite.url}/#/notifications`);
    expect(await h1(page)).toBe('Log ind');
    await page.getByText('Log ind med MitID Erhverv eller din organisations login.', { exact: false }).waitFor();
    // No demo users in oidc mode.
    expect(await page.getByText('Demobrugere').count()).toBe(0);
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((u) => u.origin === issuer);
    await signInAtProvider(page, ANNA_SUB);

    await page.getByRole('button', { name: 'Log ud' }).waitFor();
    await page.waitForURL((u) => u.origin === new URL(suite.url).origin && u.hash === '#/notifications');
    expect(await h1(page)).toBe('Meddelelser');
    const url = new URL(page.url());
    expect([url.search, url.pathname]).toEqual(['', '/']);
    // The session is Anna's in our directory (the token's sub is the provider's subject).
    const stored = await page.evaluate<{ username: string | null; role: string | null; token: string | null }>(
      '({ username: sessionStorage.getItem("rl.username"), role: sessionStorage.getItem("rl.role"), token: sessionStorage.getItem("rl.accessToken") })',
    );
    expect([stored.username, stored.role]).toEqual(['anna@nordlys.example', 'applicant']);
    const claims = JSON.parse(Buffer.from(String(stored.token).split('.')[1], 'base64url').toString());
    expect([claims.iss, claims.sub, claims.aud]).toEqual([issuer, ANNA_SUB, AUDIENCE]);
    await expectAxeClean(page);

    // Home is the applicant's own case list; logging out shows the provider's login button again.
    // The session outlives a reload (sessionStorage, like dev login's); home is the applicant's case list.
    await page.goto(`${suite.url}/#/`);
    expect(await h1(page)).toBe('Mine sager');
    // Logging out ends the provider's session too (RP-initiated logout), and nothing of the tokens stays in the tab.
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.waitForURL((u) => u.origin === issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.origin === new URL(suite.url).origin);
    expect(await h1(page)).toBe('Log ind');
    const keys = await page.evaluate<string[]>('Object.keys(sessionStorage)');
    expect(keys.filter((k) => k.startsWith('rl.') || k.startsWith('oidc.user'))).toEqual([]);
    // The next login asks for the credentials again.
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.locator('input[name="login"]').waitFor();
  });

  test('the session becomes invalid mid-form: re-login in a popup keeps the page and what was typed; someone else is refused', async () => {
    const page = await anonymous();
    await page.goto(`${suite.url}/#/cases/new`);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await signInAtProvider(page, ANNA_SUB);
    await page.getByRole('button', { name: 'Log ud' }).waitFor();
    expect(await h1(page)).toBe('Ny sag');

    const title = `OIDC-genlogin ${Date.now()}`;
    await wizardToCreateStep(page, title);
    await page.getByLabel('Indsend sagen til myndighederne med det samme').uncheck();

    // The token stops being valid (its signature no longer matches).
    await page.evaluate('sessionStorage.setItem("rl.accessToken", sessionStorage.getItem("rl.accessToken").slice(0, -4) + "AAAA")');
    await page.getByRole('button', { name: 'Opret sag som kladde' }).click();
    const dialog = page.getByTestId('relogin-dialog');
    await dialog.waitFor();
    await expectAxeClean(page);

    // Someone else logs in at the provider (its session cookie cleared first): refused, still Anna's page.
    await page.context().clearCookies();
    const [other] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Log ind igen' }).click()]);
    await signInAtProvider(other, MST_SUB);
    await dialog.getByText('Du loggede ind som cw.mst, ikke som den bruger, der arbejdede på siden.', { exact: false }).waitFor();
    expect(await page.evaluate<string | null>('sessionStorage.getItem("rl.username")')).toBe('anna@nordlys.example');

    // Anna logs in again in the popup — the provider asks for the login although cw.mst's session
    // there is alive (prompt=login after a refusal): the dialog closes, the form still holds the title.
    const [popup] = await Promise.all([page.waitForEvent('popup'), dialog.getByRole('button', { name: 'Log ind igen' }).click()]);
    await signInAtProvider(popup, ANNA_SUB);
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Du er logget ind igen. Gem eller send igen.').waitFor();
    expect(await page.getByLabel('Sagens titel').inputValue()).toBe(title);

    await page.getByRole('button', { name: 'Opret sag som kladde' }).click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(title);
    const rows = await suite.api.ds.query(`SELECT c.state, u.username FROM cases c JOIN users u ON u.id = c.created_by WHERE c.title = $1`, [title]);
    expect(rows).toEqual([{ state: 'draft', username: 'anna@nordlys.example' }]);
  });
});
