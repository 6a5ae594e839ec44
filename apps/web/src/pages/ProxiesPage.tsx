import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { api, describeError } from '../api/client';
import type { ProxyGrant, ProxyRole } from '../api/types';
import { Alert } from '../components/Alert';
import { Section } from '../components/DataTable';
import { BackLink, LoadedTableSection, StatusMessage } from '../components/common';
import { describedBy, FormField, SubmitButton } from '../components/forms';
import { PageHeading } from '../components/PageHeading';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';

type Message = { kind: 'success' | 'error'; text: string } | null;
const ROLES: ProxyRole[] = ['read', 'prepare', 'submit'];
const STATUS_BADGE: Record<ProxyGrant['status'], string> = { active: 'badge-success', invited: 'badge-info', notYetValid: 'badge-info', expired: 'badge-warning', revoked: 'badge-error' };

export function ProxyStatus({ grant }: { grant: ProxyGrant }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${STATUS_BADGE[grant.status]}`} data-status={grant.status}>
      {t(`proxy.status.${grant.status}` as MessageKey)}
    </span>
  );
}

/** Date input value (YYYY-MM-DD) `days` from today. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Fuldmagter / Access (issue 14 point 6): the company invites colleagues and consultants to its
 * cases with a role and an end date, sees who has access and revokes it; a consultant sees the
 * companies they act for.
 */
export function ProxiesPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const issued = useLoad((signal) => api.proxyGrants(signal), []);
  const received = useLoad((signal) => api.receivedProxyGrants(signal), []);
  const [message, setMessage] = useState<Message>(null);

  const revoke = async (g: ProxyGrant) => {
    if (!window.confirm(t('proxy.confirmRevoke', { who: g.grantee?.name ?? g.inviteeEmail }))) return;
    try {
      await api.revokeProxyGrant(g.id);
      await issued.reload();
      setMessage({ kind: 'success', text: t('proxy.revoked', { who: g.grantee?.name ?? g.inviteeEmail }) });
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
    }
  };

  return (
    <>
      <BackLink session={session} />
      <PageHeading focus={focusHeading}>{t('proxy.title')}</PageHeading>
      <p className="font-lead">{t('proxy.intro')}</p>
      <StatusMessage message={message} />
      <InviteForm
        received={received.data?.items ?? []}
        onDone={async (g) => {
          await issued.reload();
          setMessage({ kind: 'success', text: t(g.invitationEmail === 'failed' ? 'proxy.invitedNoMail' : 'proxy.invited', { email: g.inviteeEmail }) });
        }}
        onError={(text) => setMessage({ kind: 'error', text })}
      />
      <LoadedTableSection
        id="issued"
        title={t('proxy.issuedHeading')}
        load={issued}
        testId="proxy-issued"
        empty={t('proxy.issuedEmpty')}
        rowKey={(g) => g.id}
        rowProps={(g) => ({ 'data-email': g.inviteeEmail, 'data-status': g.status })}
        columns={[
          { header: t('proxy.who'), rowHeader: true, cell: (g) => (g.grantee ? `${g.grantee.name}${g.grantee.organisationName ? ` (${g.grantee.organisationName})` : ''}` : g.inviteeEmail) },
          { header: t('proxy.scope'), cell: (g) => (g.case ? `${g.case.reference} – ${g.case.title}` : t('proxy.allCases')) },
          { header: t('proxy.role'), cell: (g) => t(`proxy.role.${g.role}` as MessageKey) },
          { header: t('proxy.validUntil'), cell: (g) => fmtDate(lang, g.validUntil.slice(0, 10)) },
          { header: t('proxy.status'), cell: (g) => <ProxyStatus grant={g} /> },
          {
            header: <span className="sr-only">{t('proxy.actions')}</span>,
            cell: (g) =>
              g.status === 'revoked' || g.status === 'expired' ? null : (
                <button type="button" className="button button-secondary" onClick={() => revoke(g)}>
                  {t('proxy.revoke')}
                  <span className="sr-only">: {g.grantee?.name ?? g.inviteeEmail}</span>
                </button>
              ),
          },
        ]}
      />
      <LoadedTableSection
        id="received"
        title={t('proxy.receivedHeading')}
        load={received}
        testId="proxy-received"
        empty={t('proxy.receivedEmpty')}
        rowKey={(g) => g.id}
        columns={[
          { header: t('proxy.company'), rowHeader: true, cell: (g) => `${g.organisation.name} (CVR ${g.organisation.cvr})` },
          { header: t('proxy.scope'), cell: (g) => (g.case ? <a href={paths.case(g.case.id)}>{`${g.case.reference} – ${g.case.title}`}</a> : t('proxy.allCases')) },
          { header: t('proxy.role'), cell: (g) => t(`proxy.role.${g.role}` as MessageKey) },
          { header: t('proxy.validUntil'), cell: (g) => fmtDate(lang, g.validUntil.slice(0, 10)) },
          { header: t('proxy.status'), cell: (g) => <ProxyStatus grant={g} /> },
        ]}
      />
    </>
  );
}

function InviteForm({ received, onDone, onError }: { received: ProxyGrant[]; onDone: (g: ProxyGrant) => Promise<void>; onError: (text: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  // Only the company's own cases can be granted: leave out those the caller reaches through a fuldmagt.
  const cases = useLoad((signal) => api.listCases({ pageSize: 100 }, signal), []);
  const foreign = new Set(received.map((g) => g.organisation.name));
  const own = (cases.data?.items ?? []).filter((c) => !c.organisation || !foreign.has(c.organisation.name));
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ProxyRole>('prepare');
  const [caseId, setCaseId] = useState('');
  const [until, setUntil] = useState(dateIn(90));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) {
      setError(t('proxy.emailInvalid'));
      return;
    }
    setError(null);
    setPending(true);
    try {
      // The grant runs to the end of the chosen day (local time).
      const validUntil = new Date(`${until}T23:59:59`).toISOString();
      const g = await api.createProxyGrant({ email: email.trim(), role, validUntil, ...(caseId ? { caseId } : {}) });
      setEmail('');
      await onDone(g);
    } catch (err) {
      onError(describeError(err, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <Section id="invite" title={t('proxy.inviteHeading')}>
      <form onSubmit={submit} noValidate aria-label={t('proxy.inviteHeading')} data-testid="proxy-invite">
        <FormField id={`${id}-email`} label={t('proxy.email')} hint={t('proxy.emailHint')} error={error}>
          <input id={`${id}-email`} className="form-input" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} {...describedBy(`${id}-email`, { hint: true, error })} />
        </FormField>
        <FormField id={`${id}-role`} label={t('proxy.role')} hint={t('proxy.roleHint')}>
          <select id={`${id}-role`} className="form-select" value={role} onChange={(e) => setRole(e.target.value as ProxyRole)} {...describedBy(`${id}-role`, { hint: true })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`proxy.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-case`} label={t('proxy.scope')}>
          <select id={`${id}-case`} className="form-select" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">{t('proxy.allCases')}</option>
            {own.map((c) => (
              <option key={c.id} value={c.id}>
                {c.reference} – {c.title}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-until`} label={t('proxy.validUntil')}>
          <input id={`${id}-until`} className="form-input" type="date" required min={dateIn(1)} value={until} onChange={(e) => setUntil(e.target.value)} />
        </FormField>
        <SubmitButton pending={pending}>{t('proxy.invite')}</SubmitButton>
      </form>
    </Section>
  );
}

