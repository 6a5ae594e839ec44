import { useState, type FormEvent } from 'react';
import { ApiError, NetworkError, OtherUserError, devLogin, type Session } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { authConfig, oidcFailureOf, oidcReloginAs, startOidcLogin, type AuthConfig } from '../oidc';
import { paths } from '../router';
import { DEMO_USERS } from '../users';
import { Alert } from './Alert';
import { PageHeading } from './PageHeading';

interface Props {
  onLoggedIn: (session: Session) => void;
  focusHeading?: boolean;
  /** The return from the OpenID provider's login page is being completed, or failed. */
  oidcReturn?: { pending: true } | { pending: false; error: unknown };
}

/**
 * The dev login of a form (the login page, the re-login dialog): `submit` logs `username()` in and
 * hands the session to `onLoggedIn`; a failure is kept as `error`, in the user's language.
 */
export function useDevLogin(username: () => string, onLoggedIn: (session: Session) => void) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      onLoggedIn(await devLogin(username()));
    } catch (err) {
      setError(describeLoginError(err, t));
      setPending(false);
    }
  };
  return { pending, error, submit };
}

/**
 * Re-login for the dialog: dev login as `username` (AUTH_MODE=dev), or the OpenID provider's login
 * in a popup that must come back as the same user (`userId`) with AUTH_MODE=oidc.
 */
export function useRelogin(username: string, userId: string | null, onLoggedIn: (session: Session) => void) {
  const { t } = useI18n();
  const dev = useDevLogin(() => username, onLoggedIn);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // After someone else logged in at the provider, its session is theirs: ask for the login again.
  const [askAgain, setAskAgain] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      // How to log in is asked first (read once per page load): never dev login in oidc mode.
      if ((await authConfig()).mode === 'dev') {
        setPending(false);
        return await dev.submit(e);
      }
      onLoggedIn(await oidcReloginAs(userId, askAgain));
    } catch (err) {
      if (err instanceof OtherUserError) setAskAgain(true);
      setError(describeLoginError(err, t));
      setPending(false);
    }
  };
  return { pending: pending || dev.pending, error: error ?? dev.error, submit };
}

/** The login page: the demo users (AUTH_MODE=dev) or the organisation's OpenID provider (AUTH_MODE=oidc). */
export function LoginPage({ onLoggedIn, focusHeading, oidcReturn }: Props) {
  const { t } = useI18n();
  const config = useLoad(() => authConfig(), []);
  const heading = <PageHeading focus={focusHeading}>{t('login.title')}</PageHeading>;
  if (oidcReturn?.pending || config.status === 'loading') {
    return (
      <>
        {heading}
        <p aria-live="polite">{oidcReturn?.pending ? t('login.pending') : t('common.loading')}</p>
      </>
    );
  }
  if (config.status === 'ok' && config.data.mode === 'oidc') {
    return (
      <>
        {heading}
        <OidcLogin oidc={config.data.oidc} returnError={oidcReturn && !oidcReturn.pending ? oidcReturn.error : null} />
        <PublicLinks />
      </>
    );
  }
  // Dev mode, and when the configuration cannot be read (its dev login then says what is wrong).
  return (
    <>
      {heading}
      <LoginError text={oidcReturn && !oidcReturn.pending ? describeLoginError(oidcReturn.error, t) : null} />
      <DevLoginForm onLoggedIn={onLoggedIn} />
      <PublicLinks />
    </>
  );
}

/** AUTH_MODE=oidc: one button to the provider's login; it comes back to the route the user was on. */
function OidcLogin({ oidc, returnError }: { oidc: AuthConfig['oidc']; returnError: unknown }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(returnError ? describeLoginError(returnError, t) : null);
  if (!oidc) {
    return (
      <Alert variant="error" heading={t('login.error')}>
        <p>{t('login.oidcNotConfigured')}</p>
      </Alert>
    );
  }
  const start = async () => {
    setPending(true);
    setError(null);
    try {
      await startOidcLogin(window.location.hash || '#/');
    } catch (err) {
      setError(describeLoginError(err, t));
      setPending(false);
    }
  };
  return (
    <>
      <p className="font-lead">{t('login.oidcIntro')}</p>
      <LoginError text={error} />
      <button type="button" className="button button-primary mt-5" onClick={() => void start()} disabled={pending} aria-disabled={pending}>
        {pending ? t('login.pending') : t('login.submit')}
      </button>
    </>
  );
}

/** Dev login (AUTH_MODE=dev): POST /api/v1/auth/dev-login {username} → {accessToken}. */
function DevLoginForm({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState<string>(DEMO_USERS[0].username);
  const { pending, error, submit } = useDevLogin(() => username, onLoggedIn);

  return (
    <>
      <p className="font-lead">{t('login.intro')}</p>

      <LoginError text={error} />

      <form onSubmit={submit} noValidate>
        <div className="form-group">
          <fieldset>
            <legend className="form-label">{t('login.legend')}</legend>
            {DEMO_USERS.map((u) => {
              const id = `user-${u.username.replace(/[^a-z0-9]/gi, '-')}`;
              return (
                <div className="form-group-radio" key={u.username}>
                  <input
                    type="radio"
                    className="form-radio"
                    id={id}
                    name="username"
                    value={u.username}
                    checked={username === u.username}
                    onChange={() => setUsername(u.username)}
                    aria-describedby={`${id}-hint`}
                  />
                  <label htmlFor={id}>{u.username}</label>
                  <span className="form-hint" id={`${id}-hint`}>
                    {t(`role.${u.role}`)} · {u.affiliation}
                  </span>
                </div>
              );
            })}
          </fieldset>
        </div>
        <button type="submit" className="button button-primary mt-5" disabled={pending} aria-disabled={pending}>
          {pending ? t('login.pending') : t('login.submit')}
        </button>
      </form>
    </>
  );
}

/** A failed login, said where the login is (page or dialog). */
export function LoginError({ text }: { text: string | null }) {
  const { t } = useI18n();
  return text ? (
    <Alert variant="error" heading={t('login.error')} assertive>
      <p>{text}</p>
    </Alert>
  ) : null;
}

function PublicLinks() {
  const { t } = useI18n();
  return (
    <p className="mt-6" data-testid="public-links">
      {/* Public pages (issues 15 and 16), no login. */}
      <a href={paths.publicCases()}>{t('pub.nav.cases')}</a> · <a href={paths.publicStatistics()}>{t('pub.nav.stats')}</a> · <a href={paths.publicDecisions()}>{t('pub.nav.decisions')}</a>
    </p>
  );
}

function describeLoginError(err: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (err instanceof OtherUserError) return t('relogin.otherUser', { user: err.username });
  const oidc = oidcFailureOf(err);
  if (oidc) return t(oidc === 'cancelled' ? 'login.oidcCancelled' : 'login.oidcRefused');
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError) {
    if (err.status === 404) return t('login.notAvailable');
    const detail = err.problem?.detail ?? err.problem?.title;
    return detail ? `${detail}${err.problem?.code ? ` (${err.problem.code})` : ''}` : t('error.http', { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}
