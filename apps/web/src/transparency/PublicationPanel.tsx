import type { Session } from '../api';
import { useStatusAction } from '../components/actions';
import { Section } from '../components/DataTable';
import { Loadable, StatusMessage } from '../components/common';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';
import { transparencyApi, type ConsentView } from './transparency-api';

/**
 * Issue 16 item 5: the company's consent to a public page of its case. The company gives and
 * revokes it here (recorded, audited); coordinators see whether it is given and its history.
 */
export function PublicationPanel({ caseId, session }: { caseId: string; session: Session }) {
  const { t, lang } = useI18n();
  const load = useLoad(() => transparencyApi.consent(caseId), [caseId]);
  const { pending, message, act: run } = useStatusAction(() => load.reload());
  const company = session.role === 'applicant';
  const act = (give: boolean) =>
    run(async () => {
      await (give ? transparencyApi.give(caseId) : transparencyApi.revoke(caseId));
      return t(give ? 'pub.consent.given' : 'pub.consent.revoked');
    });
  return (
    <Section id="publication" title={t('pub.consent.title')} testId="publication-panel">
      <p>{t('pub.consent.intro')}</p>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(c: ConsentView) => (
          <>
            <p data-testid="publication-status" data-published={c.published}>
              <strong>{c.published ? t('pub.consent.on', { date: fmtDate(lang, c.grantedAt) }) : t('pub.consent.off')}</strong>
              {c.published ? (
                <>
                  {' '}
                  <a href={paths.publicCase(c.reference)} data-testid="publication-link">
                    {t('pub.consent.open')}
                  </a>
                </>
              ) : null}
            </p>
            {company ? (
              <p>
                <button type="button" className={`button ${c.published ? 'button-secondary' : 'button-primary'}`} disabled={pending} onClick={() => void act(!c.published)}>
                  {c.published ? t('pub.consent.revoke') : t('pub.consent.give')}
                </button>
              </p>
            ) : (
              <p className="form-hint">{t('pub.consent.onlyCompany')}</p>
            )}
            {c.history.length > 0 ? (
              <>
                <h3 className="h5">{t('pub.consent.history')}</h3>
                <ul data-testid="publication-history">
                  {c.history.map((h) => (
                    <li key={h.grantedAt}>
                      {t('pub.consent.grantedBy', { who: h.grantedBy ?? '–', date: fmtDate(lang, h.grantedAt) })}
                      {h.revokedAt ? `; ${t('pub.consent.revokedBy', { who: h.revokedBy ?? '–', date: fmtDate(lang, h.revokedAt) })}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </Loadable>
    </Section>
  );
}
