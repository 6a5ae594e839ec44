import { useId, useState } from 'react';
import { MUNICIPALITIES, STATE_AGENCIES } from '@rl/permits-catalog';
import type { Session } from '../api';
import type { PermitView } from '../api/types';
import { ActionError, useAction } from '../components/actions';
import { Alert } from '../components/Alert';
import { LoadedTable } from '../components/common';
import { Section } from '../components/DataTable';
import { ChoiceGroup, FormField, Select, SubmitButton, TextAreaField } from '../components/forms';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { navigate, paths } from '../router';
import { permitClosed } from './ReferralsPanel';
import { REFERRAL_TEXT } from './referral-text';
import { referralsApi } from './referrals-api';

/**
 * Issue 17 item 5 on the permit page: the permit's changes of deciding authority, and — for a
 * municipal permit that is still open — delegation to another municipality (its caseworker or a
 * coordinator) or a minister's call-in (recorded by a coordinator).
 */
export function AuthorityChangePanel({ p, session, onChanged }: { p: PermitView; session: Session; onChanged: () => Promise<void> }) {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const id = useId();
  const load = useLoad(() => referralsApi.authorityChanges(p.id), [p.id, p.version]);
  const municipal = p.authority.code.startsWith('KOMMUNE-');
  const mayChange = municipal && !permitClosed(p) && (session.role === 'caseworker' || session.role === 'coordinator');
  const [kind, setKind] = useState<'delegation' | 'callIn'>('delegation');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const { pending, error, submit } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const targets =
    kind === 'delegation'
      ? MUNICIPALITIES.filter((m) => `KOMMUNE-${m.code}` !== p.authority.code).map((m) => ({ code: `KOMMUNE-${m.code}`, name: lang === 'en' ? m.nameEn : m.nameDa }))
      : STATE_AGENCIES.filter((a) => a.code !== 'ERST').map((a) => ({ code: a.code, name: lang === 'en' ? a.nameEn : a.nameDa }));
  const change = async () => {
    await referralsApi.changeAuthority(p.id, p.version, { kind, toAuthorityCode: to, reason: reason.trim(), ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}) });
    if (session.role === 'caseworker') {
      // The permit is no longer ours: back to the inbox.
      navigate(paths.home());
      return;
    }
    setDone(x.changeDone);
    setReason('');
    setLegalBasis('');
    await load.reload();
    await onChanged();
  };
  return (
    <Section id="authority-change" title={x.changeTitle} testId="authority-change">
      <p>{x.changeIntro}</p>
      {done ? <Alert variant="success">{done}</Alert> : null}
      <LoadedTable
        load={load}
        caption={x.changeTitle}
        compact
        stack
        testId="authority-changes"
        empty={x.changeNone}
        rowKey={(c) => c.id}
        columns={[
          { header: x.changedAt, rowHeader: true, cell: (c) => fmtDateTime(lang, c.changedAt) },
          { header: x.changeKind, cell: (c) => (c.kind === 'callIn' ? x.callIn : x.delegation) },
          { header: x.from, cell: (c) => (lang === 'en' ? c.from.nameEn : c.from.nameDa) },
          { header: x.to, cell: (c) => (lang === 'en' ? c.to.nameEn : c.to.nameDa) },
          { header: x.changeReason, cell: (c) => c.reason },
        ]}
      />
      {mayChange ? (
        <form
          className="mt-5"
          data-testid="authority-change-form"
          onSubmit={submit(change)}
        >
          <ActionError error={error} />
          {session.role === 'coordinator' ? (
            <ChoiceGroup
              id={`${id}-kind`}
              legend={x.changeKind}
              name="authority-change-kind"
              type="radio"
              options={['delegation', 'callIn'] as const}
              checked={(o) => kind === o}
              onChange={(o) => {
                setKind(o);
                setTo('');
              }}
              labelOf={(o) => (o === 'callIn' ? x.callIn : x.delegation)}
            />
          ) : null}
          <FormField id={`${id}-to`} label={x.changeTo}>
            <Select id={`${id}-to`} required value={to} onChange={setTo} none={x.chooseAuthority} options={targets.map((a) => ({ value: a.code, text: a.name }))} />
          </FormField>
          <TextAreaField id={`${id}-reason`} label={x.changeReason} required rows={3} maxLength={4000} value={reason} onChange={setReason} />
          <FormField id={`${id}-basis`} label={x.changeLegalBasis}>
            <input className="form-input" id={`${id}-basis`} maxLength={2000} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} />
          </FormField>
          <SubmitButton pending={pending} secondary>
            {x.changeSubmit}
          </SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}
