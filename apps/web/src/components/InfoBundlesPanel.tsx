import { useId, useState } from 'react';
import type { Session } from '../api';
import { infoBundlesApi, type InfoBundle } from '../api/info-bundles';
import type { CaseView } from '../api/types';
import { fmtDate, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { ActionButton, OutcomeAlert, PanelForm, problemText, useAction, useOutcome } from './actions';
import { Section } from './DataTable';
import { ChoiceGroup, FormField, TextAreaField } from './forms';

const ASKABLE = ['submitted.completenessCheck', 'submitted.underReview'];

/**
 * Issue 17 item 2, the authorities' side: the case's bundled requests; a caseworker adds questions
 * of their own permits to the one draft, a coordinator starts it (an invitation); either sends it.
 */
export function InfoBundlesPanel({ c, session, refreshKey, onChanged }: { c: CaseView; session: Session; refreshKey: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => infoBundlesApi.list(c.id, signal), [c.id, refreshKey]);
  const items = load.data?.items ?? [];
  const draft = items.find((b) => b.status === 'draft');
  const mine = c.permits.filter((p) => !p.restricted && ASKABLE.includes(p.state));
  const { outcome, done, fail } = useOutcome(async () => {
    await load.reload();
    onChanged();
  });
  const failed = (err: unknown) => fail(problemText(err, t));

  return (
    <Section id="info-bundles" title={t('bundle.authority.title')} testId="info-bundles">
      <p>{t('bundle.authority.intro')}</p>
      <OutcomeAlert outcome={outcome} />
      {items.length === 0 ? <p>{t('bundle.authority.none')}</p> : null}
      {items.map((b) => (
        <BundleCard key={b.id} b={b} onSend={() => infoBundlesApi.send(b.id, b.version).then(() => done(t('bundle.authority.sentDone')), failed)} lang={lang} />
      ))}
      {session.role === 'caseworker' && mine.length > 0 ? (
        <AddQuestion c={c} permits={mine} draftDueOn={draft?.dueOn ?? null} onDone={() => done(t('bundle.authority.added'))} onError={failed} />
      ) : null}
      {session.role === 'coordinator' && !draft ? <OpenDraft caseId={c.id} onDone={() => done(t('bundle.authority.opened'))} onError={failed} /> : null}
    </Section>
  );
}

function BundleCard({ b, onSend, lang }: { b: InfoBundle; onSend: () => Promise<unknown>; lang: 'da' | 'en' }) {
  const { t } = useI18n();
  return (
    <div className="card rl-card mb-5" data-testid="info-bundle-authority" data-status={b.status}>
      <div className="card-content">
        <p>
          <strong>{t(`bundle.authority.status.${b.status}`)}</strong> · {t('bundle.dueOn', { date: fmtDate(lang, b.dueOn) })}
        </p>
        <ol>
          {b.questions.map((q) => (
            <li key={q.id}>
              {q.question}
              <span className="rl-block form-hint">
                {t('bundle.askedBy')}: {q.permits.map((p) => `${nameOf(lang, p)} (${nameOf(lang, p.authority)})`).join(' · ')}
              </span>
              {q.answer ? <span className="rl-block">{q.answer}</span> : null}
            </li>
          ))}
        </ol>
        {b.hiddenQuestions > 0 ? <p className="form-hint">{t('bundle.authority.hidden', { n: b.hiddenQuestions })}</p> : null}
        {b.status === 'draft' && b.questions.length > 0 ? (
          <ActionButton onClick={onSend}>{t('bundle.authority.send')}</ActionButton>
        ) : null}
      </div>
    </div>
  );
}

function AddQuestion({ c, permits, draftDueOn, onDone, onError }: { c: CaseView; permits: CaseView['permits']; draftDueOn: string | null; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [chosen, setChosen] = useState<string[]>(permits.length === 1 ? [permits[0].id] : []);
  const [dueOn, setDueOn] = useState(draftDueOn ?? '');
  const { pending, invalid, submit } = useAction({ onError });
  const due = draftDueOn ?? dueOn.trim();
  const add = async () => {
    await infoBundlesApi.add(c.id, { dueOn: due, questions: [{ permitIds: chosen, question: question.trim() }] });
    setQuestion('');
    await onDone();
  };
  return (
    <PanelForm
      testId="bundle-add-question"
      heading={t('bundle.authority.addHeading')}
      invalid={invalid ? t('bundle.authority.invalid') : null}
      pending={pending}
      submitLabel={t('bundle.authority.add')}
      onSubmit={submit(add, () => Boolean(question.trim()) && chosen.length > 0 && isDate(due))}
    >
      <TextAreaField id={`${id}-q`} label={t('bundle.authority.questionText')} rows={3} maxLength={4000} value={question} onChange={setQuestion} />
      <ChoiceGroup
        id={`${id}-p`}
        legend={t('bundle.authority.permits')}
        name={`${id}-p`}
        type="checkbox"
        options={permits.map((p) => p.id)}
        checked={(o) => chosen.includes(o)}
        onChange={(o, on) => setChosen((cur) => (on ? [...cur, o] : cur.filter((x) => x !== o)))}
        labelOf={(o) => nameOf(lang, permits.find((p) => p.id === o)!)}
      />
      {draftDueOn ? null : <DueOnField id={`${id}-d`} value={dueOn} onChange={setDueOn} />}
    </PanelForm>
  );
}

function OpenDraft({ caseId, onDone, onError }: { caseId: string; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [dueOn, setDueOn] = useState('');
  const { pending, invalid, submit } = useAction({ onError });
  const open = async () => {
    await infoBundlesApi.add(caseId, { dueOn: dueOn.trim() });
    await onDone();
  };
  return (
    <PanelForm
      testId="bundle-open"
      heading={t('bundle.authority.openHeading')}
      invalid={invalid ? t('bundle.authority.invalid') : null}
      pending={pending}
      submitLabel={t('bundle.authority.open')}
      onSubmit={submit(open, () => isDate(dueOn.trim()))}
    >
      <DueOnField id={`${id}-d`} value={dueOn} onChange={setDueOn} />
    </PanelForm>
  );
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The bundle's answer date (YYYY-MM-DD). */
function DueOnField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <FormField id={id} label={t('bundle.authority.dueOn')}>
      <input className="form-input input-width-s" id={id} value={value} onChange={(e) => onChange(e.target.value)} />
    </FormField>
  );
}
