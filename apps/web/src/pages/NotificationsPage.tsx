import { useEffect, useId, useState } from 'react';
import { api, describeError } from '../api/client';
import type { NotificationPreference, NotificationView } from '../api/types';
import { Loadable, StatusMessage } from '../components/common';
import { Section } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { SubmitButton } from '../components/forms';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

const PAGE_SIZE = 10;
type Mode = NotificationPreference['emailMode'];
const MODES: readonly Mode[] = ['immediate', 'digest', 'off'];

/** Tells the header badge (and anyone listening) that the unread count may have changed. */
export function notificationsChanged(): void {
  window.dispatchEvent(new Event('rl:notifications-changed'));
}

/**
 * The caller's notifications (issue 19): rendered by the API in the reader's language from
 * kind + parameters, unread ones marked, mark one / all read, paging, and the e-mail preference
 * per kind (immediate / daily digest / off; legally required notices are locked to immediate).
 */
export function NotificationsPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const load = useLoad((signal) => api.notifications({ lang, page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: true } : {}) }, signal), [lang, page, unreadOnly]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const act = async (run: () => Promise<unknown>, success: string) => {
    setMessage(null);
    try {
      await run();
      await load.reload();
      notificationsChanged();
      setMessage({ kind: 'success', text: success });
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
    }
  };

  return (
    <>
      <PageHeading focus={focusHeading}>{t('notif.pageTitle')}</PageHeading>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(data) => (
          <>
            <p data-testid="notif-unread-count">{t('notif.unreadCount', { n: data.unreadCount })}</p>
            <div className="rl-toolbar">
              <div className="form-group-checkbox">
                <input
                  className="form-checkbox"
                  type="checkbox"
                  id="notif-unread-only"
                  checked={unreadOnly}
                  onChange={(e) => {
                    setUnreadOnly(e.target.checked);
                    setPage(1);
                  }}
                />
                <label htmlFor="notif-unread-only">{t('notif.unreadOnly')}</label>
              </div>
              {data.unreadCount > 0 ? (
                <button type="button" className="button button-secondary" onClick={() => act(() => api.markAllNotificationsRead(), t('notif.allMarked'))}>
                  {t('notif.markAllRead')}
                </button>
              ) : null}
            </div>
            {data.items.length === 0 ? (
              <p>{t('notifications.empty')}</p>
            ) : (
              <ul className="rl-notifications-page" data-testid="notifications" aria-label={t('notif.pageTitle')}>
                {data.items.map((n) => (
                  <NotificationItem key={n.id} n={n} onRead={() => act(() => api.markNotificationRead(n.id, lang), t('notif.marked'))} />
                ))}
              </ul>
            )}
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} label={t('notif.paging')} />
          </>
        )}
      </Loadable>
      <Preferences />
    </>
  );
}

/** One notification: unread marker, title, time, the full text on demand, links and mark-read. */
function NotificationItem({ n, onRead }: { n: NotificationView; onRead: () => void }) {
  const { t, lang } = useI18n();
  const unread = n.readAt === null;
  return (
    <li className={`rl-notification${unread ? ' rl-notification--unread' : ''}`} data-unread={unread ? 'true' : 'false'} data-kind={n.kind}>
      <h2 className="h4 mt-0 mb-0">
        {unread ? <span className="badge badge-info">{t('notif.unread')}</span> : <span className="sr-only">{t('notif.read')}: </span>} {n.title}
      </h2>
      <span className="form-hint">{fmtDateTime(lang, n.createdAt)}</span>
      <details>
        <summary>{t('notif.showText')}</summary>
        <pre>{n.body}</pre>
      </details>
      <p className="mt-2 mb-0">
        {n.permitId ? (
          <a href={paths.permit(n.permitId)} className="mr-4">
            {t('notif.openPermit')}
            <span className="sr-only">: {n.title}</span>
          </a>
        ) : n.caseId ? (
          <a href={paths.case(n.caseId)} className="mr-4">
            {t('notifications.open')}
            <span className="sr-only">: {n.title}</span>
          </a>
        ) : null}
        {unread ? (
          <button type="button" className="button button-tertiary" onClick={onRead}>
            {t('notif.markRead')}
            <span className="sr-only">: {n.title}</span>
          </button>
        ) : null}
      </p>
    </li>
  );
}

/** Per-kind e-mail preference form; locked kinds are shown with why they cannot change. */
function Preferences() {
  const { t } = useI18n();
  const id = useId();
  const load = useLoad((signal) => api.notificationPreferences(signal), []);
  const [draft, setDraft] = useState<Record<string, Mode>>({});
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (load.data) setDraft(Object.fromEntries(load.data.items.map((i) => [i.kind, i.emailMode])));
  }, [load.data]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!load.data) return;
    setPending(true);
    setMessage(null);
    try {
      const items = load.data.items.filter((i) => !i.legallyRequired && draft[i.kind] && draft[i.kind] !== i.emailMode).map((i) => ({ kind: i.kind, emailMode: draft[i.kind] }));
      await api.updateNotificationPreferences(items);
      await load.reload();
      setMessage({ kind: 'success', text: t('notif.prefsSaved') });
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
    } finally {
      setPending(false);
    }
  };

  return (
    <Section id="notif-prefs" title={t('notif.prefsTitle')} testId="notif-prefs">
      <p>{t('notif.prefsIntro')}</p>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(data) => (
          <form onSubmit={save} noValidate>
            {data.items.map((p) => (
              <div className="form-group" key={p.kind}>
                <label className="form-label" htmlFor={`${id}-${p.kind}`}>
                  {t(`notifKind.${p.kind}` as const)}
                </label>
                {p.legallyRequired ? (
                  <span className="form-hint" id={`${id}-${p.kind}-hint`}>
                    {t('notif.legallyRequired')}
                  </span>
                ) : null}
                <select
                  className="form-select"
                  id={`${id}-${p.kind}`}
                  data-kind={p.kind}
                  disabled={p.legallyRequired}
                  aria-describedby={p.legallyRequired ? `${id}-${p.kind}-hint` : undefined}
                  value={draft[p.kind] ?? p.emailMode}
                  onChange={(e) => setDraft((d) => ({ ...d, [p.kind]: e.target.value as Mode }))}
                >
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {t(`notif.mode.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <SubmitButton pending={pending}>{t('notif.savePrefs')}</SubmitButton>
          </form>
        )}
      </Loadable>
    </Section>
  );
}
