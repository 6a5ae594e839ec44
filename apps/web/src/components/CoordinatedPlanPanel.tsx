import { useState } from 'react';
import type { Session } from '../api';
import { api, describeError, isVersionConflict } from '../api/client';
import type { CoordinatedPlan } from '../api/types';
import { fmtDate, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable, StatusMessage } from './common';
import { DataTable, Section } from './DataTable';
import { EscalateForm, MissedForm, PlanChangeForm, WhatIfForm } from './PlanForms';

type Message = { kind: 'success' | 'error'; text: string } | null;

/**
 * The agreed coordinated plan (issue 16): every party sees the baseline, the current plan dates
 * (a planned decision date is the permit's target) and the P50–P80 forecast; coordinators
 * propose, change (reason code + note; four eyes over 30 days), approve or reject others'
 * changes, escalate and try what-if scenarios; the company (or a coordinator) records agreement.
 */
export function CoordinatedPlanPanel({ caseId, session, refreshKey, onChanged }: { caseId: string; session: Session; refreshKey: number; onChanged: () => void }) {
  const { t } = useI18n();
  const load = useLoad((signal) => api.coordinatedPlan(caseId, signal), [caseId, refreshKey]);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);

  const run = async (action: () => Promise<unknown>, success: string) => {
    setPending(true);
    try {
      await action();
      setMessage({ kind: 'success', text: success });
      onChanged();
      await load.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: isVersionConflict(err) ? t('common.conflict') : describeError(err, t) });
      if (isVersionConflict(err)) await load.reload();
    } finally {
      setPending(false);
    }
  };

  return (
    <Section id="coordinated-plan" title={t('coord.title')} testId="coordinated-plan">
      <p className="form-hint">{t('coord.intro')}</p>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(plan) => (
          <>
            <PlanStatus plan={plan} />
            <div className="button-row">
              {session.role === 'coordinator' && plan.status !== 'agreed' ? (
                <button type="button" className="button button-secondary" disabled={pending} onClick={() => run(() => api.proposePlan(caseId, plan.status === 'none' ? null : plan.version), t('common.done'))}>
                  {plan.status === 'none' ? t('coord.propose') : t('coord.repropose')}
                </button>
              ) : null}
              {plan.status === 'proposed' && (session.role === 'coordinator' || session.role === 'applicant') ? (
                <button type="button" className="button button-primary" disabled={pending} onClick={() => run(() => api.agreePlan(caseId, plan.version), t('common.done'))}>
                  {t('coord.agree')}
                </button>
              ) : null}
            </div>
            {plan.status !== 'none' ? <PlanItems plan={plan} /> : null}
            {plan.requests.length ? <Requests plan={plan} session={session} pending={pending} run={run} caseId={caseId} /> : null}
            {session.role === 'coordinator' && plan.status === 'agreed' ? <PlanChangeForm plan={plan} caseId={caseId} onConflict={load.reload} onDone={(applied) => run(async () => undefined, t(applied ? 'coord.change.applied' : 'coord.change.pending'))} /> : null}
            {(session.role === 'coordinator' || session.role === 'caseworker') && plan.items.some((i) => i.overdue && !i.missed) ? <MissedForm plan={plan} caseId={caseId} onConflict={load.reload} onDone={() => run(async () => undefined, t('coord.missed.recorded'))} /> : null}
            {session.role === 'coordinator' ? <EscalateForm plan={plan} onDone={() => run(async () => undefined, t('coord.escalate.done'))} /> : null}
            {session.role === 'coordinator' && plan.items.length ? <WhatIfForm plan={plan} caseId={caseId} /> : null}
          </>
        )}
      </Loadable>
    </Section>
  );
}

function PlanStatus({ plan }: { plan: CoordinatedPlan }) {
  const { t, lang } = useI18n();
  return (
    <>
      <p data-testid="plan-status" data-status={plan.status}>
        {plan.status === 'none'
          ? t('coord.status.none')
          : plan.status === 'proposed'
            ? t('coord.status.proposed', { who: plan.proposedBy?.name ?? '–' })
            : t('coord.status.agreed', { who: plan.agreedBy?.name ?? '–', date: fmtDate(lang, plan.agreedAt) })}
      </p>
      {plan.forecast ? (
        <p data-testid="case-forecast">
          {t('coord.forecast.case', { p50: fmtDate(lang, plan.forecast.completionP50), p80: fmtDate(lang, plan.forecast.completionP80) })}
          {plan.forecast.ceilingProbability !== null ? ` · ${t('coord.forecast.probability', { pct: Math.round(plan.forecast.ceilingProbability * 100) })}` : ''}
        </p>
      ) : null}
    </>
  );
}

