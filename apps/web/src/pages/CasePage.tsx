import { useState } from 'react';
import type { Session } from '../api';
import { api, ApiError, describeError } from '../api/client';
import type { CaseView, PermitView } from '../api/types';
import { ActingForNotice } from '../components/ActingFor';
import { AnswerForm } from '../components/AnswerForm';
import { AuditTimeline } from '../components/AuditTimeline';
import { DataTable, Section } from '../components/DataTable';
import { Guarded } from '../components/ErrorBoundary';
import { CoordinatedPlanPanel } from '../components/CoordinatedPlanPanel';
import { Gantt } from '../components/Gantt';
import { GatewaysPanel } from '../referrals/GatewaysPanel';
import { ProjectedDates } from '../components/ProjectedDates';
import { BackLink, Loadable, RiskBadge, StateTag, StatusMessage, useLabel } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { fmtDate, fmtNumber, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { paths } from '../router';

type Message = { kind: 'success' | 'error'; text: string } | null;

/** Case overview: permits with status and clocks, what is awaited from the applicant, plan, audit. */
export function CasePage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  const load = useLoad((signal) => api.getCase(id, signal), [id]);
  const [message, setMessage] = useState<Message>(null);
  const [refresh, setRefresh] = useState(0);

  const after = async (text: string) => {
    setRefresh((n) => n + 1);
    await load.reload();
    setMessage({ kind: 'success', text });
  };

  return (
    <>
      <BackLink session={session} />
      <Loadable load={load}>
        {(c) => (
          <>
            <PageHeading focus={focusHeading}>{c.title}</PageHeading>
            <StatusMessage message={message} />
            {session.role === 'applicant' ? <ActingForNotice organisationId={c.organisation?.id} caseId={c.id} /> : null}
            <Guarded>
              <CaseSummaryBlock c={c} />
            </Guarded>
            <p className="mt-5">
              <a className="button button-secondary" href={paths.application(c.id)} data-testid="application-link">
                {session.role === 'applicant' ? t('application.open') : t('application.openView')}
              </a>
            </p>
            <CaseActions c={c} onDone={after} onError={(text) => setMessage({ kind: 'error', text })} />
            {session.role === 'applicant' ? (
              <Guarded>
                <AwaitingApplicant c={c} onDone={after} />
              </Guarded>
            ) : null}
            <Guarded>
              <PermitsTable c={c} />
            </Guarded>
            {c.state === 'submitted' || c.state === 'inProgress' ? (
              <Guarded>
                <CoordinatedPlanPanel caseId={c.id} session={session} refreshKey={refresh} onChanged={() => setRefresh((n) => n + 1)} />
              </Guarded>
            ) : null}
            {session.role === 'coordinator' ? (
              <Guarded>
                <PlanSection caseId={c.id} refreshKey={refresh} />
              </Guarded>
            ) : null}
            {session.role === 'applicant' ? (
              <Guarded>
                <ProjectedDates caseId={c.id} refreshKey={refresh} />
              </Guarded>
            ) : null}
            {c.state === 'submitted' || c.state === 'inProgress' || c.state === 'completed' ? (
              <Guarded>
                <GatewaysPanel caseId={c.id} refreshKey={refresh} />
              </Guarded>
            ) : null}
            <Guarded>
              <Documents caseId={c.id} refreshKey={refresh} />
            </Guarded>
            <Guarded>
              <AuditTimeline caseId={c.id} refreshKey={refresh} />
            </Guarded>
          </>
        )}
      </Loadable>
    </>
  );
}

