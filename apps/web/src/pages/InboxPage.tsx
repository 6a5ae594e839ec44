import { useId, useState } from 'react';
import type { Session } from '../api';
import { api, describeError } from '../api/client';
import type { InboxFilter, InboxSort, Task } from '../api/types';
import { PagedTable, RiskBadge, StatusMessage, useLabel } from '../components/common';
import { SearchField, SortField } from '../components/forms';
import { PageHeading } from '../components/PageHeading';
import { ReferralInbox } from '../referrals/ReferralInbox';
import { fmtDate } from '../format';
import { useListQuery, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';
import { DEMO_USERS } from '../users';

const PAGE_SIZE = 20;
const FILTERS: readonly (InboxFilter | 'all')[] = ['all', 'mine', 'unassigned', 'waitingOnCompany', 'overdue'];
const SORTS: readonly InboxSort[] = ['priority', 'received', 'due', 'reference'];
const DAY_MS = 86_400_000;

/**
 * Caseworker inbox (GET /tasks): filters (mine, unassigned, waiting on the company, overdue),
 * search, sorting and paging. The default order is the API's priority lane, with tasks waiting
 * on the company last. On narrow screens each task is a card (no sideways scrolling).
 */
export function InboxPage({ session, focusHeading }: { session: Session; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const id = useId();
  const { filter, search, sort, set, page, setPage, q } = useListQuery<{ filter: InboxFilter | 'all'; search: string; sort: InboxSort }>({ filter: 'all', search: '', sort: 'priority' });
  const load = useLoad(
    // The page carries the filter it was loaded for, so the caption never names a filter before its data is shown.
    (signal) =>
      api.tasks({ page, pageSize: PAGE_SIZE, ...(filter === 'all' ? {} : { filter }), ...(q ? { q } : {}), sort, direction: sort === 'received' ? 'desc' : 'asc' }, signal).then((p) => ({ ...p, filter })),
    [page, filter, q, sort],
  );
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const affiliation = DEMO_USERS.find((u) => u.username === session.username)?.affiliation;
  const permitName = (task: Task) => (lang === 'en' ? task.permitNameEn : task.permitNameDa);
  // Age in whole days since the application was received (the API's clock may be the test clock; the age is indicative).
  const ageDays = (task: Task) => Math.max(0, Math.floor((Date.now() - Date.parse(task.receivedAt)) / DAY_MS));

  const claim = async (task: Task) => {
    setPending(task.id);
    setMessage(null);
    try {
      await api.claimTask(task.id);
      await load.reload();
      setMessage({ kind: 'success', text: t('inbox.claimed', { ref: task.caseReference }) });
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
      <ul className="rl-filters" aria-label={t('inbox.filters')} data-testid="inbox-filters">
        {FILTERS.map((f) => (
          <li key={f}>
            <button
              type="button"
              className="button button-secondary"
              aria-pressed={filter === f}
              data-filter={f}
              onClick={() => set('filter')(f)}
            >
              {t(`inbox.filter.${f}`)}
            </button>
          </li>
        ))}
      </ul>
      <div className="rl-toolbar" role="search">
        <SearchField
          id={`${id}-q`}
          label={t('inbox.search')}
          hint={t('inbox.searchHint')}
          value={search}
          onChange={set('search')}
        />
        <SortField id={`${id}-sort`} value={sort} options={SORTS} labelOf={(s) => t(`inbox.sort.${s}`)} onChange={set('sort')} />
      </div>
      <PagedTable
        load={load}
        caption={(data) => t('inbox.captionPaged', { n: data.total, filter: t(`inbox.filter.${data.filter}`) })}
        captionVisible
        testId="inbox"
        stack
        empty={(data) => t(q || data.filter !== 'all' ? 'inbox.noMatch' : 'inbox.empty')}
        rowKey={(task) => task.id}
        rowProps={(task) => ({ 'data-case-reference': task.caseReference, 'data-waiting': task.waitingOnCompany ? 'true' : undefined })}
        columns={[
          {
            header: t('inbox.permit'),
            rowHeader: true,
            cell: (task) => (
              <a href={paths.permit(task.permitId)}>
                {permitName(task)}
                <span className="sr-only"> – {task.caseReference}</span>
              </a>
            ),
          },
          {
            header: t('inbox.case'),
            cell: (task) => (
              <>
                {task.caseReference}
                <span className="rl-block">{task.caseTitle}</span>
                <span className="rl-block form-hint">{task.organisationName}</span>
                {task.nationalStrategic ? <span className="badge badge-info">{t('inbox.strategic')}</span> : null}
              </>
            ),
          },
          { header: t('inbox.task'), cell: (task) => label('taskKind', task.kind) },
          {
            header: t('inbox.state'),
            cell: (task) => (
              <>
                {label('permitState', task.permitState)}
                {task.waitingOnCompany ? <span className="rl-block form-hint">{t('inbox.waitingOnCompany')}</span> : null}
              </>
            ),
          },
          { header: t('inbox.received'), cell: (task) => fmtDate(lang, task.receivedAt) },
          { header: t('inbox.age'), cell: (task) => t('inbox.ageDays', { n: ageDays(task) }) },
          { header: t('inbox.risk'), cell: (task) => <RiskBadge risk={task.risk} /> },
          {
            header: t('inbox.due'),
            cell: (task) => (
              <>
                {fmtDate(lang, task.dueOn)}
                {task.overdue ? <span className="badge badge-error rl-block">{t('inbox.overdue')}</span> : null}
              </>
            ),
          },
          {
            header: t('inbox.assigned'),
            cell: (task) => (task.assignedTo ? (task.assignedTo === session.userId ? t('inbox.assignedMe') : (task.assignedToName ?? t('inbox.assignedYes'))) : t('inbox.unassigned')),
          },
          {
            header: <span className="sr-only">{t('inbox.actions')}</span>,
            label: t('inbox.actions'),
            cell: (task) =>
              !task.assignedTo ? (
                <button type="button" className="button button-secondary" disabled={pending === task.id} onClick={() => claim(task)}>
                  {t('inbox.claim')}
                  <span className="sr-only">
                    {' '}
                    {permitName(task)} {task.caseReference}
                  </span>
                </button>
              ) : null,
          },
        ]}
        onPage={setPage}
        pagerLabel={t('inbox.paging')}
        pagerTestId="inbox-pager"
      />
      {session.role === 'caseworker' ? <ReferralInbox /> : null}
    </>
  );
}
