import type { Session } from '../api';
import { useI18n } from '../i18n';
import { DEMO_USERS } from '../users';
import { Alert } from './Alert';
import { HealthStatus } from './HealthStatus';
import { PageHeading } from './PageHeading';

/** Per-role landing page placeholder (applicant cases, caseworker inbox, coordinator dashboard, admin). */
export function HomePage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  const role = session.role ?? 'applicant';
  const affiliation = DEMO_USERS.find((u) => u.username === session.username)?.affiliation;

  return (
    <>
      <PageHeading focus={focusHeading}>{t(`home.title.${role}`)}</PageHeading>
      <p className="font-lead">
        {t('home.welcome', { name: session.username })}
        {session.role ? ` · ${t(`role.${session.role}`)}` : ''}
        {affiliation ? ` · ${affiliation}` : ''}
      </p>
      <p>{t(`home.body.${role}`)}</p>
      <Alert variant="info">
        <p>{t('home.placeholder')}</p>
      </Alert>
      <HealthStatus token={session.accessToken} />
    </>
  );
}
