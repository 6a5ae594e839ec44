import { useEffect, useId } from 'react';
import { api } from '../api/client';
import type { CaseSort, CaseState, CaseSummary } from '../api/types';
import { useListQuery, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { PagedTable, useCaseColumns } from './common';
import { SearchField, SelectField, SortField } from './forms';

const STATES: readonly (CaseState | 'all')[] = ['all', 'draft', 'submitted', 'inProgress', 'completed', 'withdrawn'];
const SORTS: readonly CaseSort[] = ['created', 'reference', 'title', 'ceilingDue', 'state'];

/**
 * Issue 19: search across the cases the caller may see (reference, title, description, company,
 * CVR — the API scopes it by access), a state filter including non-active cases, sorting and
 * paging. `actionNeeded` shows a badge for cases with an open information request.
 */
export function CaseList({ caption, pageSize = 20, actionNeeded = false, showCompany = false, organisationId = '', empty, testId }: { caption: string; pageSize?: number; actionNeeded?: boolean; showCompany?: boolean; organisationId?: string; empty: string; testId?: string }) {
  const { t } = useI18n();
  const id = useId();
  const col = useCaseColumns();
  const { search, state, sort, set, page, setPage, q } = useListQuery<{ search: string; state: CaseState | 'all'; sort: CaseSort }>({ search: '', state: 'all', sort: 'created' });
  // Another company: its first page (the one the consultant was on may not exist for it).
  useEffect(() => setPage(1), [organisationId]);
  // The company filter is the server's: the page, its total and the pager all count that company's cases only.
  const load = useLoad((signal) => api.listCases({ page, pageSize, ...(q ? { q } : {}), ...(state === 'all' ? {} : { state }), ...(organisationId ? { organisationId } : {}), sort }, signal), [page, q, state, sort, pageSize, organisationId]);
  return (
    <>
      <div className="rl-toolbar" role="search">
        <SearchField
          id={`${id}-q`}
          label={t('caseList.search')}
          hint={t('caseList.searchHint')}
          testId="case-search"
          value={search}
          onChange={set('search')}
        />
        <SelectField
          id={`${id}-state`}
          label={t('caseList.state')}
          value={state}
          options={STATES}
          labelOf={(s) => (s === 'all' ? t('caseList.allStates') : t(`caseState.${s}`))}
          onChange={set('state')}
        />
        <SortField id={`${id}-sort`} value={sort} options={SORTS} labelOf={(s) => t(`caseList.sort.${s}`)} onChange={set('sort')} />
      </div>
      <PagedTable
        // A consultant serving several companies narrows the list to the company they act for (issue 14 point 6).
        load={load}
        caption={(data) => `${caption} (${data.total})`}
        testId={testId}
        stack
        empty={() => (q || state !== 'all' ? t('caseList.noMatch') : empty)}
        rowKey={(c) => c.id}
        rowProps={(c) => ({ 'data-case-reference': c.reference })}
        columns={[
          col.reference,
          {
            ...col.title,
            cell: (c) => (
              <>
                {col.title.cell(c)}
                {actionNeeded && (c.openInfoRequests ?? 0) > 0 ? (
                  <span className="badge badge-warning rl-block" data-testid="action-needed">
                    {t('caseList.actionNeeded', { n: c.openInfoRequests ?? 0 })}
                  </span>
                ) : null}
              </>
            ),
          },
          ...(showCompany ? [{ header: t('caseList.company'), cell: (c: CaseSummary) => c.organisation?.name ?? '–' }] : []),
          col.state,
          { header: t('cases.permits'), cell: (c) => c.permitCount ?? '–' },
          col.ceilingDue,
          col.risk,
        ]}
        onPage={setPage}
        pagerLabel={t('caseList.paging')}
      />
    </>
  );
}
