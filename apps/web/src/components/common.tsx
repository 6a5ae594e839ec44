import type { ReactNode } from 'react';
import type { Session } from '../api';
import { describeError } from '../api/client';
import type { Risk } from '../api/types';
import { fmtDate } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { Load } from '../hooks';
import { paths } from '../router';
import { Alert } from './Alert';
import { DataTable, Section, type Column, type DataTableProps } from './DataTable';
import { Pager } from './Pager';

const RISK_BADGE: Record<Risk, string> = { onTrack: 'badge-success', atRisk: 'badge-warning', breached: 'badge-error' };

export function RiskBadge({ risk }: { risk: Risk | string | null | undefined }) {
  const { t } = useI18n();
  if (!risk) return <>–</>;
  const known = risk in RISK_BADGE;
  return (
    <span className={`badge ${known ? RISK_BADGE[risk as Risk] : 'badge-info'}`} data-risk={risk}>
      {known ? t(`risk.${risk as Risk}`) : risk}
    </span>
  );
}

/** Translated label of a permit state ('submitted.infoRequested'), a case state or an event type. */
export function useLabel() {
  const { t } = useI18n();
  return (prefix: 'permitState' | 'caseState' | 'event' | 'taskKind' | 'outcome' | 'actorRole', value: string | null | undefined): string => {
    if (!value) return '–';
    const key = `${prefix}.${value}` as MessageKey;
    const text = t(key);
    return text === key ? value : text;
  };
}

export function StateTag({ state, kind = 'permitState' }: { state: string; kind?: 'permitState' | 'caseState' }) {
  const label = useLabel();
  return (
    <span className="rl-state" data-state={state}>
      {label(kind, state)}
    </span>
  );
}

/** Renders loading (polite live region) / error / content for a `useLoad` result. */
export function Loadable<T>({ load, children }: { load: Load<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <div aria-live="polite" className="rl-live">
        {load.status === 'loading' && load.data === undefined ? <p>{t('common.loading')}</p> : null}
      </div>
      {load.status === 'error' ? (
        <Alert variant="error" heading={t('common.loadFailed')}>
          <p>{describeError(load.error, t)}</p>
        </Alert>
      ) : null}
      {load.data !== undefined ? children(load.data) : null}
    </>
  );
}

type LoadedTableProps<R> = { load: Load<readonly R[] | { items: readonly R[] }> } & Omit<DataTableProps<R>, 'rows'>;

/** A DataTable of the rows a `useLoad` result holds (a list, or a page's `items`), shown by Loadable. */
export function LoadedTable<R>({ load, ...table }: LoadedTableProps<R>) {
  return <Loadable load={load}>{(data) => <DataTable {...table} rows={'items' in data ? data.items : data} />}</Loadable>;
}

/** A Section whose content is one LoadedTable, captioned with the section's title (as TableSection). */
export function LoadedTableSection<R>({ id, title, ...table }: { id: string; title: string } & Omit<LoadedTableProps<R>, 'caption'>) {
  return (
    <Section id={id} title={title}>
      <LoadedTable caption={title} {...table} />
    </Section>
  );
}

type Page<R> = { items: readonly R[]; page: number; pageSize: number; total: number };

/**
 * One page of a paged list (a `useLoad` result) as a DataTable with its Pager under it, shown by
 * Loadable. Caption and empty text get the page, so they can name its total or what it was loaded for.
 */
export function PagedTable<P extends Page<unknown>>({ load, caption, empty, onPage, pagerLabel, pagerTestId, ...table }: { load: Load<P>; caption: (page: P) => ReactNode; empty: (page: P) => ReactNode; onPage: (page: number) => void; pagerLabel: string; pagerTestId?: string } & Omit<DataTableProps<P['items'][number]>, 'rows' | 'caption' | 'empty'>) {
  return (
    <Loadable load={load}>
      {(data) => (
        <>
          <DataTable {...table} caption={caption(data)} empty={empty(data)} rows={data.items} />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={onPage} label={pagerLabel} testId={pagerTestId} />
        </>
      )}
    </Loadable>
  );
}

/** Polite status message region; render it always so screen readers pick up changes. */
export function StatusMessage({ message }: { message: { kind: 'success' | 'error'; text: string } | null }) {
  const { t } = useI18n();
  return (
    <div aria-live="polite" aria-atomic="true">
      {message ? (
        <Alert variant={message.kind} heading={message.kind === 'success' ? t('common.done') : t('common.actionFailed')}>
          <p>{message.text}</p>
        </Alert>
      ) : null}
    </div>
  );
}

/** Why a permit applies: each screening reason in the chosen language with its statute. */
export function ReasonList({ reasons }: { reasons: ReadonlyArray<{ ruleId: string; da: string; en: string; statute: string }> }) {
  const { lang } = useI18n();
  return (
    <ul>
      {reasons.map((r) => (
        <li key={r.ruleId}>
          {lang === 'en' ? r.en : r.da} <span className="form-hint">({r.statute})</span>
        </li>
      ))}
    </ul>
  );
}

/** "Back to …" link to the home page of the user's role (dashboard, inbox or own cases). */
export function BackLink({ session }: { session: Session }) {
  const { t } = useI18n();
  const text = session.role === 'coordinator' ? t('nav.backToDashboard') : session.role === 'caseworker' ? t('nav.backToInbox') : t('nav.backToCases');
  return (
    <p className="rl-back">
      <a href={paths.home()}>{text}</a>
    </p>
  );
}

type CaseRow = { id: string; reference: string; title: string; state: string; ceilingDueOn?: string | null; risk?: Risk | string | null };

/** The columns every list of cases shares (reference, title as the row header, state, ceiling, risk). */
export function useCaseColumns() {
  const { t, lang } = useI18n();
  return {
    reference: { header: t('cases.reference'), cell: (c) => c.reference },
    title: { header: t('cases.caseTitle'), rowHeader: true, cell: (c) => <a href={paths.case(c.id)}>{c.title}</a> },
    state: { header: t('cases.state'), cell: (c) => <StateTag kind="caseState" state={c.state} /> },
    ceilingDue: { header: t('cases.ceilingDue'), cell: (c) => fmtDate(lang, c.ceilingDueOn) },
    risk: { header: t('cases.risk'), cell: (c) => <RiskBadge risk={c.risk} /> },
  } satisfies Record<string, Column<CaseRow>>;
}
