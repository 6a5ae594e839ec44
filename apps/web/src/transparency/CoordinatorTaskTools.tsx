import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { PermitView } from '../api/types';
import { useStatusAction } from '../components/actions';
import { StatusMessage } from '../components/common';
import { FormField, Select, SubmitButton, TextAreaField } from '../components/forms';
import { nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { transparencyApi } from './transparency-api';

/**
 * A coordinator's tools on a permit (issue 16): reassign its open task to another caseworker of
 * the same authority (audited, the caseworker is told) and escalate it by hand. Coordinators steer;
 * they never act for the company (no withdrawal here or anywhere).
 */
export function CoordinatorTaskTools({ p, refreshKey, onChanged }: { p: PermitView; refreshKey: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.permitTask(p.id, signal), [p.id, refreshKey]);
  const task = load.data?.task as (NonNullable<NonNullable<typeof load.data>['task']> & { assignees?: { id: string; name: string | null }[] }) | null | undefined;
  const [assignee, setAssignee] = useState('');
  const [note, setNote] = useState('');
  const { pending, message, act: run } = useStatusAction(async () => {
    await load.reload();
    onChanged();
  });
  const authority = nameOf(lang, p.authority);
  const choices = (task?.assignees ?? []).filter((a) => a.id !== task?.assignedTo);
  const selected = assignee || choices[0]?.id || '';
  const reassign = (e: FormEvent) => {
    e.preventDefault();
    if (!task || !selected) return;
    const name = choices.find((a) => a.id === selected)?.name ?? '';
    void run(async () => {
      await transparencyApi.assignTask(task.id, selected);
      setAssignee('');
      return t('task.reassign.done', { name });
    });
  };
  const escalate = (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return;
    void run(async () => {
      await api.escalatePermit(p.id, note.trim());
      setNote('');
      return t('task.escalate.done');
    });
  };
  const open = !(p.state === 'final' || p.state === 'withdrawn' || p.state.startsWith('decided'));
  return (
    <section className="mt-6 mb-6" aria-labelledby="task-tools-heading" data-testid="coordinator-tools">
      <h2 id="task-tools-heading">{t('task.tools.title')}</h2>
      <StatusMessage message={message} />
      {task ? (
        choices.length > 0 ? (
          <form onSubmit={reassign} noValidate data-testid="reassign-form">
            <FormField id="ct-assignee" label={t('task.reassign.label', { authority })}>
              <Select id="ct-assignee" value={selected} onChange={setAssignee} options={choices.map((a) => ({ value: a.id, text: a.name ?? a.id }))} />
            </FormField>
            <SubmitButton pending={pending} secondary>
              {t('task.reassign.submit')}
            </SubmitButton>
          </form>
        ) : null
      ) : load.status === 'ok' ? (
        <p>{t('task.reassign.none')}</p>
      ) : null}
      {open ? (
        <form onSubmit={escalate} noValidate className="mt-5" data-testid="escalate-permit-form">
          <TextAreaField id="ct-escalate-note" label={t('task.escalate.note')} rows={2} value={note} onChange={setNote} required />
          <SubmitButton pending={pending} secondary>
            {t('task.escalate.submit')}
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