function CaseSummaryBlock({ c }: { c: CaseView }) {
  const { t, lang } = useI18n();
  const p = c.projection;
  return (
    <dl className="rl-summary rl-summary--wide" data-testid="case-summary">
      <dt>{t('case.reference')}</dt>
      <dd>{c.reference}</dd>
      <dt>{t('case.state')}</dt>
      <dd>
        <StateTag kind="caseState" state={c.state} />
      </dd>
      {c.organisation ? (
        <>
          <dt>{t('case.organisation')}</dt>
          <dd>
            {c.organisation.name} (CVR {c.organisation.cvr})
          </dd>
        </>
      ) : null}
      <dt>{t('case.ceiling')}</dt>
      <dd>
        {c.ceilingMonths === null ? (
          // Issue 13 item 16: outside L 206 there is no ceiling; say so and why.
          <span data-testid="no-l206-ceiling">
            {t('case.noL206Ceiling')}
            {c.ceiling?.reason ? ` ${lang === 'en' ? c.ceiling.reason.en : c.ceiling.reason.da}` : ''}
          </span>
        ) : (
          <>
            {t('screening.ceilingMonths', { n: c.ceilingMonths })}
            {c.ceilingDueOn ? ` – ${t('case.ceilingDue', { date: fmtDate(lang, c.ceilingDueOn) })}` : ''}
          </>
        )}
      </dd>
      {c.constructionStart ? (
        <>
          <dt>{t('case.constructionStart')}</dt>
          <dd data-testid="construction-start">
            {c.constructionStart.allowed
              ? t('case.constructionStartAllowed')
              : c.constructionStart.waitingFor.map((w) => `${w.code}: ${lang === 'en' ? w.why.en : w.why.da} (${w.source})`).join(' · ')}
          </dd>
        </>
      ) : null}
      <dt>{t('case.projected')}</dt>
      <dd>
        {fmtDate(lang, p?.projectedCompletion)}
        {p && p.withinCeiling !== null ? ` – ${p.withinCeiling ? t('case.withinCeiling', { days: p.marginDays ?? 0 }) : t('case.beyondCeiling', { days: Math.abs(p.marginDays ?? 0) })}` : ''}
      </dd>
      <dt>{t('case.risk')}</dt>
      <dd data-testid="case-risk" data-risk={c.risk}>
        <RiskBadge risk={c.risk} />
        {p?.ceilingRisk && p.ceilingRisk !== 'onTrack' ? <span className="rl-block form-hint">{t(p.ceilingRisk === 'breached' ? 'coord.ceiling.breached' : 'coord.ceiling.atRisk')}</span> : null}
      </dd>
    </dl>
  );
}

function CaseActions({ c, onDone, onError }: { c: CaseView; onDone: (text: string) => Promise<void>; onError: (text: string) => void }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  if (!c.allowedEvents.includes('case.submitted') && !c.allowedEvents.includes('case.withdrawn')) return null;
  const send = async (type: 'case.submitted' | 'case.withdrawn') => {
    if (type === 'case.withdrawn' && !window.confirm(t('case.confirmWithdraw'))) return;
    setPending(true);
    try {
      await api.caseEvent(c.id, c.version, { type });
      await onDone(t(type === 'case.submitted' ? 'case.submitted' : 'case.withdrawn'));
    } catch (err) {
      onError(err instanceof ApiError && err.status === 409 ? t('common.conflict') : describeError(err, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="button-row mt-5">
      {c.allowedEvents.includes('case.submitted') ? (
        <button type="button" className="button button-primary" disabled={pending} onClick={() => send('case.submitted')}>
          {t('case.submit')}
        </button>
      ) : null}
      {c.allowedEvents.includes('case.withdrawn') ? (
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => send('case.withdrawn')}>
          {t('case.withdraw')}
        </button>
      ) : null}
    </div>
  );
}

function openRequest(p: PermitView) {
  return [...p.infoRequests].reverse().find((r) => !r.answeredAt) ?? null;
}

function AwaitingApplicant({ c, onDone }: { c: CaseView; onDone: (text: string) => Promise<void> }) {
  const { t, lang } = useI18n();
  const waiting = c.permits.filter((p) => !p.restricted && p.allowedEvents.includes('applicant.infoProvided') && openRequest(p));
  return (
    <Section id="awaiting" title={t('awaiting.title')} testId="awaiting-applicant">
      {waiting.length === 0 ? (
        <p>{t('awaiting.none')}</p>
      ) : (
        waiting.map((p) => {
          const r = openRequest(p)!;
          return (
            <div key={p.id} className="card rl-card mb-5">
              <div className="card-content">
                <h3 className="h4 mt-0">
                  {nameOf(lang, p)} – {nameOf(lang, p.authority)}
                </h3>
                <p>
                  <strong>{t('awaiting.question', { round: r.round })}:</strong> <span data-testid="info-question">{r.question}</span>
                </p>
                <p>
                  {t('awaiting.requestedAt', { date: fmtDate(lang, r.requestedAt) })}
                  {r.dueOn ? ` · ${t('awaiting.dueOn', { date: fmtDate(lang, r.dueOn) })}` : ''} · {t('awaiting.clockStopped')}
                </p>
                <AnswerForm permit={p} onDone={(text) => void onDone(text)} />
              </div>
            </div>
          );
        })
      )}
    </Section>
  );
}

export function ClockCell({ p }: { p: PermitView }) {
  const { t, lang } = useI18n();
  // Another authority's permit is a summary without clocks (issue 14: this blanked the page).
  if (!p.clocks) return <>–</>;
  const c = p.clocks.target;
  if (!c) return <>{t('clock.notStarted')}</>;
  const stopped = !c.running && c.pausedBy.includes('awaitingApplicant');
  const state = p.clocks.decidedAt ? t('clock.decided', { date: fmtDate(lang, p.clocks.decidedAt) }) : stopped ? t('clock.stoppedApplicant') : c.running ? t('clock.running') : t(`clock.status.${c.status}` as 'clock.status.stopped');
  return (
    <>
      <span className="rl-block">{t('clock.used', { pct: fmtNumber(lang, c.percentUsed) })}</span>
      <span className="rl-meter" aria-hidden="true">
        <span style={{ width: `${Math.min(Math.max(c.percentUsed, 0), 100)}%` }} className={c.percentUsed >= 100 ? 'rl-meter-over' : c.percentUsed >= 80 ? 'rl-meter-warn' : undefined} />
      </span>
      <span className="rl-block form-hint">{state}</span>
    </>
  );
}

function PermitsTable({ c }: { c: CaseView }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <Section id="permits" title={t('permits.title')}>
      <DataTable
        caption={t('permits.caption', { reference: c.reference })}
        testId="permits-table"
        rows={c.permits}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ 'data-permit-code': p.code })}
        columns={[
          // Another authority's permit: its name only (its page answers 404 for this caseworker).
          { header: t('permits.permit'), rowHeader: true, cell: (p) => (p.restricted ? nameOf(lang, p) : <a href={paths.permit(p.id)}>{nameOf(lang, p)}</a>) },
          { header: t('permits.authority'), cell: (p) => nameOf(lang, p.authority) },
          {
            header: t('permits.status'),
            cell: (p) => (
              <>
                <StateTag state={p.state} />
                {p.outcome ? <span className="rl-block">{label('outcome', p.outcome)}</span> : null}
                {p.awaiting ? <span className="rl-block form-hint">{t(`awaiting.${p.awaiting}`)}</span> : null}
              </>
            ),
          },
          {
            header: t('permits.dueOn'),
            cell: (p) =>
              p.clocks ? (
                <>
                  {fmtDate(lang, p.clocks.dueOn)}
                  {p.clocks.target?.dueOnIsProjected ? <span className="rl-block form-hint">{t('clock.projected')}</span> : null}
                </>
              ) : (
                '–'
              ),
          },
          { header: t('permits.statutoryDueOn'), cell: (p) => (p.clocks ? fmtDate(lang, p.clocks.statutoryDueOn) : '–') },
          { header: t('permits.clock'), cell: (p) => <ClockCell p={p} /> },
          { header: t('permits.risk'), cell: (p) => (p.restricted ? '–' : <RiskBadge risk={p.risk} />) },
        ]}
      />
    </Section>
  );
}

