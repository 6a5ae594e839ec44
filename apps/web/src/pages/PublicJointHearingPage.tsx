import { jointHearingsApi } from '../api/joint-hearings';
import { Loadable } from '../components/common';
import { TableSection } from '../components/DataTable';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { PublicHearingView } from './PublicHearingPage';

const TEXT = {
  da: {
    heading: (project: string) => `Fælles høring: ${project}`,
    intro: 'Én høring om flere tilladelser til samme projekt. Dit høringssvar går til hver af de myndigheder, der behandler tilladelserne.',
    audience: 'Målgruppe',
    periodText: (from: string, to: string) => `Fra ${from}. Høringen kan tidligst afsluttes ${to} – den længste mindstefrist blandt tilladelserne.`,
    permits: 'Tilladelser i høringen',
    permit: 'Tilladelse',
    authority: 'Myndighed',
    legalBasis: 'Retsgrundlag',
    ownEnd: 'Egen mindstefrist: kan afsluttes fra',
  },
  en: {
    heading: (project: string) => `Joint consultation: ${project}`,
    intro: 'One consultation on several permits for the same project. Your response reaches each authority handling the permits.',
    audience: 'Audience',
    periodText: (from: string, to: string) => `From ${from}. The consultation can end ${to} at the earliest – the longest minimum of the permits.`,
    permits: 'Permits in this consultation',
    permit: 'Permit',
    authority: 'Authority',
    legalBasis: 'Legal basis',
    ownEnd: 'Own minimum: may end from',
  },
};

/** Issue 17 item 3: a joint hearing's one public page (no login): the permits, one period, the proposal, one comment form. */
export function PublicJointHearingPage({ id, focusHeading }: { id: string; focusHeading?: boolean }) {
  const { lang, x } = useTexts(TEXT);
  const load = useLoad((signal) => jointHearingsApi.publicPage(id, signal), [id]);
  return (
    <Loadable load={load}>
      {(h) => (
        <PublicHearingView
          h={h}
          heading={x.heading(h.projectTitle)}
          focusHeading={focusHeading}
          intro={x.intro}
          facts={[]}
          basis={{ term: x.audience, value: h.audience }}
          periodText={x.periodText}
          periodTestId="joint-hearing-period"
          docsId="joint-docs"
          send={(c) => jointHearingsApi.comment(h.id, c)}
        >
          <TableSection
            id="joint-permits"
            title={x.permits}
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
        </PublicHearingView>
      )}
    </Loadable>
  );
}
