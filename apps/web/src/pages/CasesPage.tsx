import { useState } from 'react';
import { api } from '../api/client';
import { CompanySwitcher, useReceivedGrants } from '../components/ActingFor';
import { CaseList } from '../components/CaseList';
import { Loadable } from '../components/common';
import { Section } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

/** Applicant home: own cases (search, filter, paging, "action needed"), "Ny sag" and the latest unread notifications. */
export function CasesPage({ focusHeading }: { focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const notifications = useLoad((signal) => api.notifications({ lang, page: 1, pageSize: 5 }, signal), [lang]);
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
        <CaseList caption={t('cases.listHeading')} actionNeeded showCompany={Boolean(company) || (grants.data?.items.length ?? 0) > 0} organisationId={company} empty={t('cases.empty')} testId="cases" />
      </Section>
      <Section id="notif" title={t('notifications.title')}>
        <Loadable load={notifications}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('notifications.empty')}</p>
            ) : (
              <>
                <ul className="rl-notifications">
                  {page.items.map((n) => (
                    <li key={n.id} data-unread={n.readAt === null ? 'true' : 'false'}>
                      {n.readAt === null ? <span className="badge badge-info">{t('notif.unread')}</span> : null} <strong>{n.title}</strong> <span className="form-hint">{fmtDateTime(lang, n.createdAt)}</span>
                      {n.caseId ? (
                        <>
                          {' '}
                          <a href={paths.case(n.caseId)}>
                            {t('notifications.open')}
                            <span className="sr-only">: {n.title}</span>
                          </a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <p>
                  <a href={paths.notifications()}>{t('notif.all', { n: page.unreadCount })}</a>
                </p>
              </>
            )
          }
        </Loadable>
      </Section>
    </>
  );
}
