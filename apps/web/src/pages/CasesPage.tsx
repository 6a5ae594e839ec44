import { useState } from 'react';
import { api } from '../api/client';
import { CompanySwitcher, useReceivedGrants } from '../components/ActingFor';
import { Loadable, useCaseColumns } from '../components/common';
import { DataTable, Section } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

/** Applicant home: own cases, "Ny sag" and the latest notifications. */
export function CasesPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const cases = useLoad((signal) => api.listCases({ pageSize: 50 }, signal), []);
  const notifications = useLoad((signal) => api.notifications(signal), []);
  const col = useCaseColumns();
  // Consultants serving several companies pick the company they act for (issue 14 point 6).
  const grants = useReceivedGrants();
  const [company, setCompany] = useState('');
  return (
    <>
      <PageHeading focus={focusHeading}>{t('cases.title')}</PageHeading>
      <p className="font-lead">{t('home.body.applicant')}</p>
      <p>
        <a className="button button-primary" href={paths.newCase()}>
          {t('cases.new')}
        </a>{' '}
        <a className="button button-secondary" href={paths.proxies()}>
          {t('proxy.title')}
        </a>
      </p>
      <CompanySwitcher grants={grants.data?.items ?? []} value={company} onChange={setCompany} />
      <Section id="cases" title={t('cases.listHeading')}>
        <Loadable load={cases}>
          {(page) => (
            <DataTable
              caption={t('cases.listHeading')}
              empty={t('cases.empty')}
              rows={company ? page.items.filter((c) => c.organisation?.id === company) : page.items}
              rowKey={(c) => c.id}
              columns={[col.reference, col.title, { header: t('case.organisation'), cell: (c) => c.organisation?.name ?? '–' }, col.state, { header: t('cases.permits'), cell: (c) => c.permitCount ?? '–' }, col.ceilingDue, col.risk]}
            />
          )}
        </Loadable>
      </Section>
      <Section id="notif" title={t('notifications.title')}>
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
      </Section>
    </>
  );
}
