import { useId, useState } from 'react';
import { api } from '../api/client';
import type { PermitView } from '../api/types';
import { ActionError, useAction } from '../components/actions';
import { Alert } from '../components/Alert';
import { LoadedTable, Loadable } from '../components/common';
import { Section } from '../components/DataTable';
import { describedBy, FormField, SubmitButton, TextAreaField } from '../components/forms';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { REFERRAL_TEXT } from './referral-text';
import { referralsApi, type Referral } from './referrals-api';

/** A decided, final or withdrawn permit: no more referrals or changes of authority. */
export function permitClosed(p: Pick<PermitView, 'state'>): boolean {
  return p.state.startsWith('decided') || p.state === 'final' || p.state === 'withdrawn';
}

/** What a referral's status says, in the reader's language. */
export function referralStatusText(lang: 'da' | 'en', r: Referral): string {
  const x = REFERRAL_TEXT[lang];
  if (r.status === 'answered') return r.answer?.late ? x.answeredLate : x.answered;
  if (r.status === 'proceeded') return x.proceeded;
  return r.overdue ? x.overdue : x.open;
}

/**
 * Issue 17 item 1 on the permit page: the permit's referrals to other authorities with their
 * answers; for the permit's own caseworker, the form to send one and "proceed without an
 * answer" once a deadline has passed.
 */
export function ReferralsPanel({ p, canAct, onChanged }: { p: PermitView; canAct: boolean; onChanged: () => Promise<void> }) {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const load = useLoad(() => referralsApi.forPermit(p.id), [p.id, p.version]);
  const [message, setMessage] = useState<string | null>(null);
  const closed = permitClosed(p);
  return (
    <Section id="referrals" title={x.panelTitle} testId="referrals">
      <p>{x.panelIntro}</p>
      {message ? <Alert variant="success">{message}</Alert> : null}
      <LoadedTable
        load={load}
        caption={x.panelTitle}
        compact
        stack
        testId="referral-table"
        empty={x.none}
        rowKey={(r) => r.id}
        columns={[
          { header: x.to, rowHeader: true, cell: (r) => (lang === 'en' ? r.to.nameEn : r.to.nameDa) },
          { header: x.kind, cell: (r) => (r.kind === 'consent' ? x.consent : x.opinion) },
          { header: x.due, cell: (r) => fmtDate(lang, r.dueOn) },
          { header: x.status, cell: (r) => <span data-testid="referral-status">{referralStatusText(lang, r)}</span> },
          {
            header: x.answer,
            cell: (r) =>
              r.answer ? (
                <span className="rl-pre-wrap">
                  {r.answer.consent ? `${r.answer.consent === 'given' ? x.consentGiven : x.consentRefused}: ` : ''}
                  {r.answer.text}
                </span>
              ) : r.proceeded ? (
                (r.proceeded.note ?? '–')
              ) : canAct && r.overdue ? (
                <ProceedForm r={r} onDone={async () => {
                  setMessage(x.proceededDone);
                  await load.reload();
                  await onChanged();
                }} />
              ) : (
                '–'
              ),
          },
        ]}
      />
      {canAct && !closed ? (
        <SendForm p={p} onSent={async () => {
          setMessage(x.sent);
          await load.reload();
          await onChanged();
        }} />
      ) : null}
    </Section>
  );
}

function ProceedForm({ r, onDone }: { r: Referral; onDone: () => Promise<void> }) {
  const { x } = useTexts(REFERRAL_TEXT);
  const id = useId();
  const [note, setNote] = useState('');
  const { pending, error, submit } = useAction();
  const proceed = async () => {
    await referralsApi.proceed(r.id, r.version, note.trim());
    await onDone();
  };
  return (
    <form onSubmit={submit(proceed)}>
      <ActionError error={error} />
      <FormField id={`${id}-note`} label={x.proceedNote}>
        <input className="form-input" id={`${id}-note`} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
      </FormField>
      <SubmitButton pending={pending} secondary>
        {x.proceed}
      </SubmitButton>
    </form>
  );
}

