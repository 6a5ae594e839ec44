import { useCallback, useEffect, useMemo, useState } from 'react';
import { clearSession, loadSession, onSessionExpired, type Session } from './api';
import { Alert } from './components/Alert';
import { ErrorBoundary, WidgetError } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { HomePage } from './components/HomePage';
import { LoginPage } from './components/LoginPage';
import { ReloginDialog } from './components/ReloginDialog';
import { PageHeading } from './components/PageHeading';
import { I18nContext, loadLang, saveLang, translate, useI18n, type I18n, type Lang } from './i18n';
import { AdminUserPage, AdminUsersPage } from './pages/AdminUsersPage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { CasePage } from './pages/CasePage';
import { ApplicationPage } from './pages/ApplicationPage';
import { CasesPage } from './pages/CasesPage';
import { DashboardPage } from './pages/DashboardPage';
import { InboxPage } from './pages/InboxPage';
import { NewCasePage } from './pages/NewCasePage';
import { CaseSearchPage } from './pages/CaseSearchPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { PermitPage } from './pages/PermitPage';
import { PublicDecisionsPage } from './pages/PublicDecisionsPage';
import { PublicHearingPage } from './pages/PublicHearingPage';
import { PublicCasePage, PublicCasesPage, PublicStatisticsPage } from './transparency/PublicPages';
import { PublicJointHearingPage } from './pages/PublicJointHearingPage';
import { AcceptProxyPage, ProxiesPage } from './pages/ProxiesPage';
import { ReferralPage } from './referrals/ReferralPage';
import { endOidcSession, finishOidcRedirect, isOidcRedirectReturn } from './oidc';
import { navigate, parseHash, paths, useRoute, type Route } from './router';

/**
 * Application shell: no session → login (dev login, or the OpenID provider); otherwise the hash route (#/, #/cases/new,
 * #/cases/<id>, #/permits/<id>, #/admin/users/<id>) picks the page, and `#/` is the role's home
 * (applicant: cases, caseworker: inbox, coordinator: dashboard, admin: users). After any in-app navigation the new page's <h1>
 * takes focus.
 */
