import { ErrorResponse, InMemoryWebStorage, UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';
import { apiRequest, sessionFromToken, type Session } from './api';

/**
 * Login with the organisation's OpenID provider (AUTH_MODE=oidc): the authorization code flow with
 * PKCE (RFC 7636) through `oidc-client-ts`, a maintained certified-flow client, instead of our own.
 * MitID Erhverv reaches us this way through an OIDC façade in front of NemLog-in (docs/auth.md).
 * - Login page: a full-page redirect to the provider and back to `/?code=…&state=…`; the route
 *   the user was on travels in the OIDC `state` and is restored.
 * - Re-login when the session expired: a popup window (`/?oidc-popup&code=…`), so the page and
 *   everything typed on it stay (a redirect would reload the page).
 * The access token is asked for the API's resource (RFC 8707 `resource` = OIDC_AUDIENCE): the API
 * requires its audience in `aud`. The app's session is then the token plus who GET /auth/me says
 * it is (the provider's `sub` is not our user id).
 */

/** GET /api/v1/auth/config. */
export interface AuthConfig {
  mode: 'dev' | 'oidc';
  oidc: { issuer: string; clientId: string; scope: string; resource: string } | null;
}

let config: Promise<AuthConfig> | null = null;

/** The server's login configuration (read once; a failed read is asked again next time). */
export function authConfig(): Promise<AuthConfig> {
  config ??= apiRequest<AuthConfig>('/auth/config').catch((err: unknown) => {
    config = null;
    throw err;
  });
  return config;
}

/** The query flag that marks the popup's return from the provider. */
const POPUP_FLAG = 'oidc-popup';

function managerFor(c: NonNullable<AuthConfig['oidc']>): UserManager {
  const page = `${window.location.origin}${window.location.pathname}`;
  const settings: UserManagerSettings = {
    authority: c.issuer,
    client_id: c.clientId,
    scope: c.scope,
    redirect_uri: page,
    popup_redirect_uri: `${page}?${POPUP_FLAG}`,
    post_logout_redirect_uri: page,
    response_type: 'code',
    extraQueryParams: { resource: c.resource },
    extraTokenParams: { resource: c.resource },
    // The login's state must survive the redirect: this tab only, gone when the browser closes.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // The library's copy of the tokens is never read (the app keeps its own session, api.ts), so it
    // is not stored anywhere a logged-out tab could still find it.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  };
  return new UserManager(settings);
}

async function manager(): Promise<UserManager> {
  const c = (await authConfig()).oidc;
  if (!c) throw new Error('No OpenID Connect client is configured for the web app (OIDC_WEB_CLIENT_ID).');
  return managerFor(c);
}

/** Sends the browser to the provider's login; it comes back to this page with `route` restored. */
export async function startOidcLogin(route: string): Promise<void> {
  await (await manager()).signinRedirect({ state: { route } });
}

/** Whether this page load is the provider sending the browser back (`?code=…&state=…` or `?error=…`). */
function isReturn(search: URLSearchParams): boolean {
  return search.has('state') && (search.has('code') || search.has('error'));
}

/** Whether this page load is the provider sending the browser back after the login page's redirect. */
export function isOidcRedirectReturn(): boolean {
  const search = new URLSearchParams(window.location.search);
  return !search.has(POPUP_FLAG) && isReturn(search);
}

/** Whether this window is the re-login popup coming back from the provider. */
export function isOidcPopupReturn(): boolean {
  const search = new URLSearchParams(window.location.search);
  return search.has(POPUP_FLAG) && isReturn(search);
}

/** In the popup: hands the provider's answer to the page that opened it (which redeems the code). */
export async function finishOidcPopup(): Promise<void> {
  await (await manager()).signinPopupCallback();
}

/**
 * On a return from the provider's login page: redeems the code and makes the session; the
 * provider's query leaves the address bar (the code is single-use). Returns the session and the
 * route the login started from; null when this page load is not such a return.
 */
export async function finishOidcRedirect(): Promise<{ session: Session; route: string } | null> {
  if (!isOidcRedirectReturn()) return null;
  const url = window.location.href;
  window.history.replaceState(null, '', window.location.pathname);
  const user = await (await manager()).signinRedirectCallback(url);
  const started = (user.state as { route?: unknown } | undefined)?.route;
  const session = await sessionFromToken(user.access_token);
  rememberIdToken(user.id_token);
  return { session, route: typeof started === 'string' && started.startsWith('#/') ? started : '#/' };
}

// The ID token only names the provider's session when logging out (`id_token_hint`); the API never sees it.
const ID_TOKEN_KEY = 'rl.oidcIdToken';
function rememberIdToken(idToken: string | undefined): void {
  if (idToken) window.sessionStorage.setItem(ID_TOKEN_KEY, idToken);
}

/**
 * Logging out of an OIDC session also ends the provider's session (RP-initiated logout, when the
 * provider has an end_session_endpoint), so the next person at a shared computer is asked to log
 * in instead of being let in as the last one. The browser leaves for the provider and comes back
 * to the login page. False when there was nothing to end here (dev login, no endpoint).
 */
export async function endOidcSession(): Promise<boolean> {
  const idToken = window.sessionStorage.getItem(ID_TOKEN_KEY);
  window.sessionStorage.removeItem(ID_TOKEN_KEY);
  if (!idToken) return false;
  try {
    const mgr = await manager();
    if (!(await mgr.metadataService.getEndSessionEndpoint())) return false;
    await mgr.signoutRedirect({ id_token_hint: idToken });
    return true;
  } catch {
    // The local session is gone already; the provider's may outlive it (said in docs/auth.md).
    return false;
  }
}

/** What went wrong with a login at the provider, as the login page and the dialog say it. */
export function oidcFailureOf(err: unknown): 'cancelled' | 'refused' | null {
  if (err instanceof Error && /^Popup closed/.test(err.message)) return 'cancelled';
  if (err instanceof ErrorResponse) return err.error === 'access_denied' || err.error === 'login_required' || err.error === 'interaction_required' ? 'cancelled' : 'refused';
  return null;
}

/**
 * Re-login in a popup; the session it makes must be `userId`'s (someone else at the keyboard is
 * refused). `askAgain`: make the provider ask for the login even if its own session is still alive
 * (after a refused other user, whose provider session would otherwise answer again).
 */
export async function oidcReloginAs(userId: string | null, askAgain = false): Promise<Session> {
  const user = await (await manager()).signinPopup(askAgain ? { prompt: 'login' } : undefined);
  const session = await sessionFromToken(user.access_token, userId);
  rememberIdToken(user.id_token);
  return session;
}
