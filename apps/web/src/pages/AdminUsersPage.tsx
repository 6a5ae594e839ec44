import { useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { api, describeError } from '../api/client';
import type { AdminUser } from '../api/types';
import { Loadable, StatusMessage } from '../components/common';
import { AdminCalendarSection } from '../components/AdminCalendarSection';
import { HealthStatus } from '../components/HealthStatus';
import { PageHeading } from '../components/PageHeading';
import { fmtDateTime } from '../format';
import { useDebounced, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';

type Message = { kind: 'success' | 'error'; text: string } | null;

function binding(u: AdminUser): string {
  if (u.organisation) return `${u.organisation.name} (CVR ${u.organisation.cvr})`;
  if (u.authority) return u.authority.nameDa;
  return '–';
}

function StatusBadge({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  return user.deactivatedAt ? (
    <span className="badge badge-error" data-status="deactivated">
      {t('adminUsers.deactivated')}
    </span>
  ) : (
    <span className="badge badge-success" data-status="active">
      {t('adminUsers.active')}
    </span>
  );
}

/** Admin home: the user directory (GET /admin/users), searchable; no case data. */
export function AdminUsersPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const load = useLoad((signal) => api.adminUsers({ q: q || undefined, pageSize: 100 }, signal), [q]);

  return (
    <>
      <PageHeading focus={focusHeading}>{t('adminUsers.title')}</PageHeading>
      <p className="font-lead">{t('adminUsers.intro')}</p>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="form-group">
          <label className="form-label" htmlFor="admin-user-search">
            {t('adminUsers.search')}
          </label>
          <input id="admin-user-search" className="form-input" type="search" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
        </div>
      </form>
      <Loadable load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('adminUsers.empty')}</p>
          ) : (
            <div className="table--responsive-scroll">
              <table className="table table--zebra" data-testid="admin-users">
                <caption>{t('adminUsers.caption', { n: page.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminUsers.name')}</th>
                    <th scope="col">{t('adminUsers.username')}</th>
                    <th scope="col">{t('adminUsers.role')}</th>
                    <th scope="col">{t('adminUsers.binding')}</th>
                    <th scope="col">{t('adminUsers.status')}</th>
                    <th scope="col">{t('adminUsers.identities')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((u) => (
                    <tr key={u.id} data-username={u.username}>
                      <th scope="row">
                        <a href={paths.adminUser(u.id)}>{u.displayName}</a>
                      </th>
                      <td>{u.username}</td>
                      <td>{t(`role.${u.role}` as MessageKey)}</td>
                      <td>{binding(u)}</td>
                      <td>
                        <StatusBadge user={u} />
                      </td>
                      <td>{u.identities.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
      <AdminCalendarSection />
      <HealthStatus token={session.accessToken} />
    </>
  );
}

/** One user: linked external identities (link / unlink), deactivate / reactivate, audit log. */
export function AdminUserPage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.adminUser(id, signal), [id]);
  const audit = useLoad((signal) => api.adminUserAudit(id, signal), [id]);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);
  const [issuer, setIssuer] = useState('');
  const [subject, setSubject] = useState('');
  const [reason, setReason] = useState('');
  const self = session.userId === id;

  const act = async (action: () => Promise<unknown>, success: string) => {
    setPending(true);
    setMessage(null);
    try {
      await action();
      await Promise.all([load.reload(), audit.reload()]);
      setMessage({ kind: 'success', text: success });
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
      return false;
    } finally {
      setPending(false);
    }
  };

  const link = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await act(() => api.linkIdentity(id, { subject: subject.trim(), ...(issuer.trim() ? { issuer: issuer.trim() } : {}) }), t('adminUsers.linked', { subject: subject.trim() }));
    if (ok) setSubject('');
  };

  return (
    <>
      <p>
        <a href={paths.home()}>{t('adminUsers.back')}</a>
      </p>
      <Loadable load={load}>
        {(u) => (
          <>
            <PageHeading focus={focusHeading}>{u.displayName}</PageHeading>
            <dl className="rl-summary" data-testid="admin-user-summary">
              <dt>{t('adminUsers.username')}</dt>
              <dd>{u.username}</dd>
              <dt>{t('adminUsers.email')}</dt>
              <dd>{u.email || '–'}</dd>
              <dt>{t('adminUsers.role')}</dt>
              <dd>{t(`role.${u.role}` as MessageKey)}</dd>
              <dt>{t('adminUsers.binding')}</dt>
              <dd>{binding(u)}</dd>
              <dt>{t('adminUsers.status')}</dt>
              <dd>
                <StatusBadge user={u} />
                {u.deactivatedAt ? ` ${fmtDateTime(lang, u.deactivatedAt)}` : ''}
              </dd>
            </dl>
            <StatusMessage message={message} />

            <h2>{t('adminUsers.identities')}</h2>
            <p>{t('adminUsers.identitiesHelp')}</p>
            {u.identities.length === 0 ? (
              <p data-testid="no-identities">{t('adminUsers.noIdentities')}</p>
            ) : (
              <div className="table--responsive-scroll">
                <table className="table table--zebra" data-testid="identities">
                  <caption className="sr-only">{t('adminUsers.identities')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('adminUsers.subject')}</th>
                      <th scope="col">{t('adminUsers.issuer')}</th>
                      <th scope="col">{t('adminUsers.linkedAt')}</th>
                      <th scope="col">
                        <span className="sr-only">{t('adminUsers.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {u.identities.map((i) => (
                      <tr key={i.id} data-subject={i.subject}>
                        <th scope="row">{i.subject}</th>
                        <td>{i.issuer}</td>
                        <td>{fmtDateTime(lang, i.linkedAt)}</td>
                        <td>
                          {self ? null : (
                            <button type="button" className="button button-secondary" disabled={pending} onClick={() => act(() => api.unlinkIdentity(id, i.id), t('adminUsers.unlinked', { subject: i.subject }))}>
                              {t('adminUsers.unlink')}
                              <span className="sr-only"> {i.subject}</span>
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            <form onSubmit={link} data-testid="link-form" className="mt-6">
              <fieldset>
                <legend className="h3">{t('adminUsers.linkTitle')}</legend>
                <div className="form-group">
                  <label className="form-label" htmlFor="link-subject">
                    {t('adminUsers.subject')}
                  </label>
                  <input id="link-subject" className="form-input" required maxLength={255} value={subject} onChange={(e) => setSubject(e.target.value)} />
                </div>
                <div className="form-group">
                  <label className="form-label" htmlFor="link-issuer">
                    {t('adminUsers.issuer')}
                  </label>
                  <span className="form-hint" id="link-issuer-hint">
                    {t('adminUsers.issuerHint')}
                  </span>
                  <input id="link-issuer" className="form-input" type="url" maxLength={2048} aria-describedby="link-issuer-hint" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
                </div>
                <button type="submit" className="button button-primary" disabled={pending || !subject.trim()}>
                  {t('adminUsers.link')}
                </button>
              </fieldset>
            </form>

            <h2>{t('adminUsers.access')}</h2>
            {self ? (
              <p>{t('adminUsers.selfNote')}</p>
            ) : u.deactivatedAt ? (
              <button type="button" className="button button-primary" disabled={pending} onClick={() => act(() => api.reactivateUser(id), t('adminUsers.reactivatedMsg'))}>
                {t('adminUsers.reactivate')}
              </button>
            ) : (
              <form
                data-testid="deactivate-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(() => api.deactivateUser(id, reason.trim() || undefined), t('adminUsers.deactivatedMsg')).then((ok) => ok && setReason(''));
                }}
              >
                <div className="form-group">
                  <label className="form-label" htmlFor="deactivate-reason">
                    {t('adminUsers.reason')}
                  </label>
                  <input id="deactivate-reason" className="form-input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                </div>
                <button type="submit" className="button button-secondary" disabled={pending}>
                  {t('adminUsers.deactivate')}
                </button>
              </form>
            )}

            <h2>{t('adminUsers.audit')}</h2>
            <Loadable load={audit}>
              {(log) =>
                log.items.length === 0 ? (
                  <p>{t('adminUsers.noAudit')}</p>
                ) : (
                  <div className="table--responsive-scroll">
                    <table className="table table--zebra" data-testid="directory-audit">
                      <caption className="sr-only">{t('adminUsers.audit')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('adminUsers.when')}</th>
                          <th scope="col">{t('adminUsers.what')}</th>
                          <th scope="col">{t('adminUsers.who')}</th>
                          <th scope="col">{t('adminUsers.details')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {log.items.map((e) => (
                          <tr key={e.id} data-action={e.action}>
                            <td>{fmtDateTime(lang, e.occurredAt)}</td>
                            <td>{t(`adminUsers.action.${e.action}` as MessageKey)}</td>
                            <td>{e.actor === 'cli' ? t('adminUsers.actorCli') : (e.actorUsername ?? '–')}</td>
                            <td>{Object.entries(e.details).filter(([k]) => k !== 'identityId').map(([k, v]) => `${k}: ${String(v)}`).join(', ') || '–'}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </Loadable>
          </>
        )}
      </Loadable>
    </>
  );
}
