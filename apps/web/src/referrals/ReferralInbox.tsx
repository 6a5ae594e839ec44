import { LoadedTable } from '../components/common';
import { Section } from '../components/DataTable';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { paths } from '../router';
import { referralStatusText } from './ReferralsPanel';
import { REFERRAL_TEXT } from './referral-text';
import { referralsApi } from './referrals-api';

/** Issue 17 item 1: the authority's referral inbox — what other authorities asked of it, open first by answer date. */
export function ReferralInbox() {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const load = useLoad(() => referralsApi.inbox('incoming'), []);
  return (
    <Section id="referral-inbox" title={x.inboxTitle} testId="referral-inbox">
      <LoadedTable
        load={load}
        caption={x.inboxTitle}
        compact
        stack
        empty={x.inboxEmpty}
        rowKey={(r) => r.id}
        columns={[
          { header: x.case, rowHeader: true, cell: (r) => <a href={paths.referral(r.id)}>{`${r.caseReference} · ${r.permitCode}`}</a> },
          { header: x.from, cell: (r) => (lang === 'en' ? r.from.nameEn : r.from.nameDa) },
          { header: x.kind, cell: (r) => (r.kind === 'consent' ? x.consent : x.opinion) },
          { header: x.due, cell: (r) => fmtDate(lang, r.dueOn) },
          { header: x.status, cell: (r) => referralStatusText(lang, r) },
        ]}
      />
    </Section>
  );
}