/** The page the invitation e-mail links to: accepts with the token once the user is logged in. */
export function AcceptProxyPage({ token, focusHeading }: { token: string; focusHeading?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ grant?: ProxyGrant; error?: string } | null>(null);
  const [pending, setPending] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    started.current = false;
  }, [token]);

  const accept = async () => {
    if (started.current) return;
    started.current = true;
    setPending(true);
    try {
      setState({ grant: await api.acceptProxyInvitation(token) });
    } catch (err) {
      setState({ error: describeError(err, t) });
      started.current = false;
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <PageHeading focus={focusHeading}>{t('proxy.acceptTitle')}</PageHeading>
      <div aria-live="polite">
        {state?.grant ? (
          <Alert variant="success" heading={t('proxy.acceptedHeading')}>
            <p>{t('proxy.accepted', { company: state.grant.organisation.name, role: t(`proxy.role.${state.grant.role}` as MessageKey) })}</p>
            <p>
              <a href={state.grant.case ? paths.case(state.grant.case.id) : paths.home()}>{t('proxy.openCases')}</a>
            </p>
          </Alert>
        ) : null}
        {state?.error ? (
          <Alert variant="error" heading={t('common.actionFailed')}>
            <p>{state.error}</p>
          </Alert>
        ) : null}
      </div>
      {!state?.grant ? (
        <>
          <p>{t('proxy.acceptIntro')}</p>
          <button type="button" className="button button-primary" disabled={pending} onClick={accept}>
            {pending ? t('common.working') : t('proxy.accept')}
          </button>
        </>
      ) : null}
    </>
  );
}
