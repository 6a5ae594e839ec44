import { useEffect } from 'react';
import { api } from '../api/client';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

/**
 * Issue 19: the links every role needs every day — case search and notifications with the unread
 * count. The count reloads when the language changes, on navigation and when a page reports a
 * change (`rl:notifications-changed`).
 */
export function DailyNav() {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.notifications({ lang, page: 1, pageSize: 1 }, signal), [lang]);
  const { reload } = load;
  useEffect(() => {
    const onChange = () => void reload();
    window.addEventListener('rl:notifications-changed', onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('rl:notifications-changed', onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, [reload]);
  const unread = load.data?.unreadCount ?? 0;
  return (
    <nav className="rl-daily-nav" aria-label={t('dailyNav.label')}>
      <a href={paths.search()}>{t('dailyNav.search')}</a>
      <a href={paths.notifications()} data-testid="notifications-link">
        {t('dailyNav.notifications')}
        {unread > 0 ? (
          <span className="rl-badge-count" data-testid="unread-badge">
            {unread}
            <span className="sr-only"> {t('dailyNav.unread')}</span>
          </span>
        ) : null}
      </a>
    </nav>
  );
}
