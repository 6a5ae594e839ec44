import { useState } from 'react';
import type { Session } from '../api';
import { api, describeError } from '../api/client';
import { Loadable, RiskBadge, StatusMessage, useLabel } from '../components/common';
import { DataTable } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';
import { DEMO_USERS } from '../users';

/** Caseworker inbox (GET /tasks): priority lane, then risk, then due date, as sorted by the API. */
export function InboxPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const load = useLoad((signal) => api.tasks(signal), []);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const affiliation = DEMO_USERS.find((u) => u.username === session.username)?.affiliation;

  const claim = async (id: string, ref: string) => {
    setPending(id);
    setMessage(null);
    try {
      await api.claimTask(id);
      await load.reload();
      setMessage({ kind: 'success', text: t('inbox.claimed', { ref }) });
    } catch (err) {
      setMessage({ kind: 'error', text: describeError(err, t) });
    } finally {
      setPending(null);
    }
  };

  return (
    <>
      <PageHeading focus={focusHeading}>{t('inbox.title')}</PageHeading>
      <p className="font-lead">
        {t('home.body.caseworker')}
        {affiliation ? ` (${affiliation})` : ''}
      </p>
      <StatusMessage message={message} />
      <Loadable load={load}>
        {(page) => (
          <DataTable
            caption={t('inbox.caption', { n: page.items.length })}
            captionVisible
            testId="inbox"
            empty={t('inbox.empty')}
            rows={page.items}
            rowKey={(task) => task.id}
            rowProps={(task) => ({ 'data-case-reference': task.caseReference })}
            columns={[
              {
                header: t('inbox.case'),
                cell: (task) => (
                  <>
                    {task.caseReference}
                    <span className="rl-block">{task.caseTitle}</span>
                    {task.nationalStrategic ? <span className="badge badge-info">{t('inbox.strategic')}</span> : null}
                  </>
                ),
              },
              {
                header: t('inbox.permit'),
                rowHeader: true,
                cell: (task) => (
                  <a href={paths.permit(task.permitId)}>
                    {task.permitCode}
                    <span className="sr-only"> – {task.caseReference}</span>
                  </a>
                ),
              },
              { header: t('inbox.task'), cell: (task) => label('taskKind', task.kind) },
              { header: t('inbox.state'), cell: (task) => label('permitState', task.permitState) },
              { header: t('inbox.risk'), cell: (task) => <RiskBadge risk={task.risk} /> },
              { header: t('inbox.due'), cell: (task) => fmtDate(lang, task.dueOn) },
              { header: t('inbox.assigned'), cell: (task) => (task.assignedTo ? (task.assignedTo === session.userId ? t('inbox.assignedMe') : t('inbox.assignedYes')) : t('inbox.unassigned')) },
              {
                header: <span className="sr-only">{t('inbox.actions')}</span>,
                cell: (task) =>
                  !task.assignedTo ? (
                    <button type="button" className="button button-secondary" disabled={pending === task.id} onClick={() => claim(task.id, task.caseReference)}>
                      {t('inbox.claim')}
                      <span className="sr-only">
                        {' '}
                        {task.permitCode} {task.caseReference}
                      </span>
                    </button>
                  ) : null,
              },
            ]}
          />
        )}
      </Loadable>
    </>
  );
}
