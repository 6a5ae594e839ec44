import { api } from '../api/client';
import type { DashboardPermitRef } from '../api/types';
import { CeilingRiskTable } from '../components/CeilingRiskTable';
import { Loadable, RiskBadge, useCaseColumns } from '../components/common';
import { type Column, TableSection } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { byShownName, fmtDate, fmtDateTime, fmtNumber, fmtPercent, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';

/** Coordinator dashboard (GET /dashboard): KPIs, breaches, at risk, load per authority and type. */
export function DashboardPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.dashboard(signal), []);
  const col = useCaseColumns();
  return (
    <>
      <PageHeading focus={focusHeading}>{t('dashboard.title')}</PageHeading>
      <p className="font-lead">{t('home.body.coordinator')}</p>
      <Loadable load={load}>
        {(d) => (
          <>
            <p className="form-hint">{t('dashboard.generatedAt', { time: fmtDateTime(lang, d.generatedAt) })}</p>
            <section aria-labelledby="kpi-heading">
              <h2 id="kpi-heading" className="sr-only">
                {t('dashboard.kpis')}
              </h2>
              <ul className="nobullet-list rl-kpis" data-testid="kpis">
                {(['cases', 'activeCases', 'permits', 'breached', 'atRisk'] as const).map((k) => (
                  <li key={k} className={`card rl-kpi${k === 'breached' && d.totals.breached > 0 ? ' rl-kpi--bad' : ''}`}>
                    <div className="card-content">
                      <span className="rl-kpi-value">{fmtNumber(lang, d.totals[k])}</span>
                      <span className="rl-kpi-label">{t(`dashboard.kpi.${k}` as MessageKey)}</span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>

            <PermitRefTable id="breaches" title={t('dashboard.breaches')} rows={d.breaches} empty={t('dashboard.noBreaches')} />
            <PermitRefTable id="atrisk" title={t('dashboard.atRisk')} rows={d.atRisk} empty={t('dashboard.noAtRisk')} />
            <CeilingRiskTable ceiling={d.ceiling} />

            <TableSection
              id="dash-cases"
              title={t('dashboard.cases')}
              testId="dashboard-cases"
              rows={d.cases}
              rowKey={(c) => c.id}
              rowProps={(c) => ({ 'data-case-reference': c.reference })}
              columns={[
                col.reference,
                col.title,
                col.state,
                { header: t('dashboard.projected'), cell: (c) => fmtDate(lang, c.projectedCompletion) },
                col.ceilingDue,
                { header: t('dashboard.withinCeiling'), cell: (c) => (c.withinCeiling === null ? '–' : c.withinCeiling ? t('common.yes') : t('common.no')) },
                col.risk,
              ]}
            />

            <p className="rl-no-print">
              <a href={paths.search()}>{t('dashboard.searchAll')}</a>
            </p>
            {/* Issue 19: the breakdowns come from statistics refreshed every 5 minutes; say as of when. */}
            <p className="form-hint" data-testid="stats-as-of">
              {d.statsAsOf ? t('dashboard.statsAsOf', { time: fmtDateTime(lang, d.statsAsOf) }) : t('dashboard.statsPending')}
            </p>
            <TableSection
              id="dash-park-cases"
              title={t('dashboard.parkCases')}
              testId="dashboard-park-cases"
              rows={d.industrialParkCases ?? []}
              empty={t('dashboard.noParkCases')}
              rowKey={(c) => c.id}
              rowProps={(c) => ({ 'data-case-reference': c.reference })}
              columns={[col.reference, col.title, col.state, col.ceilingDue]}
            />

            <Breakdown
              id="by-authority"
              title={t('dashboard.byAuthority')}
              nameHeader={t('permits.authority')}
              rows={byShownName(lang, d.byAuthority)}
              rowKey={(a) => a.authorityCode}
              counts={[
                { header: t('dashboard.open'), cell: (a) => a.open },
                { header: t('dashboard.kpi.breached'), cell: (a) => a.breached },
                { header: t('dashboard.kpi.atRisk'), cell: (a) => a.atRisk },
              ]}
            />
            <Breakdown id="by-type" title={t('dashboard.byPermitType')} nameHeader={t('plan.permit')} rows={d.byPermitType} rowKey={(p) => p.code} counts={[{ header: t('dashboard.decided'), cell: (p) => p.decided }]} />
          </>
        )}
      </Loadable>
    </>
  );
}

type BreakdownRow = { nameDa: string; nameEn?: string; medianProcessingDays: number | null; withinTargetShare: number | null };

/** Load per authority or per permit type: the name, its counts, then median processing days and the share within target. */
function Breakdown<R extends BreakdownRow>({ nameHeader, counts, ...table }: { id: string; title: string; nameHeader: string; rows: R[]; rowKey: (r: R) => string; counts: Column<R>[] }) {
  const { t, lang } = useI18n();
  const columns: Column<R>[] = [
    { header: nameHeader, rowHeader: true, cell: (r) => nameOf(lang, r) },
    ...counts,
    { header: t('dashboard.median'), cell: (r) => fmtNumber(lang, r.medianProcessingDays, 1) },
    { header: t('dashboard.withinTarget'), cell: (r) => fmtPercent(lang, r.withinTargetShare) },
  ];
  return <TableSection {...table} compact columns={columns} />;
}

function PermitRefTable({ id, title, rows, empty }: { id: string; title: string; rows: DashboardPermitRef[]; empty: string }) {
  const { t, lang } = useI18n();
  return (
    <TableSection
      id={id}
      title={title}
      compact
      testId={id}
      empty={empty}
      rows={rows}
      rowKey={(r) => r.permitId}
      columns={[
        { header: t('cases.reference'), cell: (r) => <a href={paths.case(r.caseId)}>{r.caseReference}</a> },
        { header: t('plan.permit'), rowHeader: true, cell: (r) => <a href={paths.permit(r.permitId)}>{nameOf(lang, r)}</a> },
        { header: t('permits.authority'), cell: (r) => nameOf(lang, { nameDa: r.authorityNameDa, nameEn: r.authorityNameEn }) },
        { header: t('permits.dueOn'), cell: (r) => fmtDate(lang, r.dueOn) },
        { header: t('cases.risk'), cell: (r) => <RiskBadge risk={r.risk} /> },
      ]}
    />
  );
}
