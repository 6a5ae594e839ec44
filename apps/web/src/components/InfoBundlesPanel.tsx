import { useId, useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { ApiError, describeError } from '../api/client';
import { infoBundlesApi, type InfoBundle } from '../api/info-bundles';
import type { CaseView } from '../api/types';
import { fmtDate, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { Section } from './DataTable';
import { ChoiceGroup, FormField, SubmitButton } from './forms';

const ASKABLE = ['submitted.completenessCheck', 'submitted.underReview'];

/**
 * Issue 17 item 2, the authorities' side: the case's bundled requests; a caseworker adds questions
 * of their own permits to the one draft, a coordinator starts it (an invitation); either sends it.
 */
export function InfoBundlesPanel({ c, session, refreshKey, onChanged }: { c: CaseView; session: Session; refreshKey: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => infoBundlesApi.list(c.id, signal), [c.id, refreshKey]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const items = load.data?.items ?? [];
  const draft = items.find((b) => b.status === 'draft');
  const mine = c.permits.filter((p) => !p.restricted && ASKABLE.includes(p.state));
  const done = async (text: string) => {
    await load.reload();
    onChanged();
    setMessage({ kind: 'success', text });
  };
  const failed = (err: unknown) => setMessage({ kind: 'error', text: err instanceof ApiError && err.problem?.detail ? err.problem.detail : describeError(err, t) });

  return (
    <Section id="info-bundles" title={t('bundle.authority.title')} testId="info-bundles">
      <p>{t('bundle.authority.intro')}</p>
      {message ? (
        <Alert variant={message.kind} assertive={message.kind === 'error'}>
          <p>{message.text}</p>
        </Alert>
      ) : null}
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
  const [pending, setPending] = useState(false);
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
          <button
            type="button"
            className="button button-primary"
            disabled={pending}
            onClick={() => {
              setPending(true);
              void onSend().finally(() => setPending(false));
            }}
          >
            {pending ? t('common.working') : t('bundle.authority.send')}
          </button>
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
  const [pending, setPending] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const due = draftDueOn ?? dueOn.trim();
    if (!question.trim() || chosen.length === 0 || !/^\d{4}-\d{2}-\d{2}$/.test(due)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setPending(true);
    try {
      await infoBundlesApi.add(c.id, { dueOn: due, questions: [{ permitIds: chosen, question: question.trim() }] });
      setQuestion('');
      await onDone();
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="mt-5" data-testid="bundle-add-question">
      <h3 className="h4">{t('bundle.authority.addHeading')}</h3>
      {invalid ? (
        <Alert variant="error" assertive>
          <p>{t('bundle.authority.invalid')}</p>
        </Alert>
      ) : null}
      <FormField id={`${id}-q`} label={t('bundle.authority.questionText')}>
        <textarea className="form-input" id={`${id}-q`} rows={3} maxLength={4000} value={question} onChange={(e) => setQuestion(e.target.value)} />
      </FormField>
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
      {draftDueOn ? null : (
        <FormField id={`${id}-d`} label={t('bundle.authority.dueOn')}>
          <input className="form-input input-width-s" id={`${id}-d`} value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </FormField>
      )}
      <SubmitButton pending={pending} secondary>
        {t('bundle.authority.add')}
      </SubmitButton>
    </form>
  );
}

function OpenDraft({ caseId, onDone, onError }: { caseId: string; onDone: () => Promise<void>; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [dueOn, setDueOn] = useState('');
  const [pending, setPending] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn.trim())) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setPending(true);
    try {
      await infoBundlesApi.add(caseId, { dueOn: dueOn.trim() });
      await onDone();
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="mt-5" data-testid="bundle-open">
      <h3 className="h4">{t('bundle.authority.openHeading')}</h3>
      {invalid ? (
        <Alert variant="error" assertive>
          <p>{t('bundle.authority.invalid')}</p>
        </Alert>
      ) : null}
      <FormField id={`${id}-d`} label={t('bundle.authority.dueOn')}>
        <input className="form-input input-width-s" id={`${id}-d`} value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      </FormField>
      <SubmitButton pending={pending} secondary>
        {t('bundle.authority.open')}
      </SubmitButton>
    </form>
  );
}
