import { api } from '../api/client';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable, useLabel } from './common';

/** GET /cases/:id/timeline: who did what, when (audit trail). */
export function AuditTimeline({ caseId, refreshKey }: { caseId: string; refreshKey?: number }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const load = useLoad((signal) => api.timeline(caseId, signal), [caseId, refreshKey]);
  return (
    <section aria-labelledby="timeline-heading" className="mt-7">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <Loadable load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('timeline.empty')}</p>
          ) : (
            <div className="table--responsive-scroll">
              <table className="table table--compact table--zebra" data-testid="audit-timeline">
                <caption className="sr-only">{t('timeline.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('timeline.when')}</th>
                    <th scope="col">{t('timeline.event')}</th>
                    <th scope="col">{t('timeline.permit')}</th>
                    <th scope="col">{t('timeline.who')}</th>
                    <th scope="col">{t('timeline.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr key={e.id}>
                      <td>{fmtDateTime(lang, e.occurredAt)}</td>
                      <th scope="row">{label('event', e.eventType)}</th>
                      <td>{e.permitCode ?? '–'}</td>
                      <td>
                        {e.actor?.name ?? t('timeline.system')}
                        {e.actorRole ? ` (${label('actorRole', e.actorRole)})` : ''}
                      </td>
                      <td>
                        {e.fromState || e.toState ? `${label(e.permitCode ? 'permitState' : 'caseState', e.fromState)} → ${label(e.permitCode ? 'permitState' : 'caseState', e.toState)}` : ''}
                        {e.reason ? <span className="rl-block">{e.reason}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
    </section>
  );
}
