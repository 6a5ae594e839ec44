import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { PermitView } from '../api/types';
import { api } from '../api/client';
import { useLoad } from '../hooks';
import { fmtDate } from '../format';
import { Alert } from './Alert';

/** Who the permit's open task is assigned to (issue 19: the permit page shows it). Caseworkers and coordinators only. */
export function TaskAssignee({ permitId, refreshKey }: { permitId: string; refreshKey: number }) {
  const { t } = useI18n();
  const load = useLoad((signal) => api.permitTask(permitId, signal), [permitId, refreshKey]);
  const task = load.data?.task;
  if (!task) return null;
  return (
    <p data-testid="task-assignee">
      <strong>{t('assignee.label')}:</strong> {task.assignedToMe ? t('assignee.me') : task.assignedToName ? task.assignedToName : t('assignee.none')}
    </p>
  );
}

/** The explicit take-over step: a colleague holds the task; acting needs a confirmation. */
export function TakeOverPrompt({ name, onConfirm, onCancel }: { name: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="take-over">
      <Alert variant="warning" heading={t('takeOver.heading')} assertive>
        <p>{t('takeOver.body', { name })}</p>
        <p>
          <button type="button" className="button button-primary mr-4" onClick={onConfirm}>
            {t('takeOver.confirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('takeOver.cancel')}
          </button>
        </p>
      </Alert>
    </div>
  );
}

/** Flags an open hearing whose earliest end has passed (issue 19): the caseworker can end it. */
export function HearingFlag({ p }: { p: PermitView }) {
  const { t, lang } = useI18n();
  const h = p.hearing;
  if (!h || h.endedAt || !h.earliestEndAt) return null;
  const today = new Date().toISOString().slice(0, 10);
  if (h.earliestEndAt >= today) return null;
  const days = Math.floor((Date.parse(today) - Date.parse(h.earliestEndAt)) / 86_400_000);
  return (
    <div data-testid="hearing-overdue">
      <Alert variant="warning" heading={t('hearingFlag.heading')}>
        <p>{t('hearingFlag.body', { date: fmtDate(lang, h.earliestEndAt), days })}</p>
      </Alert>
    </div>
  );
}

/** The next step for this permit, from the events the caller may send (most relevant first). */
const NEXT_ORDER = [
  'applicant.infoProvided',
  'authority.completenessConfirmed',
  'authority.hearingEnded',
  'authority.decisionIssued',
  'authority.hearingStarted',
  'authority.infoRequested',
] as const;

export function nextStepOf(allowed: readonly string[]): (typeof NEXT_ORDER)[number] | null {
  return NEXT_ORDER.find((e) => allowed.includes(e)) ?? null;
}

export function NextStep({ allowed }: { allowed: readonly string[] }) {
  const { t } = useI18n();
  const next = nextStepOf(allowed);
  if (!next) return null;
  return (
    <p className="font-lead" data-testid="next-step">
      <strong>{t('nextStep.label')}:</strong> {t(`nextStep.${next}`)}
    </p>
  );
}

/**
 * An action that is not the next step: folded away under its name (issue 19: only the relevant
 * form is open), one click or Enter opens it.
 */
export function MoreAction({ show, title, children }: { show: boolean; title: string; children: ReactNode }) {
  const { t } = useI18n();
  if (show) return <>{children}</>;
  return (
    <details className="mb-5" data-testid="more-action">
      <summary>{t('nextStep.other', { action: title })}</summary>
      {children}
    </details>
  );
}
