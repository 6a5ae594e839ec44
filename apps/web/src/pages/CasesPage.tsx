import { api } from '../api/client';
import { Loadable, RiskBadge, StateTag } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { fmtDate, fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

/** Applicant home: own cases, "Ny sag" and the latest notifications. */
export function CasesPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const cases = useLoad((signal) => api.listCases({ pageSize: 50 }, signal), []);
  const notifications = useLoad((signal) => api.notifications(signal), []);
  return (
    <>
      <PageHeading focus={focusHeading}>{t('cases.title')}</PageHeading>
      <p className="font-lead">{t('home.body.applicant')}</p>
      <p>
        <a className="button button-primary" href={paths.newCase()}>
          {t('cases.new')}
        </a>
      </p>
      <section aria-labelledby="cases-heading" className="mt-7">
        <h2 id="cases-heading">{t('cases.listHeading')}</h2>
        <Loadable load={cases}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('cases.empty')}</p>
            ) : (
              <div className="table--responsive-scroll">
                <table className="table table--zebra">
                  <caption className="sr-only">{t('cases.listHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cases.reference')}</th>
                      <th scope="col">{t('cases.caseTitle')}</th>
                      <th scope="col">{t('cases.state')}</th>
                      <th scope="col">{t('cases.permits')}</th>
                      <th scope="col">{t('cases.ceilingDue')}</th>
                      <th scope="col">{t('cases.risk')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((c) => (
                      <tr key={c.id}>
                        <td>{c.reference}</td>
                        <th scope="row">
                          <a href={paths.case(c.id)}>{c.title}</a>
                        </th>
                        <td>
                          <StateTag kind="caseState" state={c.state} />
                        </td>
                        <td>{c.permitCount ?? '–'}</td>
                        <td>{fmtDate(lang, c.ceilingDueOn)}</td>
                        <td>
                          <RiskBadge risk={c.risk} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loadable>
      </section>
      <section aria-labelledby="notif-heading" className="mt-7">
        <h2 id="notif-heading">{t('notifications.title')}</h2>
        <Loadable load={notifications}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('notifications.empty')}</p>
            ) : (
              <ul className="rl-notifications">
                {page.items.slice(0, 5).map((n) => (
                  <li key={n.id}>
                    <strong>{n.title}</strong> <span className="form-hint">{fmtDateTime(lang, n.createdAt)}</span>
                    {n.caseId ? (
                      <>
                        {' '}
                        <a href={paths.case(n.caseId)}>{t('notifications.open')}<span className="sr-only">: {n.title}</span></a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </Loadable>
      </section>
    </>
  );
}