function PlanSection({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const { t } = useI18n();
  // The Gantt shows the critical-path projection with the agreed plan's baseline and current dates.
  const load = useLoad(async (signal) => ({ plan: await api.plan(caseId, signal), agreed: await api.coordinatedPlan(caseId, signal) }), [caseId, refreshKey]);
  return (
    <Section id="plan" title={t('plan.title')} testId="plan-section">
      <Loadable load={load}>{({ plan, agreed }) => <Gantt plan={plan} agreed={agreed} />}</Loadable>
    </Section>
  );
}

function Documents({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => api.listDocuments(caseId, signal), [caseId, refreshKey]);
  return (
    <Section id="docs" title={t('docs.title')}>
      <Loadable load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('docs.empty')}</p>
          ) : (
            <ul data-testid="documents">
              {page.items.map((d) => (
                <li key={d.id}>
                  {d.filename}
                  {d.size !== undefined ? ` (${fmtNumber(lang, Math.ceil(d.size / 1024))} kB)` : ''}
                  {d.description ? ` – ${d.description}` : ''} <span className="form-hint">SHA-256 {d.sha256.slice(0, 12)}…</span>
                  {d.version && d.version > 1 ? <span className="rl-block">{t('docs.version', { n: d.version })}</span> : null}
                  {d.history && d.history.length > 0 ? (
                    <ul className="rl-doc-history" aria-label={t('docs.history', { name: d.filename })}>
                      {d.history.map((h) => (
                        <li key={h.id}>
                          {t('docs.olderVersion', { n: h.version ?? 1 })}: {h.filename} <span className="form-hint">SHA-256 {h.sha256.slice(0, 12)}…</span>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
    </Section>
  );
}
