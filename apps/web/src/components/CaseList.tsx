import { useId, useState } from 'react';
import { api } from '../api/client';
import type { CaseSort, CaseState, CaseSummary } from '../api/types';
import { useDebounced, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable, useCaseColumns } from './common';
import { DataTable } from './DataTable';
import { Pager } from './Pager';

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
  const [search, setSearch] = useState('');
  const [state, setState] = useState<CaseState | 'all'>('all');
  const [sort, setSort] = useState<CaseSort>('created');
  const [page, setPage] = useState(1);
  const q = useDebounced(search.trim(), 300);
  const load = useLoad((signal) => api.listCases({ page, pageSize, ...(q ? { q } : {}), ...(state === 'all' ? {} : { state }), sort }, signal), [page, q, state, sort, pageSize]);
  const reset = () => setPage(1);
  return (
    <>
      <div className="rl-toolbar" role="search">
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-q`}>
            {t('caseList.search')}
          </label>
          <span className="form-hint" id={`${id}-q-hint`}>
            {t('caseList.searchHint')}
          </span>
          <input
            className="form-input"
            type="search"
            id={`${id}-q`}
            data-testid="case-search"
            aria-describedby={`${id}-q-hint`}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              reset();
            }}
          />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-state`}>
            {t('caseList.state')}
          </label>
          <select
            className="form-select"
            id={`${id}-state`}
            value={state}
            onChange={(e) => {
              setState(e.target.value as CaseState | 'all');
              reset();
            }}
          >
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'all' ? t('caseList.allStates') : t(`caseState.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-sort`}>
            {t('list.sort')}
          </label>
          <select
            className="form-select"
            id={`${id}-sort`}
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as CaseSort);
              reset();
            }}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`caseList.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loadable load={load}>
        {(data) => (
          <>
            <DataTable<CaseSummary>
              caption={`${caption} (${data.total})`}
              testId={testId}
              stack
              empty={q || state !== 'all' ? t('caseList.noMatch') : empty}
              // A consultant serving several companies narrows the list to the company they act for (issue 14 point 6).
              rows={organisationId ? data.items.filter((c) => c.organisation?.id === organisationId) : data.items}
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
            />
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} label={t('caseList.paging')} />
          </>
        )}
      </Loadable>
    </>
  );
}
