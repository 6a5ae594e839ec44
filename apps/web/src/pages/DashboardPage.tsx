import { api } from '../api/client';
import type { DashboardPermitRef } from '../api/types';
import { Loadable, RiskBadge, StateTag } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { fmtDate, fmtDateTime, fmtNumber, fmtPercent } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { paths } from '../router';

/** Coordinator dashboard (GET /dashboard): KPIs, breaches, at risk, load per authority and type. */
export function DashboardPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.dashboard(signal), []);
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

            <section aria-labelledby="dash-cases-heading" className="mt-7">
              <h2 id="dash-cases-heading">{t('dashboard.cases')}</h2>
              <div className="table--responsive-scroll">
                <table className="table table--zebra" data-testid="dashboard-cases">
                  <caption className="sr-only">{t('dashboard.cases')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cases.reference')}</th>
                      <th scope="col">{t('cases.caseTitle')}</th>
                      <th scope="col">{t('cases.state')}</th>
                      <th scope="col">{t('dashboard.projected')}</th>
                      <th scope="col">{t('cases.ceilingDue')}</th>
                      <th scope="col">{t('dashboard.withinCeiling')}</th>
                      <th scope="col">{t('cases.risk')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.cases.map((c) => (
                      <tr key={c.id} data-case-reference={c.reference}>
                        <td>{c.reference}</td>
                        <th scope="row">
                          <a href={paths.case(c.id)}>{c.title}</a>
                        </th>
                        <td>
                          <StateTag kind="caseState" state={c.state} />
                        </td>
                        <td>{fmtDate(lang, c.projectedCompletion)}</td>
                        <td>{fmtDate(lang, c.ceilingDueOn)}</td>
                        <td>{c.withinCeiling === null ? '–' : c.withinCeiling ? t('common.yes') : t('common.no')}</td>
                        <td>
                          <RiskBadge risk={c.risk} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section aria-labelledby="by-authority-heading" className="mt-7">
              <h2 id="by-authority-heading">{t('dashboard.byAuthority')}</h2>
              <div className="table--responsive-scroll">
                <table className="table table--compact table--zebra">
                  <caption className="sr-only">{t('dashboard.byAuthority')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('permits.authority')}</th>
                      <th scope="col">{t('dashboard.open')}</th>
                      <th scope="col">{t('dashboard.kpi.breached')}</th>
                      <th scope="col">{t('dashboard.kpi.atRisk')}</th>
                      <th scope="col">{t('dashboard.median')}</th>
                      <th scope="col">{t('dashboard.withinTarget')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.byAuthority.map((a) => (
                      <tr key={a.authorityCode}>
                        <th scope="row">{lang === 'en' && a.nameEn ? a.nameEn : a.nameDa}</th>
                        <td>{a.open}</td>
                        <td>{a.breached}</td>
                        <td>{a.atRisk}</td>
                        <td>{fmtNumber(lang, a.medianProcessingDays, 1)}</td>
                        <td>{fmtPercent(lang, a.withinTargetShare)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <section aria-labelledby="by-type-heading" className="mt-7">
              <h2 id="by-type-heading">{t('dashboard.byPermitType')}</h2>
              <div className="table--responsive-scroll">
                <table className="table table--compact table--zebra">
                  <caption className="sr-only">{t('dashboard.byPermitType')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plan.permit')}</th>
                      <th scope="col">{t('dashboard.decided')}</th>
                      <th scope="col">{t('dashboard.median')}</th>
                      <th scope="col">{t('dashboard.withinTarget')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.byPermitType.map((p) => (
                      <tr key={p.code}>
                        <th scope="row">{lang === 'en' && p.nameEn ? p.nameEn : p.nameDa}</th>
                        <td>{p.decided}</td>
                        <td>{fmtNumber(lang, p.medianProcessingDays, 1)}</td>
                        <td>{fmtPercent(lang, p.withinTargetShare)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </Loadable>
    </>
  );
}

function PermitRefTable({ id, title, rows, empty }: { id: string; title: string; rows: DashboardPermitRef[]; empty: string }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-7">
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra" data-testid={id}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.reference')}</th>
                <th scope="col">{t('plan.permit')}</th>
                <th scope="col">{t('permits.authority')}</th>
                <th scope="col">{t('permits.dueOn')}</th>
                <th scope="col">{t('cases.risk')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.permitId}>
                  <td>
                    <a href={paths.case(r.caseId)}>{r.caseReference}</a>
                  </td>
                  <th scope="row">
                    <a href={paths.permit(r.permitId)}>{lang === 'en' && r.nameEn ? r.nameEn : r.nameDa}</a>
                  </th>
                  <td>{lang === 'en' && r.authority.nameEn ? r.authority.nameEn : r.authority.nameDa}</td>
                  <td>{fmtDate(lang, r.dueOn)}</td>
                  <td>
                    <RiskBadge risk={r.risk} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
