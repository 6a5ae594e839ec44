import { useEffect, useState } from 'react';
import { api, TIMELINE_PAGE_SIZE } from '../api/client';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { LoadedTableSection, useLabel } from './common';
import { Pager } from './Pager';

/** GET /cases/:id/timeline: who did what, when (audit trail). */
export function AuditTimeline({ caseId, refreshKey }: { caseId: string; refreshKey?: number }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  // Paged (oldest first, as the API lists it): a long case's history no longer stops at its first 100 events.
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [caseId]);
  const load = useLoad((signal) => api.timeline(caseId, page, signal), [caseId, refreshKey, page]);
  return (
    <>
    <LoadedTableSection
      id="timeline"
      title={t('timeline.title')}
      load={load}
      compact
      stack
      testId="audit-timeline"
      empty={t('timeline.empty')}
      rowKey={(e) => e.id}
      columns={[
        { header: t('timeline.when'), cell: (e) => fmtDateTime(lang, e.occurredAt) },
        { header: t('timeline.event'), rowHeader: true, cell: (e) => label('event', e.eventType) },
        { header: t('timeline.permit'), cell: (e) => (lang === 'en' ? e.permitNameEn : e.permitNameDa) ?? e.permitCode ?? '–' },
        {
          header: t('timeline.who'),
          // A system step carries the person whose action triggered it: "Automatic (triggered by Anna Nordlys)".
          cell: (e) =>
            e.actorRole === 'system' ? (
              e.actor?.name ? t('timeline.systemFor', { name: e.actor.name }) : t('timeline.system')
            ) : (
              <>
                {e.actor?.name ?? t('timeline.system')}
                {e.actorRole ? ` (${label('actorRole', e.actorRole)})` : ''}
                {/* Who acted for whom (issue 14 point 6): a fuldmægtig of another organisation. */}
                {e.onBehalfOf && e.actor?.organisationName && e.actor.organisationName !== e.onBehalfOf.name ? (
                  <span className="rl-block" data-testid="on-behalf-of">
                    {t('timeline.onBehalfOf', { org: e.actor.organisationName, company: e.onBehalfOf.name ?? '' })}
                  </span>
                ) : null}
              </>
            ),
        },
        {
          header: t('timeline.change'),
          cell: (e) => (
            <>
              {e.fromState || e.toState ? `${label(e.permitCode ? 'permitState' : 'caseState', e.fromState)} → ${label(e.permitCode ? 'permitState' : 'caseState', e.toState)}` : ''}
              {e.reason ? <span className="rl-block">{e.reason}</span> : null}
              {e.payload?.changedFields?.length ? (
                <span className="rl-block" data-testid="changed-fields">
                  {t('timeline.changedFields')}: <code>{e.payload.changedFields.join(', ')}</code>
                </span>
              ) : null}
            </>
          ),
        },
      ]}
    />
    {load.data ? <Pager page={page} pageSize={TIMELINE_PAGE_SIZE} total={load.data.total} onPage={setPage} label={t('timeline.paging')} testId="timeline-pager" /> : null}
    </>
  );
}
