import { useCallback, useEffect, useMemo, useState } from 'react';
import { clearSession, loadSession, type Session } from './api';
import { Header } from './components/Header';
import { HomePage } from './components/HomePage';
import { LoginPage } from './components/LoginPage';
import { I18nContext, loadLang, saveLang, translate, type I18n, type Lang } from './i18n';

/**
 * Application shell. No router yet: the view is derived from the session
 * (no session → dev login, session → role home). Replace with a router when pages grow.
 */
export function App() {
  const [lang, setLangState] = useState<Lang>(loadLang);
  const [session, setSession] = useState<Session | null>(loadSession);
  // False on first paint; true after any in-app navigation so the new page's <h1> takes focus.
  const [navigated, setNavigated] = useState(false);

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
  }, []);

  const onLogout = useCallback(() => {
    clearSession();
    setNavigated(true);
    setSession(null);
  }, []);

  const onHome = useCallback(() => {
    setNavigated(true);
    document.getElementById('main-content')?.focus();
  }, []);

  return (
    <I18nContext.Provider value={i18n}>
      <a className="skipnav" href="#main-content">
        {i18n.t('skip.toMain')}
      </a>
      <Header session={session} onHome={onHome} onLogout={onLogout} />
      <div className="container page-container">
        <main id="main-content" tabIndex={-1} className="page-content">
          {session ? (
            <HomePage key={session.username} session={session} focusHeading={navigated} />
          ) : (
            <LoginPage onLoggedIn={onLoggedIn} focusHeading={navigated} />
          )}
        </main>
      </div>
      <footer className="rl-footer">
        <div className="container">
          <p>{i18n.t('footer.text')}</p>
        </div>
      </footer>
    </I18nContext.Provider>
  );
}
