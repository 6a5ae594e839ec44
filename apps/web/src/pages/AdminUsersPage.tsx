import { useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { api } from '../api/client';
import type { AdminUser } from '../api/types';
import { LoadedTable, Loadable, StatusMessage } from '../components/common';
import { AdminCalendarSection } from '../components/AdminCalendarSection';
import { useStatusAction } from '../components/actions';
import { AdminOverview } from '../components/AdminOverview';
import { DataTable } from '../components/DataTable';
import { describedBy, FormField } from '../components/forms';
import { HealthStatus } from '../components/HealthStatus';
import { PageHeading } from '../components/PageHeading';
import { fmtDateTime } from '../format';
import { useDebounced, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';

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
        <FormField id="admin-user-search" label={t('adminUsers.search')}>
          <input id="admin-user-search" className="form-input" type="search" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
        </FormField>
      </form>
      <Loadable load={load}>
        {(page) => (
          <DataTable
            caption={t('adminUsers.caption', { n: page.total })}
            captionVisible
            testId="admin-users"
            empty={t('adminUsers.empty')}
            rows={page.items}
            rowKey={(u) => u.id}
            rowProps={(u) => ({ 'data-username': u.username })}
            columns={[
              { header: t('adminUsers.name'), rowHeader: true, cell: (u) => <a href={paths.adminUser(u.id)}>{u.displayName}</a> },
              { header: t('adminUsers.username'), cell: (u) => u.username },
              { header: t('adminUsers.role'), cell: (u) => t(`role.${u.role}` as MessageKey) },
              { header: t('adminUsers.binding'), cell: (u) => binding(u) },
              { header: t('adminUsers.status'), cell: (u) => <StatusBadge user={u} /> },
              { header: t('adminUsers.identities'), cell: (u) => u.identities.length },
            ]}
          />
        )}
      </Loadable>
      <AdminCalendarSection />
      <AdminOverview session={session} />
      <HealthStatus token={session.accessToken} />
    </>
  );
}

/** One user: linked external identities (link / unlink), deactivate / reactivate, audit log. */
export function AdminUserPage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.adminUser(id, signal), [id]);
  const audit = useLoad((signal) => api.adminUserAudit(id, signal), [id]);
  const status = useStatusAction(() => Promise.all([load.reload(), audit.reload()]));
  const { pending, message } = status;
  const [issuer, setIssuer] = useState('');
  const [subject, setSubject] = useState('');
  const [reason, setReason] = useState('');
  const self = session.userId === id;

  const act = (action: () => Promise<unknown>, success: string) =>
    status.act(async () => {
      await action();
      return success;
    });

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
              <DataTable
                caption={t('adminUsers.identities')}
                testId="identities"
                rows={u.identities}
                rowKey={(i) => i.id}
                rowProps={(i) => ({ 'data-subject': i.subject })}
                columns={[
                  { header: t('adminUsers.subject'), rowHeader: true, cell: (i) => i.subject },
                  { header: t('adminUsers.issuer'), cell: (i) => i.issuer },
                  { header: t('adminUsers.linkedAt'), cell: (i) => fmtDateTime(lang, i.linkedAt) },
                  {
                    header: <span className="sr-only">{t('adminUsers.actions')}</span>,
                    cell: (i) =>
                      self ? null : (
                        <button type="button" className="button button-secondary" disabled={pending} onClick={() => act(() => api.unlinkIdentity(id, i.id), t('adminUsers.unlinked', { subject: i.subject }))}>
                          {t('adminUsers.unlink')}
                          <span className="sr-only"> {i.subject}</span>
                        </button>
                      ),
                  },
                ]}
              />
            )}

            <form onSubmit={link} data-testid="link-form" className="mt-6">
              <fieldset>
                <legend className="h3">{t('adminUsers.linkTitle')}</legend>
                <FormField id="link-subject" label={t('adminUsers.subject')}>
                  <input id="link-subject" className="form-input" required maxLength={255} value={subject} onChange={(e) => setSubject(e.target.value)} />
                </FormField>
                <FormField id="link-issuer" label={t('adminUsers.issuer')} hint={t('adminUsers.issuerHint')}>
                  <input id="link-issuer" className="form-input" type="url" maxLength={2048} {...describedBy('link-issuer', { hint: true })} value={issuer} onChange={(e) => setIssuer(e.target.value)} />
                </FormField>
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
                <FormField id="deactivate-reason" label={t('adminUsers.reason')}>
                  <input id="deactivate-reason" className="form-input" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
                </FormField>
                <button type="submit" className="button button-secondary" disabled={pending}>
                  {t('adminUsers.deactivate')}
                </button>
              </form>
            )}

            <h2>{t('adminUsers.audit')}</h2>
            <LoadedTable
              load={audit}
              caption={t('adminUsers.audit')}
              testId="directory-audit"
              empty={t('adminUsers.noAudit')}
              rowKey={(e) => e.id}
              rowProps={(e) => ({ 'data-action': e.action })}
              columns={[
                { header: t('adminUsers.when'), cell: (e) => fmtDateTime(lang, e.occurredAt) },
                { header: t('adminUsers.what'), cell: (e) => t(`adminUsers.action.${e.action}` as MessageKey) },
                { header: t('adminUsers.who'), cell: (e) => (e.actor === 'cli' ? t('adminUsers.actorCli') : (e.actorUsername ?? '–')) },
                { header: t('adminUsers.details'), cell: (e) => Object.entries(e.details).filter(([k]) => k !== 'identityId').map(([k, v]) => `${k}: ${String(v)}`).join(', ') || '–' },
              ]}
            />
          </>
        )}
      </Loadable>
    </>
  );
}
