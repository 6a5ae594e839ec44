import type { Session } from '../api';
import { CaseList } from '../components/CaseList';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n';

/** Case search for every role (issue 19); the API returns only cases the caller may see. */
export function CaseSearchPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeading focus={focusHeading}>{t('caseList.title')}</PageHeading>
      <p className="font-lead">{t(session.role === 'applicant' ? 'caseList.introApplicant' : 'caseList.intro')}</p>
      <CaseList caption={t('caseList.title')} actionNeeded={session.role === 'applicant'} showCompany={session.role !== 'applicant'} empty={t('caseList.noMatch')} testId="case-search-results" />
    </>
  );
}