function SendForm({ p, onSent }: { p: PermitView; onSent: () => Promise<void> }) {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const id = useId();
  const options = useLoad(async (signal) => ({ options: await referralsApi.options(p.id), docs: await api.listDocuments(p.caseId, signal) }), [p.id]);
  const [to, setTo] = useState('');
  const [question, setQuestion] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [sharedPart, setSharedPart] = useState(true);
  const [docs, setDocs] = useState<string[]>([]);
  const { pending, error, submit } = useAction();
  const send = async () => {
    await referralsApi.create(p.id, p.version, { toAuthorityCode: to, question: question.trim(), ...(dueOn ? { dueOn } : {}), sharedPart, documentIds: docs });
    setQuestion('');
    setDueOn('');
    setDocs([]);
    await onSent();
  };
  return (
    <Loadable load={options}>
      {({ options: o, docs: d }) => (
        <form
          className="mt-5"
          data-testid="referral-form"
          onSubmit={submit(send)}
        >
          <h3>{x.sendTitle}</h3>
          <ActionError error={error} />
          <FormField id={`${id}-to`} label={x.authority}>
            <select className="form-select" id={`${id}-to`} required value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{x.chooseAuthority}</option>
              {o.rules.some((r) => r.toAuthorityCode) ? (
                <optgroup label={x.catalogueRules}>
                  {o.rules
                    .filter((r) => r.toAuthorityCode)
                    .map((r) => {
                      const a = o.authorities.find((z) => z.code === r.toAuthorityCode);
                      return (
                        <option key={r.id} value={r.toAuthorityCode ?? ''}>
                          {(a ? (lang === 'en' ? a.nameEn : a.nameDa) : r.toAuthorityCode) + ` — ${r.kind === 'consent' ? x.consent : x.opinion}, ${r.answerWithin.length} ${r.answerWithin.unit === 'weeks' ? (lang === 'en' ? 'weeks' : 'uger') : r.answerWithin.unit}`}
                        </option>
                      );
                    })}
                </optgroup>
              ) : null}
              <optgroup label={x.otherAuthorities}>
                {o.authorities.map((a) => (
                  <option key={a.code} value={a.code}>
                    {lang === 'en' ? a.nameEn : a.nameDa}
                  </option>
                ))}
              </optgroup>
            </select>
          </FormField>
          <TextAreaField id={`${id}-q`} label={x.question} required rows={4} maxLength={10000} value={question} onChange={setQuestion} />
          <FormField id={`${id}-due`} label={x.due} hint={x.dueHint}>
            <input className="form-input input-width-s" type="date" id={`${id}-due`} value={dueOn} onChange={(e) => setDueOn(e.target.value)} {...describedBy(`${id}-due`, { hint: true })} />
          </FormField>
          <div className="form-group-checkbox">
            <input className="form-checkbox" type="checkbox" id={`${id}-shared`} checked={sharedPart} onChange={(e) => setSharedPart(e.target.checked)} />
            <label htmlFor={`${id}-shared`}>{x.sharedPart}</label>
          </div>
          <div className="form-group">
            <fieldset>
              <legend className="form-label">{x.documents}</legend>
              {d.items.length === 0 ? <p>{x.noDocuments}</p> : null}
              {d.items.map((doc) => (
                <div className="form-group-checkbox" key={doc.id}>
                  <input
                    className="form-checkbox"
                    type="checkbox"
                    id={`${id}-doc-${doc.id}`}
                    checked={docs.includes(doc.id)}
                    onChange={(e) => setDocs((cur) => (e.target.checked ? [...cur, doc.id] : cur.filter((c) => c !== doc.id)))}
                  />
                  <label htmlFor={`${id}-doc-${doc.id}`}>{doc.filename}</label>
                </div>
              ))}
            </fieldset>
          </div>
          <SubmitButton pending={pending}>{x.send}</SubmitButton>
        </form>
      )}
    </Loadable>
  );
}
