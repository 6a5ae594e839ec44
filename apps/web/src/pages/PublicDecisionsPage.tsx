import { decisionsApi } from '../decisions/decisions-api';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { LoadedTable } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { DECISION_TEXT } from '../decisions/decision-text';

/** Issue 15 item 4: published decisions with their klagefrist, until it has passed (no login). */
export function PublicDecisionsPage({ focusHeading }: { focusHeading?: boolean }) {
  const { lang, x } = useTexts(DECISION_TEXT);
  const load = useLoad(() => decisionsApi.published(), []);
  const title = lang === 'en' ? 'Published decisions' : 'Offentliggjorte afgørelser';
  return (
    <>
      <PageHeading focus={focusHeading}>{title}</PageHeading>
      <p>
        {lang === 'en' ? 'Each decision is listed until its appeal deadline has passed. ' : 'Hver afgørelse står her, indtil klagefristen er udløbet. '}
        <a href="/api/v1/public/decisions/feed.atom">Atom</a> · <a href="/api/v1/public/decisions">JSON</a>
      </p>
      <LoadedTable
        load={load}
        caption={title}
        rowKey={(d) => d.id}
        empty={lang === 'en' ? 'No published decisions right now.' : 'Der er ingen offentliggjorte afgørelser lige nu.'}
        columns={[
          { header: lang === 'en' ? 'Permit' : 'Tilladelse', rowHeader: true, cell: (d) => (lang === 'en' ? d.permitNameEn : d.permitNameDa) },
          { header: lang === 'en' ? 'Company' : 'Virksomhed', cell: (d) => `${d.company.name} (CVR ${d.company.cvr})` },
          { header: lang === 'en' ? 'Authority' : 'Myndighed', cell: (d) => d.authorityName },
          { header: x.outcome, cell: (d) => (x.outcomes as Record<string, string>)[d.outcome] ?? d.outcome },
          { header: lang === 'en' ? 'Appeal deadline' : 'Klagefrist', cell: (d) => fmtDate(lang, d.appealDeadlineOn) },
          { header: 'PDF', cell: (d) => <a href={d.pdfUrl}>{lang === 'en' ? 'Decision (PDF)' : 'Afgørelse (PDF)'}</a> },
        ]}
      />
    </>
  );
}
