import { ApiError } from '../api';
import { LoadedTable, Loadable } from '../components/common';
import { TableSection } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { fmtDate, fmtDateTime, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';
import { transparencyApi, type PublicCase } from './transparency-api';

/** A public page's heading and the links between the public pages (no login). */
function PublicHeading({ title, focus }: { title: string; focus?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading focus={focus}>{title}</PageHeading>
      <nav aria-label={t('pub.nav.label')} className="mb-5">
        <a href={paths.publicCases()}>{t('pub.nav.cases')}</a> · <a href={paths.publicStatistics()}>{t('pub.nav.stats')}</a> · <a href={paths.publicDecisions()}>{t('pub.nav.decisions')}</a>
      </nav>
    </>
  );
}

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`);

/** Issue 16 item 5: cases whose company consented to a public page (no login). */
export function PublicCasesPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad(() => transparencyApi.publicCases(), []);
  return (
    <>
      <PublicHeading title={t('pub.cases.title')} focus={focusHeading} />
      <p>{t('pub.cases.intro')}</p>
      <LoadedTable
        load={load}
        caption={t('pub.cases.title')}
        rowKey={(c) => c.reference}
        stack
        testId="public-cases"
        empty={t('pub.cases.empty')}
        columns={[
          { header: t('pub.case.title', { reference: '' }).trim(), label: t('pub.case.title', { reference: '' }).trim(), rowHeader: true, cell: (c) => <a href={paths.publicCase(c.reference)}>{c.reference}</a> },
          { header: t('pub.case.company'), cell: (c) => `${c.company.name} (CVR ${c.company.cvr})` },
          { header: t('pub.cases.permits'), cell: (c) => c.permits },
          { header: t('pub.cases.since'), cell: (c) => fmtDate(lang, c.publishedSince) },
        ]}
      />
    </>
  );
}

/** Issue 16 item 5: one published case, FAST-41 dashboard style (no login; 404 without consent). */
export function PublicCasePage({ reference, focusHeading }: { reference: string; focusHeading?: boolean }) {
  const { t } = useI18n();
  const load = useLoad(() => transparencyApi.publicCase(reference), [reference]);
  if (load.status === 'error' && load.error instanceof ApiError && load.error.status === 404) {
    return (
      <>
        <PublicHeading title={t('pub.case.title', { reference })} focus={focusHeading} />
        <p data-testid="public-case-not-found">{t('pub.case.notFound')}</p>
      </>
    );
  }
  return (
    <>
      <PublicHeading title={t('pub.case.title', { reference })} focus={focusHeading} />
      <Loadable load={load}>{(c) => <PublicCaseBody c={c} />}</Loadable>
    </>
  );
}

function PublicCaseBody({ c }: { c: PublicCase }) {
  const { t, lang } = useI18n();
  const stage = (s: string) => t(`pub.stage.${s}` as MessageKey);
  const codeName = new Map(c.permits.map((p) => [p.code, nameOf(lang, p)]));
  return (
    <div data-testid="public-case">
      <dl className="rl-summary rl-summary--wide">
        <dt>{t('pub.case.company')}</dt>
        <dd data-testid="public-company">
          {c.company.name} (CVR {c.company.cvr})
        </dd>
        <dt>{t('pub.case.stage')}</dt>
        <dd>{stage(c.stage)}</dd>
        <dt>{t('pub.case.submitted')}</dt>
        <dd>{fmtDate(lang, c.submittedOn)}</dd>
        {c.completedOn ? (
          <>
            <dt>{t('pub.case.completed')}</dt>
            <dd>{fmtDate(lang, c.completedOn)}</dd>
          </>
        ) : null}
        <dt>{t('pub.case.ceiling')}</dt>
        <dd>{c.ceilingDueOn ? `${fmtDate(lang, c.ceilingDueOn)} (${c.ceilingMonths} mdr.)` : '–'}</dd>
        <dt>{t('pub.case.plan')}</dt>
        <dd>{c.plan ? (c.plan.status === 'agreed' ? t('pub.case.planAgreed', { date: fmtDate(lang, c.plan.agreedOn) }) : t('pub.case.planProposed')) : t('pub.case.planNone')}</dd>
        {c.forecast ? (
          <>
            <dt>{t('pub.case.forecast')}</dt>
            <dd>
              {fmtDate(lang, c.forecast.completionP50)} / {fmtDate(lang, c.forecast.completionP80)}
            </dd>
          </>
        ) : null}
      </dl>
      <p className="form-hint">{t('pub.case.note')}</p>
      <TableSection
        id="public-permits"
        title={t('pub.case.permitsCaption')}
        rows={c.permits}
        rowKey={(p) => p.code}
        stack
        testId="public-permits"
        rowProps={(p) => ({ 'data-code': p.code, 'data-missed': p.missed ? 'true' : undefined })}
        columns={[
          { header: t('pub.case.permit'), rowHeader: true, cell: (p) => nameOf(lang, p) },
          { header: t('pub.case.authority'), cell: (p) => nameOf(lang, p.authority) },
          { header: t('pub.case.stage'), cell: (p) => stage(p.stage) },
          { header: t('pub.case.baseline'), cell: (p) => fmtDate(lang, p.baseline?.decisionOn) },
          { header: t('pub.case.planned'), cell: (p) => fmtDate(lang, p.planned?.decisionOn) },
          { header: t('pub.case.target'), cell: (p) => fmtDate(lang, p.targetDueOn) },
          { header: t('pub.case.decided'), cell: (p) => fmtDate(lang, p.actual.decidedOn) },
          { header: t('pub.case.final'), cell: (p) => fmtDate(lang, p.actual.finalOn) },
          {
            header: t('pub.case.missed'),
            cell: (p) =>
              p.missed ? (
                <span data-testid="public-missed">{t('pub.case.missedOn', { date: fmtDate(lang, p.missed.on), explanation: p.missed.explanation ?? '–' })}</span>
              ) : p.overdue ? (
                t('pub.case.overdue')
              ) : (
                '–'
              ),
          },
        ]}
      />
      <TableSection
        id="public-changes"
        title={t('pub.case.changesCaption')}
        rows={c.changes}
        rowKey={(x) => `${x.permitCode}-${x.appliedOn}-${x.to.decisionOn}`}
        stack
        testId="public-changes"
        empty={t('pub.case.noChanges')}
        columns={[
          { header: t('pub.case.permit'), rowHeader: true, cell: (x) => (x.permitCode ? (codeName.get(x.permitCode) ?? x.permitCode) : '–') },
          { header: t('pub.case.changeReason'), cell: (x) => (lang === 'en' ? x.reasonEn : x.reasonDa) },
          { header: t('pub.case.changeFrom'), cell: (x) => fmtDate(lang, x.from.decisionOn) },
          { header: t('pub.case.changeTo'), cell: (x) => fmtDate(lang, x.to.decisionOn) },
          { header: t('pub.case.changeOn'), cell: (x) => fmtDate(lang, x.appliedOn) },
        ]}
      />
      <p>
        <a href={paths.publicCases()}>{t('pub.case.allCases')}</a>
      </p>
    </div>
  );
}

/** Issue 16 item 5: the aggregate L 206 statistics, public (no login). */
export function PublicStatisticsPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad(() => transparencyApi.publicStatistics(), []);
  return (
    <>
      <PublicHeading title={t('pub.stats.title')} focus={focusHeading} />
      <p>{t('pub.stats.intro')}</p>
      <p>
        <a href="/api/v1/public/statistics">{t('pub.stats.download')}</a>
      </p>
      <Loadable load={load}>
        {(s) => (
          <div data-testid="public-statistics">
            <p className="form-hint">{fmtDateTime(lang, s.generatedAt)} · {s.schemaVersion}</p>
            <TableSection
              id="stats-permits"
              title={t('pub.stats.permitsCaption')}
              rows={s.permits}
              rowKey={(r) => `${r.quarter}-${r.permitType}-${r.authorityCode}`}
              stack
              testId="public-stats-permits"
              empty={t('pub.stats.empty')}
              columns={[
                { header: t('pub.stats.quarter'), cell: (r) => r.quarter },
                { header: t('pub.stats.type'), rowHeader: true, cell: (r) => r.permitTypeName },
                { header: t('pub.stats.authority'), cell: (r) => r.authorityName },
                { header: t('pub.stats.decided'), cell: (r) => r.decided },
                { header: t('pub.stats.medianElapsed'), cell: (r) => r.medianElapsedDays ?? '–' },
                { header: t('pub.stats.medianAuthority'), cell: (r) => r.medianAuthorityDays ?? '–' },
                { header: t('pub.stats.p80'), cell: (r) => r.p80ElapsedDays ?? '–' },
                { header: t('pub.stats.withinTarget'), cell: (r) => pct(r.withinTargetShare) },
              ]}
            />
            <TableSection
              id="stats-cases"
              title={t('pub.stats.casesCaption')}
              rows={s.cases}
              rowKey={(r) => r.quarter}
              stack
              testId="public-stats-cases"
              empty={t('pub.stats.empty')}
              columns={[
                { header: t('pub.stats.quarter'), rowHeader: true, cell: (r) => r.quarter },
                { header: t('pub.stats.counted'), cell: (r) => r.counted },
                { header: t('pub.stats.withinCeiling'), cell: (r) => pct(r.ceilingComplianceShare) },
                { header: t('pub.stats.medianElapsed'), cell: (r) => r.medianElapsedDays ?? '–' },
              ]}
            />
          </div>
        )}
      </Loadable>
    </>
  );
}
