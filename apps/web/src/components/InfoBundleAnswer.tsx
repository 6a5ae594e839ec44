import { useId, useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client';
import { infoBundlesApi, type InfoBundle } from '../api/info-bundles';
import { fmtDate, nameOf } from '../format';
import { useLoad, useUploadedOnce } from '../hooks';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { describedBy, FormField, SubmitButton, TextAreaField } from './forms';

/** The case's sent bundled requests (issue 17) and the permits they cover (those get no separate answer form). */
export function useOpenBundles(caseId: string, refreshKey: number) {
  const load = useLoad((signal) => infoBundlesApi.list(caseId, signal), [caseId, refreshKey]);
  const open = (load.data?.items ?? []).filter((b) => b.status === 'sent');
  return { open, covered: new Set(open.flatMap((b) => b.permits.map((p) => p.permitId))), reload: load.reload };
}

/** The company answers a bundled request: each question once, with documents, in one submit. */
export function InfoBundleAnswer({ bundle, onDone }: { bundle: InfoBundle; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File[]>>({});
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uploads = useUploadedOnce();
  const authorities = new Set(bundle.permits.map((p) => p.authority.code)).size;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = new Set(bundle.questions.filter((q) => !(answers[q.id] ?? '').trim()).map((q) => q.id));
    setMissing(empty);
    if (empty.size > 0) {
      setError(t('bundle.missing'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const body = [];
      for (const q of bundle.questions) {
        const documentIds: string[] = [];
        for (const file of files[q.id] ?? []) documentIds.push(await uploads.idOf(q.id, file, () => api.uploadDocument(bundle.caseId, file, { description: t('bundle.docDescription') })));
        body.push({ questionId: q.id, answer: answers[q.id].trim(), ...(documentIds.length ? { documentIds } : {}) });
      }
      await infoBundlesApi.answer(bundle.id, bundle.version, body);
      uploads.forget();
      onDone(t('bundle.sent', { n: bundle.permits.length }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="card rl-card mb-5" data-testid="info-bundle">
      <div className="card-content">
        <h3 className="h4 mt-0">{authorities > 1 ? t('bundle.title', { n: authorities }) : t('bundle.titleOne')}</h3>
        <p>{t('bundle.intro')}</p>
        <p>
          <strong>{t('bundle.dueOn', { date: fmtDate(lang, bundle.dueOn) })}</strong>
        </p>
        <form onSubmit={onSubmit} noValidate className="rl-answer-form">
          {error ? (
            <Alert variant="error" heading={t('answer.failed')} assertive>
              <p>{error}</p>
            </Alert>
          ) : null}
          {bundle.questions.map((q, i) => (
            <fieldset key={q.id} className="mb-6" data-testid="bundle-question">
              <legend className="h5">
                {t('bundle.question', { n: i + 1 })}: <span data-testid="bundle-question-text">{q.question}</span>
              </legend>
              <p className="form-hint">
                {t('bundle.askedBy')}: {q.permits.map((p) => `${nameOf(lang, p)} (${nameOf(lang, p.authority)})`).join(' · ')}
              </p>
              <TextAreaField
                id={`${id}-${i}-answer`}
                label={t('bundle.answer', { n: i + 1 })}
                error={missing.has(q.id) ? t('bundle.missing') : null}
                rows={3}
                value={answers[q.id] ?? ''}
                onChange={(value) => {
                  setAnswers((a) => ({ ...a, [q.id]: value }));
                  if (value.trim() && missing.has(q.id)) {
                    const rest = new Set([...missing].filter((m) => m !== q.id));
                    setMissing(rest);
                    if (rest.size === 0) setError(null);
                  }
                }}
              />
              <FormField id={`${id}-${i}-file`} label={t('bundle.files', { n: i + 1 })} hint={t('answer.filesHint')}>
                <input
                  className="form-file-input"
                  type="file"
                  id={`${id}-${i}-file`}
                  multiple
                  onChange={(e) => setFiles((f) => ({ ...f, [q.id]: Array.from(e.target.files ?? []) }))}
                  {...describedBy(`${id}-${i}-file`, { hint: true })}
                />
              </FormField>
            </fieldset>
          ))}
          <SubmitButton pending={pending}>{t('bundle.submit')}</SubmitButton>
        </form>
      </div>
    </div>
  );
}
