import type { CeilingWatchRow } from '../api/types';
import { fmtDate } from '../format';
import { useI18n } from '../i18n';
import { paths } from '../router';
import { RiskBadge } from './common';
import { TableSection } from './DataTable';

/**
 * Cases whose stored Monte Carlo forecast puts the ceiling at risk or past it (issue 16 item 1),
 * breached first. Kept apart from the dashboard's permit lists.
 */
export function CeilingRiskTable({ ceiling }: { ceiling: { breached: CeilingWatchRow[]; atRisk: CeilingWatchRow[] } | undefined }) {
  const { t, lang } = useI18n();
  const rows = [...(ceiling?.breached ?? []), ...(ceiling?.atRisk ?? [])];
  return (
    <TableSection
      id="dash-ceiling"
      title={t('dashboard.ceiling.title')}
      testId="dashboard-ceiling"
      rows={rows}
      empty={t('dashboard.ceiling.none')}
      rowKey={(r) => r.caseId}
      rowProps={(r) => ({ 'data-case-reference': r.caseReference, 'data-risk': r.ceilingRisk })}
      columns={[
        { header: t('dashboard.ceiling.case'), rowHeader: true, cell: (r) => <a href={paths.case(r.caseId)}>{`${r.caseReference} – ${r.caseTitle}`}</a> },
        { header: t('dashboard.ceiling.risk'), cell: (r) => <RiskBadge risk={r.ceilingRisk} /> },
        { header: t('dashboard.ceiling.due'), cell: (r) => fmtDate(lang, r.ceilingDueOn) },
        { header: t('dashboard.ceiling.projected'), cell: (r) => fmtDate(lang, r.projectedCompletion) },
        { header: t('dashboard.ceiling.p80'), cell: (r) => `${fmtDate(lang, r.completionP50)} / ${fmtDate(lang, r.completionP80)}` },
        { header: t('dashboard.ceiling.probability'), cell: (r) => (r.ceilingProbability === null ? '–' : `${Math.round(r.ceilingProbability * 100)} %`) },
      ]}
    />
  );
}
