import type { Session } from '../api';
import { client } from '../api/client';
import type { Schemas } from '../api/types';
import { fmtDate, fmtNumber } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable } from './common';
import { TableSection } from './DataTable';

type Overview = Schemas['AdminOverviewDto'];

async function loadOverview(signal: AbortSignal): Promise<Overview> {
  const r = await client.GET('/api/v1/admin/overview', { signal });
  if (!r.data) throw new Error(`HTTP ${r.response.status}`);
  return r.data as Overview;
}

/**
 * Issue 19, the admin page beyond users: catalogue versions (which one new cases use) and queue
 * health (BullMQ job counts per queue) with a link to Bull Board. Kept in its own component so
 * the admin calendar section (issue 13) can sit next to it without conflicts.
 */
export function AdminOverview({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => loadOverview(signal), []);
  return (
    <Loadable load={load}>
      {(o) => (
        <>
          <TableSection
            id="admin-catalog"
            title={t('admin.catalogTitle')}
            testId="admin-catalog"
            stack
            rows={o.catalogVersions}
            rowKey={(v) => v.version}
            columns={[
              { header: t('admin.catalogVersion'), rowHeader: true, cell: (v) => v.version },
              { header: t('admin.validFrom'), cell: (v) => fmtDate(lang, v.validFrom) },
              { header: t('admin.validTo'), cell: (v) => fmtDate(lang, v.validTo) },
              { header: t('admin.permitTypes'), cell: (v) => fmtNumber(lang, v.permitTypes) },
              { header: t('admin.current'), cell: (v) => (v.current ? t('common.yes') : t('common.no')) },
            ]}
          />
          <TableSection
            id="admin-queues"
            title={t('admin.queuesTitle')}
            testId="admin-queues"
            stack
            rows={o.queues}
            rowKey={(q) => q.name}
            columns={[
              { header: t('admin.queue'), rowHeader: true, cell: (q) => q.name },
              { header: t('admin.waiting'), cell: (q) => (q.reachable ? fmtNumber(lang, q.waiting) : t('admin.unreachable')) },
              { header: t('admin.active'), cell: (q) => fmtNumber(lang, q.active) },
              { header: t('admin.delayed'), cell: (q) => fmtNumber(lang, q.delayed) },
              { header: t('admin.failed'), cell: (q) => <span className={q.failed > 0 ? 'badge badge-error' : undefined}>{fmtNumber(lang, q.failed)}</span> },
              { header: t('admin.completed'), cell: (q) => fmtNumber(lang, q.completed) },
            ]}
          />
          <p className="rl-no-print">
            {/* Bull Board moves the token into an HttpOnly cookie on first open and drops it from the URL. */}
            <a href={`${o.queueDashboard}?token=${encodeURIComponent(session.accessToken)}`} target="_blank" rel="noreferrer">
              {t('admin.openQueueDashboard')}
            </a>
          </p>
        </>
      )}
    </Loadable>
  );
}
