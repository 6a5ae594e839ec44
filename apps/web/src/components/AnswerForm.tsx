import { useId, useRef, useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client';
import type { PermitView } from '../api/types';
import { nameOf } from '../format';
import { useUploadedOnce } from '../hooks';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { describedBy, FormField, SubmitButton, TextAreaField } from './forms';

/** Applicant answer to an open information request: text and/or uploaded documents. */
export function AnswerForm({ permit, onDone }: { permit: PermitView; onDone: (message: string) => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [answer, setAnswer] = useState('');
  // The application fields the answer changed (issue 14 point 3), as JSON Pointers, one per line.
  const [changed, setChanged] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const uploads = useUploadedOnce();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const files = Array.from(fileRef.current?.files ?? []);
    if (!answer.trim() && files.length === 0) {
      setError(t('answer.empty'));
      return;
    }
    const changedFields = changed.split('\n').map((l) => l.trim()).filter(Boolean);
    if (changedFields.some((f) => !/^(\/([^~/]|~[01])*)+$/.test(f))) {
      setError(t('answer.changedInvalid'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const documentIds: string[] = [];
      for (const file of files) {
        documentIds.push(await uploads.idOf('', file, () => api.uploadDocument(permit.caseId, file, { permitId: permit.id, description: t('answer.docDescription', { code: permit.code }) })));
      }
      await api.permitEvent(permit.id, permit.version, {
        type: 'applicant.infoProvided',
        ...(answer.trim() ? { answer: answer.trim() } : {}),
        ...(documentIds.length ? { documentIds } : {}),
        ...(changedFields.length ? { changedFields } : {}),
      });
      uploads.forget();
      setAnswer('');
      setChanged('');
      if (fileRef.current) fileRef.current.value = '';
      // Issue 19: "the clock runs again" only if it ran before (the application was found complete).
      const clockAgain = permit.clocks.completeOn ? ` ${t('answer.clockAgain')}` : '';
      onDone(`${t('answer.sentOnly', { files: documentIds.length })}${clockAgain}`);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="rl-answer-form" aria-label={t('answer.formLabel', { code: nameOf(lang, permit) })}>
      {error ? (
        <Alert variant="error" heading={t('answer.failed')} assertive>
          <p>{error}</p>
        </Alert>
      ) : null}
      <TextAreaField id={`${id}-answer`} label={t('answer.text')} rows={4} value={answer} onChange={setAnswer} />
      <FormField id={`${id}-file`} label={t('answer.files')} hint={t('answer.filesHint')}>
        <input className="form-file-input" type="file" id={`${id}-file`} ref={fileRef} multiple {...describedBy(`${id}-file`, { hint: true })} />
      </FormField>
      <TextAreaField id={`${id}-changed`} label={t('answer.changed')} hint={t('answer.changedHint')} rows={2} value={changed} onChange={setChanged} />
      <SubmitButton pending={pending}>{t('answer.submit')}</SubmitButton>
    </form>
  );
}