function PlanItems({ plan }: { plan: CoordinatedPlan }) {
  const { t, lang } = useI18n();
  return (
    <DataTable
      caption={t('coord.caption')}
      compact
      testId="plan-items"
      rows={plan.items}
      rowKey={(i) => i.permitId}
      rowProps={(i) => ({ 'data-permit-code': i.code })}
      columns={[
        { header: t('coord.permit'), rowHeader: true, cell: (i) => nameOf(lang, i) },
        { header: t('coord.authority'), cell: (i) => nameOf(lang, i.authority) },
        { header: t('coord.baseline'), cell: (i) => `${fmtDate(lang, i.baseline.decisionOn)} / ${fmtDate(lang, i.baseline.finalOn)}` },
        { header: t('coord.planned'), cell: (i) => `${fmtDate(lang, i.planned.decisionOn)} / ${fmtDate(lang, i.planned.finalOn)}` },
        { header: t('coord.moved'), cell: (i) => (i.finalMovedDays > 0 ? `+${i.finalMovedDays}` : String(i.finalMovedDays)) },
        { header: t('coord.forecast'), cell: (i) => (i.forecast ? `${fmtDate(lang, i.forecast.decisionP50)} – ${fmtDate(lang, i.forecast.decisionP80)}` : '–') },
        {
          header: t('coord.missed'),
          cell: (i) => (i.missed ? `${fmtDate(lang, i.missed.on)}: ${i.missed.explanation ?? ''}` : i.overdue ? t('coord.overdue') : '–'),
        },
      ]}
    />
  );
}

function Requests({
  plan,
  session,
  pending,
  run,
  caseId,
}: {
  plan: CoordinatedPlan;
  session: Session;
  pending: boolean;
  run: (a: () => Promise<unknown>, success: string) => Promise<void>;
  caseId: string;
}) {
  const { t, lang } = useI18n();
  const permitName = (id: string) => {
    const i = plan.items.find((x) => x.permitId === id);
    return i ? nameOf(lang, i) : id;
  };
  return (
    <DataTable
      caption={t('coord.requests.caption')}
      captionVisible
      compact
      testId="plan-requests"
      rows={plan.requests}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-status': r.status })}
      columns={[
        { header: t('coord.requests.when'), rowHeader: true, cell: (r) => fmtDate(lang, r.requestedAt) },
        { header: t('coord.requests.by'), cell: (r) => r.requestedBy.name ?? '–' },
        { header: t('coord.requests.change'), cell: (r) => `${permitName(r.permitId)}: ${fmtDate(lang, r.from.decisionOn)} → ${fmtDate(lang, r.to.decisionOn)} (${r.baselineMoveDays} d)` },
        { header: t('coord.requests.reason'), cell: (r) => `${r.reasonCode} – ${r.note}` },
        { header: t('coord.requests.status'), cell: (r) => `${t(`coord.requests.status.${r.status}`)}${r.decidedBy?.name ? ` (${r.decidedBy.name})` : ''}` },
        {
          header: <span className="sr-only">{t('coord.requests.approve')}</span>,
          cell: (r) =>
            r.status !== 'pending' || session.role !== 'coordinator' ? null : r.requestedBy.id === session.userId ? (
              <span className="form-hint">{t('coord.requests.ownRequest')}</span>
            ) : (
              <span className="button-row">
                <button type="button" className="button button-primary button-small" disabled={pending} onClick={() => run(() => api.decidePlanChange(caseId, r.id, plan.version, 'approve'), t('coord.requests.approved'))}>
                  {t('coord.requests.approve')}
                </button>
                <button type="button" className="button button-secondary button-small" disabled={pending} onClick={() => run(() => api.decidePlanChange(caseId, r.id, plan.version, 'reject'), t('coord.requests.rejected'))}>
                  {t('coord.requests.reject')}
                </button>
              </span>
            ),
        },
      ]}
    />
  );
}
