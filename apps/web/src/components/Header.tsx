import { useI18n } from '../i18n';
import type { Session } from '../api';
import { DailyNav } from './DailyNav';

interface Props {
  session: Session | null;
  onHome: () => void;
  onLogout: () => void;
}

/** DKFDS header: portal row (Virk logo, user, language, log out) and solution row (product name). */
export function Header({ session, onHome, onLogout }: Props) {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'da' ? 'en' : 'da';

  const goHome = (e: React.MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    onHome();
  };

  return (
    <header className="header">
      <div className="portal-info">
        <div className="container portal-info-inner">
          <a href="/" className="logo" title={t('header.home')} aria-label={t('header.home')} onClick={goHome}>
            <span>{t('header.virk')}</span>
          </a>
          <div className="rl-portal-actions">
            {session ? (
              <p className="rl-user">
                <span className="sr-only">{t('header.loggedInAs')} </span>
                <strong>{session.username}</strong>
                {session.role ? <span className="rl-user-role">{t(`role.${session.role}`)}</span> : null}
              </p>
            ) : null}
            <button
              type="button"
              className="function-link"
              lang={other}
              aria-label={t('lang.switchLabel')}
              onClick={() => setLang(other)}
            >
              <span className="icon icon-language" aria-hidden="true" />
              {t('lang.switchTo')}
            </button>
            {session && session.role !== 'coordinator' ? (
              // Issue 18: webhooks and machine clients (pages/IntegrationsPage.tsx).
              <a className="button button-tertiary" href="#/integrations">
                {lang === 'da' ? 'Integrationer' : 'Integrations'}
              </a>
            ) : null}
            {session ? (
              <button type="button" className="button button-secondary" onClick={onLogout}>
                {t('header.logout')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <div className="solution-info">
        <div className="container solution-info-inner">
          <div className="solution-heading">
            <a href="/" onClick={goHome}>
              {t('app.name')}
            </a>
          </div>
          <div className="additional-info">
            <p>{t('app.tagline')}</p>
          </div>
          {session ? <DailyNav /> : null}
        </div>
      </div>
    </header>
  );
}
