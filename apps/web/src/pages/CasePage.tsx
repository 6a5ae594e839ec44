import { useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { api, describeError, isVersionConflict } from '../api/client';
import { isFullPermit, type CasePermit, type CaseView, type DocumentView, type PermitView } from '../api/types';
import { ActingForNotice, useReadOnlyProxy } from '../components/ActingFor';
import { AnswerForm } from '../components/AnswerForm';
import { AuditTimeline } from '../components/AuditTimeline';
import { InfoBundleAnswer, useOpenBundles } from '../components/InfoBundleAnswer';
import { InfoBundlesPanel } from '../components/InfoBundlesPanel';
import { JointHearingsPanel } from '../components/JointHearingsPanel';
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
import { SubmitButton, TextAreaField } from '../components/forms';
import { paths } from '../router';
import { GanttDownloads } from '../transparency/GanttDownloads';
import { PublicationPanel } from '../transparency/PublicationPanel';
import { PossiblePermits } from './ScreeningResultView';

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
  // A 409: someone changed the case; reload it (what was typed stays) so the next try sends the new version.
  const failed = (err: unknown) => {
    if (isVersionConflict(err)) {
      void load.reload();
      setMessage({ kind: 'error', text: t('common.conflict') });
    } else setMessage({ kind: 'error', text: describeError(err, t) });
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
            <Guarded>
              <OpenQuestions c={c} role={session.role} onDone={after} onFail={failed} />
            </Guarded>
            <CaseActions c={c} onDone={after} onFail={failed} />
            {session.role === 'applicant' ? (
              <Guarded>
                <AwaitingApplicant c={c} onDone={after} refreshKey={refresh} />
              </Guarded>
            ) : null}
            <Guarded>
              <PermitsTable c={c} />
            </Guarded>
            {(session.role === 'caseworker' || session.role === 'coordinator') && (c.state === 'submitted' || c.state === 'inProgress') ? (
              <Guarded>
                <InfoBundlesPanel c={c} session={session} refreshKey={refresh} onChanged={() => void load.reload()} />
              </Guarded>
            ) : null}
            {(session.role === 'caseworker' || session.role === 'coordinator') && (c.state === 'submitted' || c.state === 'inProgress') ? (
              <Guarded>
                <JointHearingsPanel c={c} session={session} refreshKey={refresh} onChanged={() => void load.reload()} />
              </Guarded>
            ) : null}
            {c.state === 'submitted' || c.state === 'inProgress' ? (
              <Guarded>
                <CoordinatedPlanPanel caseId={c.id} session={session} refreshKey={refresh} onChanged={() => setRefresh((n) => n + 1)} />
              </Guarded>
            ) : null}
            {session.role === 'coordinator' ? (
              <Guarded>
                <PlanSection caseId={c.id} reference={c.reference} refreshKey={refresh} />
              </Guarded>
            ) : null}
            {session.role === 'applicant' ? (
              <Guarded>
                <ProjectedDates caseId={c.id} refreshKey={refresh} />
                {c.state !== 'draft' ? <GanttDownloads caseId={c.id} reference={c.reference} /> : null}
              </Guarded>
            ) : null}
            {session.role === 'applicant' || session.role === 'coordinator' ? (
              <Guarded>
                <PublicationPanel caseId={c.id} session={session} />
              </Guarded>
            ) : null}
            {c.state === 'submitted' || c.state === 'inProgress' || c.state === 'completed' ? (
              <Guarded>
                <GatewaysPanel caseId={c.id} refreshKey={refresh} />
              </Guarded>
            ) : null}
            <Guarded>
              <Documents caseId={c.id} organisationId={c.organisation?.id} refreshKey={refresh} session={session} onDone={after} onError={(text) => setMessage({ kind: 'error', text })} />
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

function CaseActions({ c, onDone, onFail }: { c: CaseView; onDone: (text: string) => Promise<void>; onFail: (err: unknown) => void }) {
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
      onFail(err);
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

/**
 * Open "don't know" answers (issue 13 item 15): the possible permits with the questions to settle;
 * the applicant settles them on the application page, a coordinator may accept them (audited).
 */
function OpenQuestions({ c, role, onDone, onFail }: { c: CaseView; role: Session['role']; onDone: (text: string) => Promise<void>; onFail: (err: unknown) => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const s = c.settlement;
  if (!s || s.possiblePermits.length === 0) return null;
  const mayAccept = role === 'coordinator' && c.state === 'draft' && !s.acceptedAt;
  const accept = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    try {
      await api.acceptUnknowns(c.id, c.version, reason.trim());
      await onDone(t('unknowns.accepted'));
    } catch (err) {
      onFail(err);
    } finally {
      setPending(false);
    }
  };
  return (
    <Section id="open-questions" title={t('facts.openHeading')} testId="case-open-questions">
      <PossiblePermits permits={s.possiblePermits} />
      <p>{s.acceptedAt ? t('unknowns.acceptedOn', { date: fmtDate(lang, s.acceptedAt) }) : t('unknowns.notSettled')}</p>
      {role === 'applicant' ? (
        <p>
          <a href={`${paths.application(c.id)}`}>{t('unknowns.settleLink')}</a>
        </p>
      ) : null}
      {mayAccept ? (
        <form onSubmit={accept} noValidate>
          <TextAreaField id="unknowns-reason" label={t('unknowns.reason')} name="reason" rows={3} value={reason} onChange={setReason} />
          <SubmitButton pending={pending} secondary>
            {t('unknowns.accept')}
          </SubmitButton>
        </form>
      ) : null}
    </Section>
  );
}

function openRequest(p: PermitView) {
  return [...p.infoRequests].reverse().find((r) => !r.answeredAt) ?? null;
}

function AwaitingApplicant({ c, onDone, refreshKey }: { c: CaseView; onDone: (text: string) => Promise<void>; refreshKey: number }) {
  const { t, lang } = useI18n();
  // Issue 17: a permit in a bundled request is answered there, once for all the permits that asked.
  const bundles = useOpenBundles(c.id, refreshKey);
  const full = c.permits.filter(isFullPermit);
  const waiting = full.filter((p) => p.allowedEvents.includes('applicant.infoProvided') && openRequest(p) && !bundles.covered.has(p.id));
  return (
    <Section id="awaiting" title={t('awaiting.title')} testId="awaiting-applicant">
      {bundles.open
        .filter((b) => b.permits.some((bp) => full.find((p) => p.id === bp.permitId)?.allowedEvents.includes('applicant.infoProvided')))
        .map((b) => (
        <InfoBundleAnswer key={b.id} bundle={b} onDone={(text) => void onDone(text)} />
      ))}
      {waiting.length === 0 && bundles.open.length === 0 ? (
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

export function ClockCell({ p }: { p: CasePermit }) {
  const { t, lang } = useI18n();
  // Another authority's permit is a summary without clocks (issue 14: this blanked the page).
  if (!isFullPermit(p)) return <>–</>;
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
                {isFullPermit(p) && p.awaiting ? <span className="rl-block form-hint">{t(`awaiting.${p.awaiting}`)}</span> : null}
              </>
            ),
          },
          {
            header: t('permits.dueOn'),
            cell: (p) =>
              isFullPermit(p) ? (
                <>
                  {fmtDate(lang, p.clocks.dueOn)}
                  {p.clocks.target?.dueOnIsProjected ? <span className="rl-block form-hint">{t('clock.projected')}</span> : null}
                </>
              ) : (
                '–'
              ),
          },
          { header: t('permits.statutoryDueOn'), cell: (p) => (isFullPermit(p) ? fmtDate(lang, p.clocks.statutoryDueOn) : '–') },
          { header: t('permits.clock'), cell: (p) => <ClockCell p={p} /> },
          { header: t('permits.risk'), cell: (p) => (isFullPermit(p) ? <RiskBadge risk={p.risk} /> : '–') },
        ]}
      />
    </Section>
  );
}

function PlanSection({ caseId, reference, refreshKey }: { caseId: string; reference: string; refreshKey: number }) {
  const { t } = useI18n();
  // The Gantt shows the critical-path projection with the agreed plan's baseline and current dates.
  const load = useLoad(async (signal) => ({ plan: await api.plan(caseId, signal), agreed: await api.coordinatedPlan(caseId, signal) }), [caseId, refreshKey]);
  return (
    <Section id="plan" title={t('plan.title')} testId="plan-section">
      <GanttDownloads caseId={caseId} reference={reference} />
      <Loadable load={load}>{({ plan, agreed }) => <Gantt plan={plan} agreed={agreed} />}</Loadable>
    </Section>
  );
}

/**
 * The case's documents (issue 14 point 3): each current version with a download, its earlier
 * versions (each downloadable: a superseded version stays readable), and — for the company —
 * a form to upload a new version that supersedes the current one (If-Match on its version).
 */
function Documents({
  caseId,
  organisationId,
  refreshKey,
  session,
  onDone,
  onError,
}: {
  caseId: string;
  organisationId: string | undefined;
  refreshKey: number;
  session: Session;
  onDone: (text: string) => Promise<void>;
  onError: (text: string) => void;
}) {
  const { t, lang } = useI18n();
  // Company side only, and not through a `read` fuldmagt (which may look but not upload).
  const readOnly = useReadOnlyProxy(organisationId, caseId, session.role === 'applicant');
  const mayUpload = session.role === 'applicant' && !readOnly;
  const load = useLoad((signal) => api.listDocuments(caseId, signal), [caseId, refreshKey]);
  const download = (d: DocumentView) => void api.downloadDocument(d.id, d.filename).catch((e: unknown) => onError(describeError(e, t)));
  const size = (d: DocumentView) => (d.size !== undefined ? ` (${fmtNumber(lang, Math.ceil(d.size / 1024))} kB)` : '');
  return (
    <Section id="docs" title={t('docs.title')}>
      <Loadable load={load}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('docs.empty')}</p>
          ) : (
            <ul data-testid="documents" className="rl-doc-list">
              {page.items.map((d) => (
                <li key={d.id} data-document={d.id} className="mb-5">
                  <strong>{d.filename}</strong>
                  {size(d)}
                  {d.description ? ` – ${d.description}` : ''} <span className="form-hint">SHA-256 {d.sha256.slice(0, 12)}…</span>
                  <span className="rl-block">
                    {t('docs.version', { n: d.version ?? 1 })}
                    {d.createdAt ? `, ${fmtDate(lang, d.createdAt)}` : ''}{' '}
                    <button type="button" className="button button-tertiary" data-testid={`doc-download-${d.id}`} onClick={() => download(d)}>
                      {t('docs.download', { file: d.filename, n: d.version ?? 1 })}
                    </button>
                  </span>
                  {d.history && d.history.length > 0 ? (
                    <ul className="rl-doc-history" aria-label={t('docs.history', { name: d.filename })} data-testid={`doc-history-${d.id}`}>
                      {d.history.map((h) => (
                        <li key={h.id}>
                          {t('docs.olderVersion', { n: h.version ?? 1 })}: {h.filename}
                          {size(h)} <span className="form-hint">SHA-256 {h.sha256.slice(0, 12)}…</span>{' '}
                          <button type="button" className="button button-tertiary" data-testid={`doc-download-${h.id}`} onClick={() => download(h)}>
                            {t('docs.download', { file: h.filename, n: h.version ?? 1 })}
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {mayUpload ? <NewVersionForm caseId={caseId} doc={d} onDone={onDone} onError={onError} /> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
    </Section>
  );
}

/** Upload a new version of one document (company side; the API refuses a fuldmagt with only `read`). */
function NewVersionForm({ caseId, doc, onDone, onError }: { caseId: string; doc: DocumentView; onDone: (text: string) => Promise<void>; onError: (text: string) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [pending, setPending] = useState(false);
  const inputId = `new-version-${doc.id}`;
  const submit = async () => {
    if (!file) return;
    setPending(true);
    try {
      const next = await api.supersedeDocument(caseId, doc.id, doc.version ?? 1, file);
      setFile(undefined);
      await onDone(t('docs.versionUploaded', { file: next.filename, n: next.version ?? 1 }));
    } catch (err) {
      onError(describeError(err, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <details className="details mt-3">
      <summary className="details-summary">{t('docs.newVersion', { name: doc.filename })}</summary>
      <div className="details-text">
        <div className="form-group">
          <label className="form-label" htmlFor={inputId}>
            {t('docs.chooseNewVersion', { name: doc.filename, n: (doc.version ?? 1) + 1 })}
          </label>
          <span className="form-hint" id={`${inputId}-hint`}>
            {t('docs.newVersionHint')}
          </span>
          <input type="file" className="form-file-input" id={inputId} aria-describedby={`${inputId}-hint`} onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
        <button type="button" className="button button-secondary" data-testid={`doc-supersede-${doc.id}`} disabled={!file || pending} onClick={() => void submit()}>
          {t('docs.uploadNewVersion')}
        </button>
      </div>
    </details>
  );
}
