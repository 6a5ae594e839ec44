import { useId, useState } from 'react';
import { saveBlob, type Session } from '../api';
import { ActionError, useAction } from '../components/actions';
import { Alert } from '../components/Alert';
import { BackLink, Loadable } from '../components/common';
import { DataTable, Section } from '../components/DataTable';
import { ChoiceGroup, FormField, SubmitButton, TextAreaField } from '../components/forms';
import { PageHeading } from '../components/PageHeading';
import { fmtDate, fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { paths } from '../router';
import { referralStatusText } from './ReferralsPanel';
import { REFERRAL_TEXT } from './referral-text';
import { referralsApi, type ReferralDocument, type ReferralMaterial } from './referrals-api';

/** A JSON value of the application as nested lists (keys as labels); enough for a referral's read-only view. */
function Value({ v, depth = 0 }: { v: unknown; depth?: number }) {
  if (v === null || v === undefined || v === '') return <>–</>;
  if (typeof v !== 'object') return <>{String(v)}</>;
  if (Array.isArray(v)) return <>{v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}</>;
  if (depth > 2) return <>{JSON.stringify(v)}</>;
  return (
    <ul className="rl-json">
      {Object.entries(v as Record<string, unknown>).map(([k, x]) => (
        <li key={k}>
          <strong>{k}</strong>: <Value v={x} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

async function download(referralId: string, d: ReferralDocument) {
  saveBlob(await referralsApi.document(referralId, d.id), d.filename);
}

/**
 * Issue 17 item 1, the asked authority's side (#/referrals/:id): the question, the parts of the
 * application and the documents the asking authority listed — nothing else of the case — and the
 * answer form (text, consent where asked, an optional document).
 */
export function ReferralPage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const load = useLoad(() => referralsApi.material(id), [id]);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <BackLink session={session} />
      <Loadable load={load}>
        {(m) => {
          const r = m.referral;
          const permitName = lang === 'en' ? m.permit.nameEn : m.permit.nameDa;
          const asked = session.role === 'caseworker' && m.youWereAsked;
          return (
            <>
              <PageHeading focus={focusHeading}>{x.pageTitle(permitName)}</PageHeading>
              {done ? <Alert variant="success">{done}</Alert> : null}
              <p>{x.askedBy(lang === 'en' ? r.from.nameEn : r.from.nameDa)}</p>
              <dl className="rl-summary" data-testid="referral-facts">
                  <dt>{x.case}</dt>
                  <dd>
                    {r.caseTitle} ({r.caseReference})
                  </dd>
                  <dt>{x.permit}</dt>
                  <dd>
                    {permitName} — {m.permit.legalBasis}
                    {!asked ? (
                      <>
                        {' '}
                        (<a href={paths.permit(r.permitId)}>{r.permitCode}</a>)
                      </>
                    ) : null}
                  </dd>
                  <dt>{x.kind}</dt>
                  <dd>{r.kind === 'consent' ? x.consent : x.opinion}</dd>
                  <dt>{x.due}</dt>
                  <dd>{fmtDate(lang, r.dueOn)}</dd>
                  <dt>{x.status}</dt>
                  <dd data-testid="referral-status">{referralStatusText(lang, r)}</dd>
              </dl>
              {r.stopsClock ? <p className="form-hint">{x.stopsClock}</p> : null}
              <Section id="question" title={x.question}>
                <p className="rl-pre-wrap">{r.question}</p>
              </Section>
              <Material m={m} />
              {r.answer ? (
                <Section id="answer" title={x.answer} testId="referral-answer">
                  {r.answer.consent ? <p><strong>{r.answer.consent === 'given' ? x.consentGiven : x.consentRefused}</strong></p> : null}
                  <p className="rl-pre-wrap">{r.answer.text}</p>
                  <p className="form-hint">{fmtDateTime(lang, r.answer.answeredAt)}</p>
                  <Documents referralId={r.id} docs={m.answerDocuments} />
                </Section>
              ) : asked && r.status === 'open' ? (
                <AnswerForm m={m} onDone={async () => {
                  setDone(x.answeredDone);
                  await load.reload();
                }} />
              ) : null}
            </>
          );
        }}
      </Loadable>
    </>
  );
}

function Documents({ referralId, docs }: { referralId: string; docs: ReferralDocument[] }) {
  const { x } = useTexts(REFERRAL_TEXT);
  if (docs.length === 0) return null;
  return (
    <ul className="nobullet-list">
      {docs.map((d) => (
        <li key={d.id}>
          {d.filename}{' '}
          <button type="button" className="button button-tertiary" onClick={() => void download(referralId, d)}>
            {x.download} <span className="sr-only">{d.filename}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** One shared part of the application, folded (nothing when the asking authority did not share it). */
function MaterialPart({ title, v }: { title: string; v: ReferralMaterial['sharedPart'] }) {
  return v ? (
    <details className="mb-4">
      <summary>{title}</summary>
      <Value v={v} />
    </details>
  ) : null;
}

function Material({ m }: { m: ReferralMaterial }) {
  const { x } = useTexts(REFERRAL_TEXT);
  return (
    <Section id="material" title={x.material} testId="referral-material">
      <MaterialPart title={x.sharedPartTitle} v={m.sharedPart} />
      <MaterialPart title={x.sectionTitle} v={m.permitSection} />
      {m.documents.length > 0 ? (
        <DataTable
          caption={x.documents}
          compact
          rows={m.documents}
          rowKey={(d) => d.id}
          columns={[
            { header: x.file, rowHeader: true, cell: (d) => d.filename },
            {
              header: x.download,
              cell: (d) => (
                <button type="button" className="button button-tertiary" onClick={() => void download(m.referral.id, d)}>
                  {x.download} <span className="sr-only">{d.filename}</span>
                </button>
              ),
            },
          ]}
        />
      ) : null}
    </Section>
  );
}

function AnswerForm({ m, onDone }: { m: ReferralMaterial; onDone: () => Promise<void> }) {
  const { x } = useTexts(REFERRAL_TEXT);
  const id = useId();
  const r = m.referral;
  const [text, setText] = useState('');
  const [consent, setConsent] = useState<'given' | 'refused' | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, submit } = useAction();
  const answer = async () => {
    const documentIds = file ? [(await referralsApi.upload(r.id, file)).id] : [];
    await referralsApi.answer(r.id, r.version, { text: text.trim(), ...(r.kind === 'consent' && consent ? { consent } : {}), documentIds });
    await onDone();
  };
  return (
    <Section id="answer-form" title={x.answerTitle} testId="referral-answer-form">
      <form onSubmit={submit(answer)}>
        <ActionError error={error} />
        {r.kind === 'consent' ? (
          <ChoiceGroup
            id={`${id}-consent`}
            legend={x.consentChoice}
            name="consent"
            type="radio"
            options={['given', 'refused'] as const}
            checked={(o) => consent === o}
            onChange={(o) => setConsent(o)}
            labelOf={(o) => (o === 'given' ? x.give : x.refuse)}
          />
        ) : null}
        <TextAreaField id={`${id}-text`} label={x.answerText} required rows={5} maxLength={20000} value={text} onChange={setText} />
        <FormField id={`${id}-file`} label={x.attach}>
          <input className="form-file-input" type="file" id={`${id}-file`} accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </FormField>
        <SubmitButton pending={pending}>{x.submitAnswer}</SubmitButton>
      </form>
    </Section>
  );
}
