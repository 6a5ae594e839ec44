import type { ClockRuleView, Duration, IndustrialPark, ScreeningResult } from '../api/types';
import { fmtDate, nameOf } from '../format';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { ReasonList } from '../components/common';
import { Alert } from '../components/Alert';

export function durationText(t: Translate, d: Duration | null | undefined): string {
  if (!d) return '–';
  return t(`unit.${d.unit}` as 'unit.calendarDays', { n: d.length });
}

function clockText(t: Translate, c: ClockRuleView | null | undefined): string {
  if (!c || c.unknown || !c.duration) return t('screening.noClock');
  return durationText(t, c.duration) + (c.stopsWhileAwaitingApplicant ? ` (${t('screening.stopsWhileAwaiting')})` : '');
}

/** Step 2 of the wizard: which permits apply and why, who decides, prerequisites, dates, ceiling. */
export function ScreeningResultView({ result }: { result: ScreeningResult }) {
  const { t, lang } = useI18n();
  const names = new Map(result.permits.map((p) => [p.code, nameOf(lang, p)]));
  const ceiling = result.caseCeiling;
  return (
    <div data-testid="screening-result">
      <div aria-live="polite">
        <p className="font-lead">{t('screening.summary', { n: result.permits.length })}</p>
      </div>
      {/* Issue 16: warn before the case is created when the projection passes (or nearly uses up) the ceiling. */}
      {ceiling.risk === 'breached' || ceiling.risk === 'atRisk' ? (
        <div data-testid="screening-ceiling-warning" data-risk={ceiling.risk}>
          <Alert variant={ceiling.risk === 'breached' ? 'error' : 'warning'}>
            {t(ceiling.risk === 'breached' ? 'screening.ceilingRiskWarning' : 'screening.ceilingAtRiskWarning', { months: ceiling.months })}
          </Alert>
        </div>
      ) : null}
      <dl className="rl-summary">
        <dt>{t('screening.projectedDecision')}</dt>
        <dd>{fmtDate(lang, result.projectedDecisionDate)}</dd>
        <dt>{t('screening.ceiling')}</dt>
        <dd>
          {ceiling.appliesUnderL206 === false ? t('case.noL206Ceiling') : t('screening.ceilingMonths', { n: ceiling.months })} – {lang === 'en' ? ceiling.reason.en : ceiling.reason.da}
        </dd>
        <dt>{t('screening.ceilingDue')}</dt>
        <dd>{fmtDate(lang, ceiling.dueOnIfStartedToday)}</dd>
        {result.criticalPath.length > 0 ? (
          <>
            <dt>{t('screening.criticalPath')}</dt>
            <dd>{result.criticalPath.map((c) => names.get(c) ?? c).join(' → ')}</dd>
          </>
        ) : null}
        {result.eligibleForOneStopShop !== undefined ? (
          <>
            <dt>{t('screening.eligible')}</dt>
            <dd>{result.eligibleForOneStopShop ? t('common.yes') : t('common.no')}</dd>
          </>
        ) : null}
      </dl>

      {result.possiblePermits && result.possiblePermits.length > 0 ? (
        <Alert variant="warning" heading={t('screening.possibleHeading')}>
          <PossiblePermits permits={result.possiblePermits} testId="possible-permits" />
        </Alert>
      ) : null}
      {result.industrialPark ? <IndustrialParkNotice park={result.industrialPark} /> : null}
      {result.permits.length === 0 ? <p>{t('screening.none')}</p> : null}
      <ul className="nobullet-list rl-cards">
        {result.permits.map((p) => (
          <li key={p.code} className="card rl-card" data-permit-code={p.code}>
            <div className="card-content">
              <h3 className="h4 mt-0">{nameOf(lang, p)}</h3>
              <dl className="rl-summary">
                <dt>{t('screening.authority')}</dt>
                <dd>{nameOf(lang, p.authority)}</dd>
                <dt>{t('screening.why')}</dt>
                <dd>
                  <ReasonList reasons={p.reasons} />
                </dd>
                <dt>{t('screening.prerequisites')}</dt>
                <dd>
                  {p.prerequisites.length === 0
                    ? t('screening.noPrerequisites')
                    : p.prerequisites.map((q) => t(`prereq.${q.requires}`, { name: names.get(q.code) ?? q.code })).join('; ')}
                </dd>
                <dt>{t('screening.target')}</dt>
                <dd>{clockText(t, p.clocks.serviceTarget)}</dd>
                <dt>{t('screening.statutory')}</dt>
                <dd>{clockText(t, p.clocks.statutoryDeadline)}</dd>
                {p.plan ? (
                  <>
                    <dt>{t('screening.expectedFinal')}</dt>
                    <dd>
                      {fmtDate(lang, p.plan.earliestFinal)}
                      {p.plan.critical ? ` (${t('screening.onCriticalPath')})` : ''}
                    </dd>
                  </>
                ) : null}
              </dl>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Permits a "don't know" answer may add, each with the questions that settle it (issue 13 item 15). */
export function PossiblePermits({ permits, testId }: { permits: ReadonlyArray<{ code: string; nameDa: string; nameEn: string; settle: string[] }>; testId?: string }) {
  const { t, lang } = useI18n();
  return (
    <ul data-testid={testId}>
      {permits.map((p) => (
        <li key={p.code} data-permit-code={p.code}>
          {nameOf(lang, p)} – {t('screening.settle', { questions: p.settle.map((q) => t(`fact.${q}` as MessageKey)).join('; ') })}
        </li>
      ))}
    </ul>
  );
}

/** Issue 13 item 19: what the designated-park fast track did, each effect marked as an inference. */
export function IndustrialParkNotice({ park }: { park: IndustrialPark }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="industrial-park">
      <Alert variant="info" heading={t('facts.parkHeading')}>
        {park.coveredPermits.length > 0 ? <p>{t('facts.parkCovered', { names: park.coveredPermits.map((p) => nameOf(lang, p)).join(', ') })}</p> : null}
        {park.eiaScreeningOnPlanAssessment ? <p>{t('facts.parkEia')}</p> : null}
        <p>{t('facts.parkCeiling', { months: park.ceilingMonths, outside: park.ceilingMonthsOutsidePark })}</p>
        <p>{t('facts.parkInference')}</p>
      </Alert>
    </div>
  );
}
