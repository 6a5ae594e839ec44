import { useState } from 'react';
import type { Session } from '../api';
import { api, describeError } from '../api/client';
import { Loadable, RiskBadge, StatusMessage, useLabel } from '../components/common';
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
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('inbox.empty')}</p>
          ) : (
            <div className="table--responsive-scroll">
              <table className="table table--zebra" data-testid="inbox">
                <caption>{t('inbox.caption', { n: page.items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('inbox.case')}</th>
                    <th scope="col">{t('inbox.permit')}</th>
                    <th scope="col">{t('inbox.task')}</th>
                    <th scope="col">{t('inbox.state')}</th>
                    <th scope="col">{t('inbox.risk')}</th>
                    <th scope="col">{t('inbox.due')}</th>
                    <th scope="col">{t('inbox.assigned')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('inbox.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((task) => (
                    <tr key={task.id} data-case-reference={task.caseReference}>
                      <td>
                        {task.caseReference}
                        <span className="rl-block">{task.caseTitle}</span>
                        {task.nationalStrategic ? <span className="badge badge-info">{t('inbox.strategic')}</span> : null}
                      </td>
                      <th scope="row">
                        <a href={paths.permit(task.permitId)}>
                          {task.permitCode}
                          <span className="sr-only"> – {task.caseReference}</span>
                        </a>
                      </th>
                      <td>{label('taskKind', task.kind)}</td>
                      <td>{label('permitState', task.permitState)}</td>
                      <td>
                        <RiskBadge risk={task.risk} />
                      </td>
                      <td>{fmtDate(lang, task.dueOn)}</td>
                      <td>{task.assignedTo ? (task.assignedTo === session.userId ? t('inbox.assignedMe') : t('inbox.assignedYes')) : t('inbox.unassigned')}</td>
                      <td>
                        {!task.assignedTo ? (
                          <button type="button" className="button button-secondary" disabled={pending === task.id} onClick={() => claim(task.id, task.caseReference)}>
                            {t('inbox.claim')}
                            <span className="sr-only">
                              {' '}
                              {task.permitCode} {task.caseReference}
                            </span>
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loadable>
    </>
  );
}
