import { jointHearingsApi } from '../api/joint-hearings';
import { Alert } from '../components/Alert';
import { Loadable } from '../components/common';
import { DataTable, Section } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { CommentForm } from './PublicHearingPage';

const TEXT = {
  da: {
    heading: (project: string) => `Fælles høring: ${project}`,
    intro: 'Én høring om flere tilladelser til samme projekt. Dit høringssvar går til hver af de myndigheder, der behandler tilladelserne.',
    municipality: 'Kommune',
    audience: 'Målgruppe',
    period: 'Høringsperiode',
    periodText: (from: string, to: string) => `Fra ${from}. Høringen kan tidligst afsluttes ${to} – den længste mindstefrist blandt tilladelserne.`,
    closed: (d: string) => `Høringen blev afsluttet ${d}. Høringssvar modtages stadig, men registreres som for sent indkommet.`,
    permits: 'Tilladelser i høringen',
    permit: 'Tilladelse',
    authority: 'Myndighed',
    legalBasis: 'Retsgrundlag',
    ownEnd: 'Egen mindstefrist: kan afsluttes fra',
    documents: 'Høringsmateriale',
    noDocuments: 'Der er ikke lagt materiale ud.',
  },
  en: {
    heading: (project: string) => `Joint consultation: ${project}`,
    intro: 'One consultation on several permits for the same project. Your response reaches each authority handling the permits.',
    municipality: 'Municipality',
    audience: 'Audience',
    period: 'Consultation period',
    periodText: (from: string, to: string) => `From ${from}. The consultation can end ${to} at the earliest – the longest minimum of the permits.`,
    closed: (d: string) => `The consultation ended ${d}. Responses are still received but recorded as late.`,
    permits: 'Permits in this consultation',
    permit: 'Permit',
    authority: 'Authority',
    legalBasis: 'Legal basis',
    ownEnd: 'Own minimum: may end from',
    documents: 'Consultation documents',
    noDocuments: 'No documents have been published.',
  },
};

/** Issue 17 item 3: a joint hearing's one public page (no login): the permits, one period, the proposal, one comment form. */
export function PublicJointHearingPage({ id, focusHeading }: { id: string; focusHeading?: boolean }) {
  const { lang } = useI18n();
  const x = TEXT[lang];
  const load = useLoad((signal) => jointHearingsApi.publicPage(id, signal), [id]);
  return (
    <Loadable load={load}>
      {(h) => (
        <>
          <PageHeading focus={focusHeading}>{x.heading(h.projectTitle)}</PageHeading>
          <p>{x.intro}</p>
          <dl className="rl-summary">
            {h.municipality ? (
              <>
                <dt>{x.municipality}</dt>
                <dd>{h.municipality}</dd>
              </>
            ) : null}
            <dt>{x.audience}</dt>
            <dd>{h.audience}</dd>
            <dt>{x.period}</dt>
            <dd data-testid="joint-hearing-period">{x.periodText(fmtDate(lang, h.startedAt), fmtDate(lang, h.earliestEndAt))}</dd>
          </dl>
          {h.endedAt ? <Alert variant="info">{x.closed(fmtDate(lang, h.endedAt))}</Alert> : null}
          <Section id="joint-permits" title={x.permits}>
            <DataTable
              caption={x.permits}
              testId="joint-hearing-permits"
              rows={h.permits}
              rowKey={(p) => p.hearingId}
              columns={[
                { header: x.permit, rowHeader: true, cell: (p) => (lang === 'en' ? p.permitNameEn : p.permitNameDa) },
                { header: x.authority, cell: (p) => (lang === 'en' ? p.authorityNameEn : p.authorityNameDa) },
                { header: x.legalBasis, cell: (p) => p.legalBasis },
                { header: x.ownEnd, cell: (p) => fmtDate(lang, p.earliestEndAt) },
              ]}
            />
          </Section>
          <Section id="joint-docs" title={x.documents}>
            {h.documents.length === 0 ? (
              <p>{x.noDocuments}</p>
            ) : (
              <ul>
                {h.documents.map((d) => (
                  <li key={d.id}>
                    <a href={d.url}>{d.filename}</a>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <CommentForm h={{ id: h.id, limits: h.limits }} send={(c) => jointHearingsApi.comment(h.id, c)} />
        </>
      )}
    </Loadable>
  );
}
