import { api } from '../api/client';
import { fmtDate, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable, StateTag } from './common';
import { TableSection } from './DataTable';

/**
 * Issue 19: the company sees a projected date per permit (from the case plan, GET /cases/:id/plan):
 * the expected decision (actual once decided) and when it becomes final after the appeal period,
 * and the projected completion of the whole case.
 */
export function ProjectedDates({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.plan(caseId, signal), [caseId, refreshKey]);
  return (
    <Loadable load={load}>
      {(plan) => (
        <>
          <TableSection
            id="projected"
            title={t('projected.title')}
            testId="projected-dates"
            stack
            rows={plan.rows}
            rowKey={(r) => r.permitId}
            columns={[
              { header: t('projected.permit'), rowHeader: true, cell: (r) => nameOf(lang, r) },
              { header: t('projected.authority'), cell: (r) => nameOf(lang, r.authority) },
              { header: t('projected.state'), cell: (r) => <StateTag state={r.state} /> },
              { header: t('projected.decision'), cell: (r) => (r.actualEnd ? `${fmtDate(lang, r.actualEnd)} (${t('projected.actual')})` : fmtDate(lang, r.plannedEnd)) },
              { header: t('projected.final'), cell: (r) => fmtDate(lang, r.plannedFinal) },
            ]}
          />
          <p className="form-hint">{plan.projectedCompletion ? t('projected.completion', { date: fmtDate(lang, plan.projectedCompletion) }) : t('projected.none')}</p>
        </>
      )}
    </Loadable>
  );
}