export function App() {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const [session, setSession] = useState<Session | null>(loadSession);
  // False on first paint; true after any in-app navigation so the new page's <h1> takes focus.
  const [navigated, setNavigated] = useState(false);
  const { route, seq } = useRoute();
  // A request with the session's token was answered 401: the re-login dialog is open over the page
  // (which stays mounted, forms and all); `relogged` says so once the user is back in.
  const [expired, setExpired] = useState(false);
  const [relogged, setRelogged] = useState(false);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);
  useEffect(() => setRelogged(false), [route]);
  // Back from the OpenID provider's login page (AUTH_MODE=oidc): redeem the code, then go to the
  // route the user started from.
  const [oidcReturn, setOidcReturn] = useState<{ pending: true } | { pending: false; error: unknown } | undefined>(() => (isOidcRedirectReturn() ? { pending: true } : undefined));
  useEffect(() => {
    if (!isOidcRedirectReturn()) return;
    finishOidcRedirect().then(
      (done) => {
        setOidcReturn(undefined);
        if (!done) return;
        setNavigated(true);
        setSession(done.session);
        navigate(done.route);
      },
      (error: unknown) => setOidcReturn({ pending: false, error }),
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.name');
  }, [lang]);

  const i18n = useMemo<I18n>(
    () => ({
      lang,
      setLang: (next) => {
        saveLang(next);
        setLangState(next);
      },
      t: (key, vars) => translate(lang, key, vars),
    }),
    [lang],
  );

  const onLoggedIn = useCallback((s: Session) => {
    setNavigated(true);
    setSession(s);
    // An invitation link opened before logging in is kept: the accept page follows the login.
    if (parseHash(window.location.hash).name !== 'acceptProxy') navigate(paths.home());
  }, []);

  // Logged in again as the same user: the page keeps its key (user and route), so nothing typed is lost.
  const onLoggedInAgain = useCallback((s: Session) => {
    setSession(s);
    setExpired(false);
    setRelogged(true);
  }, []);

  const onLogout = useCallback(() => {
    setExpired(false);
    clearSession();
    setNavigated(true);
    setSession(null);
    // An OIDC login's provider session ends too (the browser goes there and back to the login page).
    void endOidcSession();
  }, []);

  const onHome = useCallback(() => {
    setNavigated(true);
    if (window.location.hash && window.location.hash !== paths.home()) navigate(paths.home());
    else document.getElementById('main-content')?.focus();
  }, []);

  // Keep the document title in step with the page (WCAG 2.4.2).
  useEffect(() => {
    const page = route.name === 'home' ? '' : route.name === 'newCase' ? translate(lang, 'wizard.title') : '';
    document.title = page ? `${page} – ${translate(lang, 'app.name')}` : translate(lang, 'app.name');
  }, [route, lang]);

  return (
    <I18nContext.Provider value={i18n}>
      {/* The whole page behind the re-login dialog: inert while it is open (no focus, no clicks). */}
      <div className="rl-app" inert={expired && session ? true : undefined}>
        <a className="skipnav" href="#main-content">
          {i18n.t('skip.toMain')}
        </a>
        <Header session={session} onHome={onHome} onLogout={onLogout} />
        <div className="container page-container">
          <main id="main-content" tabIndex={-1} className="page-content">
            <div aria-live="polite">
              {relogged && session ? <Alert variant="success" heading={i18n.t('relogin.done')} /> : null}
            </div>
            {route.name === 'publicHearing' ? (
              // Public pages (issue 15): anyone, with or without a session.
              <PublicHearingPage key={route.id} id={route.id} focusHeading={navigated || seq > 0} />
            ) : route.name === 'publicJointHearing' ? (
              <PublicJointHearingPage key={route.id} id={route.id} focusHeading={navigated || seq > 0} />
            ) : route.name === 'publicDecisions' ? (
              <PublicDecisionsPage focusHeading={navigated || seq > 0} />
            ) : route.name === 'publicCases' ? (
              // Transparency (issue 16 item 5): public too.
              <PublicCasesPage focusHeading={navigated || seq > 0} />
            ) : route.name === 'publicCase' ? (
              <PublicCasePage key={route.id} reference={route.id} focusHeading={navigated || seq > 0} />
            ) : route.name === 'publicStatistics' ? (
              <PublicStatisticsPage focusHeading={navigated || seq > 0} />
            ) : session ? (
              <ErrorBoundary key={`${session.username}:${routeKey(route)}`} fallback={(e) => <WidgetError error={e} />}>
                <RoutedPage route={route} session={session} focusHeading={navigated || seq > 0} />
              </ErrorBoundary>
            ) : (
              <LoginPage onLoggedIn={onLoggedIn} focusHeading={navigated} oidcReturn={oidcReturn} />
            )}
          </main>
        </div>
        <footer className="rl-footer">
          <div className="container">
            <p>{i18n.t('footer.text')}</p>
          </div>
        </footer>
      </div>
      {expired && session ? <ReloginDialog username={session.username} userId={session.userId} onLoggedIn={onLoggedInAgain} onLogout={onLogout} onClose={() => setExpired(false)} /> : null}
    </I18nContext.Provider>
  );
}

function routeKey(route: Route): string {
  return 'id' in route ? `${route.name}/${route.id}` : route.name;
}

function RoutedPage({ route, session, focusHeading }: { route: Route; session: Session; focusHeading: boolean }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'home':
      if (session.role === 'applicant') return <CasesPage focusHeading={focusHeading} />;
      if (session.role === 'caseworker') return <InboxPage session={session} focusHeading={focusHeading} />;
      if (session.role === 'coordinator') return <DashboardPage focusHeading={focusHeading} />;
      if (session.role === 'admin') return <AdminUsersPage session={session} focusHeading={focusHeading} />;
      return <HomePage session={session} focusHeading={focusHeading} />;
    case 'newCase':
      return <NewCasePage focusHeading={focusHeading} />;
    case 'case':
      return <CasePage id={route.id} session={session} focusHeading={focusHeading} />;
    case 'application':
      return <ApplicationPage id={route.id} session={session} focusHeading={focusHeading} />;
    case 'permit':
      return <PermitPage id={route.id} session={session} focusHeading={focusHeading} />;
    case 'referral':
      return <ReferralPage id={route.id} session={session} focusHeading={focusHeading} />;
    case 'notifications':
      return <NotificationsPage focusHeading={focusHeading} />;
    case 'search':
      return <CaseSearchPage session={session} focusHeading={focusHeading} />;
    case 'adminUser':
      return <AdminUserPage id={route.id} session={session} focusHeading={focusHeading} />;
    case 'proxies':
      return <ProxiesPage session={session} focusHeading={focusHeading} />;
    case 'acceptProxy':
      return <AcceptProxyPage token={route.id} focusHeading={focusHeading} />;
    case 'integrations':
      return <IntegrationsPage session={session} focusHeading={focusHeading} />;
    default:
      return (
        <>
          <PageHeading focus={focusHeading}>{t('nav.notFound')}</PageHeading>
          <p>
            <a href={paths.home()}>{t('nav.home')}</a>
          </p>
        </>
      );
  }
}
