import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Session } from '../api';
import { api, ApiError, describeError, isVersionConflict } from '../api/client';
import type { PermitEvent, PermitView } from '../api/types';
import { AnswerForm } from '../components/AnswerForm';
import { describedBy, FormField, SubmitButton, TextAreaField } from '../components/forms';
import { BackLink, Loadable, ReasonList, RiskBadge, StateTag, StatusMessage, useLabel } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { PermitApplication } from '../components/PermitApplication';
import { fmtDate, fmtDateTime, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { HearingFlag, MoreAction, NextStep, nextStepOf, TakeOverPrompt, TaskAssignee } from '../components/TaskAssignee';
import { CoordinatorTaskTools } from '../transparency/CoordinatorTaskTools';
import { paths } from '../router';
import { ClockCell } from './CasePage';
import { Section, TableSection } from '../components/DataTable';
import { DecisionEditor, DecisionSummary, DraftAnswerPanel } from '../components/DecisionPanel';
import { HearingCommentsPanel } from '../components/HearingCommentsPanel';
import { ReferralsPanel } from '../referrals/ReferralsPanel';
import { AuthorityChangePanel } from '../referrals/AuthorityChangePanel';

type Message = { kind: 'success' | 'error'; text: string } | null;
type Send = (event: PermitEvent, opts?: { takeOver?: boolean }) => Promise<boolean>;

/** One permit: status, clocks, reasons, info requests, and ONLY the actions in allowedEvents. */
export function PermitPage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  const load = useLoad((signal) => api.getPermit(id, signal), [id]);
  const [message, setMessage] = useState<Message>(null);
  // Issue 19: acting on a colleague's task needs an explicit take-over; the event waits here.
  const [takeOver, setTakeOver] = useState<{ event: PermitEvent; name: string } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const label = useLabel();
  const authority = session.role === 'caseworker' || session.role === 'coordinator';

  const send =
    (p: PermitView): Send =>
    async (event, opts = {}) => {
      setMessage(null);
      setTakeOver(null);
      try {
        const next = await api.permitEvent(p.id, p.version, event, opts);
        await load.reload();
        setRefreshKey((k) => k + 1);
        setMessage({ kind: 'success', text: successText(t, event.type, label('permitState', next.state)) });
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.problem?.code === 'TASK.ASSIGNED_TO_COLLEAGUE') {
          setTakeOver({ event, name: err.problem.assignedToName ?? '?' });
        } else if (isVersionConflict(err)) {
          setMessage({ kind: 'error', text: t('common.conflict') });
          await load.reload();
        } else setMessage({ kind: 'error', text: describeError(err, t) });
        return false;
      }
    };

  return (
    <>
      <BackLink session={session} />
      <Loadable load={load}>
        {(p) => (
          <>
            <PermitBody p={p} focusHeading={focusHeading} message={message} />
            {/* Issue 15 item 6: a decided permit shows its decision first, then the rest. */}
            <DecisionSummary p={p} />
            {authority ? <TaskAssignee permitId={p.id} refreshKey={refreshKey} /> : null}
            {session.role === 'coordinator' ? <CoordinatorTaskTools p={p} refreshKey={refreshKey} onChanged={() => setRefreshKey((k) => k + 1)} /> : null}
            <HearingFlag p={p} />
            {takeOver ? <TakeOverPrompt name={takeOver.name} onCancel={() => setTakeOver(null)} onConfirm={() => void send(p)(takeOver.event, { takeOver: true })} /> : null}
            {session.role === 'applicant' ? (
              <DraftAnswerPanel p={p} onAnswered={async (text) => {
                await load.reload();
                setMessage({ kind: 'success', text });
              }} />
            ) : null}
            <Actions p={p} send={send(p)} onAnswered={async (text) => {
              await load.reload();
              setMessage({ kind: 'success', text });
            }} onConflict={load.reload} />
            <PermitApplication permitId={p.id} refreshKey={p.version} />
            <HearingCommentsPanel p={p} canConsider={session.role === 'caseworker'} />
            {authority ? <ReferralsPanel p={p} canAct={session.role === 'caseworker'} onChanged={load.reload} /> : null}
            {authority ? <AuthorityChangePanel p={p} session={session} onChanged={load.reload} /> : null}
            <PermitDetails p={p} />
          </>
        )}
      </Loadable>
    </>
  );
}

/** A human success message per event (issue 19), with the new state; the generic text for others. */
function successText(t: ReturnType<typeof useI18n>['t'], type: PermitEvent['type'], state: string): string {
  const key = `success.${type}` as MessageKey;
  const text = t(key, { state });
  return text === key ? t('permit.eventDone', { event: type, state }) : text;
}

function PermitBody({ p, focusHeading, message }: { p: PermitView; focusHeading?: boolean; message: Message }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <>
      <PageHeading focus={focusHeading}>{nameOf(lang, p)}</PageHeading>
      <p className="font-lead">
        <a href={paths.case(p.caseId)}>{t('permit.caseLink', { reference: p.caseReference ?? p.caseId })}</a>
      </p>
      <StatusMessage message={message} />
      <dl className="rl-summary rl-summary--wide" data-testid="permit-summary">
        <dt>{t('permits.status')}</dt>
        <dd data-testid="permit-state">
          <StateTag state={p.state} />
          {p.outcome ? ` – ${label('outcome', p.outcome)}` : ''}
        </dd>
        <dt>{t('permits.authority')}</dt>
        <dd>{nameOf(lang, p.authority)}</dd>
        {p.legalBasis ? (
          <>
            <dt>{t('permit.legalBasis')}</dt>
            <dd>{p.legalBasis}</dd>
          </>
        ) : null}
        <dt>{t('permit.awaiting')}</dt>
        <dd>{p.awaiting ? t(`awaiting.${p.awaiting}`) : '–'}</dd>
        <dt>{t('permits.risk')}</dt>
        <dd>
          <RiskBadge risk={p.risk} />
        </dd>
        <dt>{t('permit.receivedAt')}</dt>
        <dd>{fmtDate(lang, p.clocks.receivedAt)}</dd>
        <dt>{t('permit.completeOn')}</dt>
        <dd>{fmtDate(lang, p.clocks.completeOn)}</dd>
        <dt>{t('permits.dueOn')}</dt>
        <dd>{fmtDate(lang, p.clocks.dueOn)}</dd>
        <dt>{t('permits.statutoryDueOn')}</dt>
        <dd>{fmtDate(lang, p.clocks.statutoryDueOn)}</dd>
        <dt>{t('permits.clock')}</dt>
        <dd>
          <ClockCell p={p} />
        </dd>
        {p.filing?.completenessDueOn && !p.clocks.completeOn ? (
          <>
            <dt>{t('application.completenessDue')}</dt>
            <dd data-testid="completeness-due">
              {fmtDate(lang, p.filing.completenessDueOn)}
              {p.clocks.completeness ? <RiskBadge risk={p.clocks.completeness.status} /> : null}
            </dd>
          </>
        ) : null}
        {p.filing?.expectedDecisionOn ? (
          // The receipt states the expected decision date (permits-research.md §2: the authority must state it).
          <>
            <dt>{t('application.expectedDecision')}</dt>
            <dd data-testid="expected-decision">{fmtDate(lang, p.filing.expectedDecisionOn)}</dd>
          </>
        ) : null}
        {p.clocks.appealDeadlineOn ? (
          <>
            <dt>{t('permit.appealDeadline')}</dt>
            <dd>{fmtDate(lang, p.clocks.appealDeadlineOn)}</dd>
          </>
        ) : null}
        {p.validity ? (
          // Issue 13 item 4: when the decision lapses (MVL §39) or expires (VFL §22), with its basis.
          <>
            <dt>{t(p.validity.kind === 'lapsesIfUnused' ? 'permit.lapsesOn' : 'permit.validUntil')}</dt>
            <dd data-testid="permit-validity">
              {p.validity.validUntil ? `${fmtDate(lang, p.validity.validUntil)} – ` : ''}
              {lang === 'en' ? p.validity.note.en : p.validity.note.da} ({p.validity.source})
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

function Actions({ p, send, onAnswered, onConflict }: { p: PermitView; send: Send; onAnswered: (text: string) => Promise<void>; onConflict: () => unknown }) {
  const { t, lang } = useI18n();
  // No withdrawal once decided (issue 15 item 6): the decision stands or is appealed.
  const decided = Boolean(p.decision) || p.state.startsWith('decided');
  const ev = decided ? p.allowedEvents.filter((e) => e !== 'application.withdrawn') : p.allowedEvents;
  const next = nextStepOf(ev);
  return (
    <Section id="actions" title={t('permit.actions')} testId="permit-actions">
      {ev.length === 0 ? <p>{t('permit.noActions')}</p> : <NextStep allowed={ev} />}
      {ev.includes('authority.completenessConfirmed') ? <SimpleAction label={t('action.completenessConfirmed')} hint={t('action.completenessHint')} onClick={() => send({ type: 'authority.completenessConfirmed' })} primary /> : null}
      {ev.includes('authority.infoRequested') ? <MoreAction show={next === 'authority.infoRequested'} title={t('action.infoRequested')}><InfoRequestForm send={send} /></MoreAction> : null}
      {ev.includes('applicant.infoProvided') ? (
        <ActionCard title={t('action.infoProvided')}>
          <AnswerForm permit={p} onDone={(text) => void onAnswered(text)} />
        </ActionCard>
      ) : null}
      {ev.includes('authority.hearingStarted') ? <MoreAction show={next === 'authority.hearingStarted'} title={t('action.hearingStarted')}><HearingForm send={send} /></MoreAction> : null}
      {ev.includes('authority.hearingEnded') ? <SimpleAction label={t('action.hearingEnded')} hint={p.hearing?.earliestEndAt ? t('action.hearingEarliestEnd', { date: fmtDate(lang, p.hearing.earliestEndAt) }) : undefined} onClick={() => send({ type: 'authority.hearingEnded' })} /> : null}
      {ev.includes('authority.decisionIssued') ? <DecisionEditor p={p} onIssued={onAnswered} onConflict={onConflict} /> : null}
      {ev.includes('application.withdrawn') ? (
        <SimpleAction
          label={t('action.withdrawn')}
          onClick={async () => (window.confirm(t('action.confirmWithdraw')) ? send({ type: 'application.withdrawn' }) : false)}
          warning
        />
      ) : null}
    </Section>
  );
}

function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="card rl-card mb-5">
      <div className="card-content">
        <h3 className="h4 mt-0">{title}</h3>
        {children}
      </div>
    </div>
  );
}

function SimpleAction({ label, hint, onClick, primary, warning }: { label: string; hint?: string; onClick: () => Promise<boolean>; primary?: boolean; warning?: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="mb-5">
      <button
        type="button"
        className={`button ${primary ? 'button-primary' : warning ? 'button-warning' : 'button-secondary'}`}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          await onClick();
          setPending(false);
        }}
      >
        {label}
      </button>
      {hint ? <p className="form-hint">{hint}</p> : null}
    </div>
  );
}

function useSubmit(send: Send, build: () => PermitEvent | string, reset: () => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const event = build();
    if (typeof event === 'string') {
      setError(event);
      return;
    }
    setError(null);
    setPending(true);
    const ok = await send(event);
    setPending(false);
    if (ok) reset();
  };
  return { pending, error, onSubmit };
}

function InfoRequestForm({ send }: { send: Send }) {
  const { t } = useI18n();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { pending, error, onSubmit } = useSubmit(
    send,
    () => (question.trim().length < 1 ? t('action.questionRequired') : { type: 'authority.infoRequested', question: question.trim(), ...(dueOn ? { dueOn } : {}) }),
    () => {
      setQuestion('');
      setDueOn('');
    },
  );
  return (
    <ActionCard title={t('action.infoRequested')}>
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField id={`${id}-q`} label={t('action.question')} error={error} rows={3} value={question} onChange={setQuestion} />
        <FormField id={`${id}-due`} label={t('action.answerDueOn')} hint={t('action.answerDueHint')}>
          <input className="form-input input-width-s" type="date" id={`${id}-due`} value={dueOn} onChange={(e) => setDueOn(e.target.value)} {...describedBy(`${id}-due`, { hint: true })} />
        </FormField>
        <SubmitButton pending={pending}>{t('action.sendInfoRequest')}</SubmitButton>
      </form>
    </ActionCard>
  );
}

function HearingForm({ send }: { send: Send }) {
  const { t } = useI18n();
  const id = useId();
  const [audience, setAudience] = useState('');
  const { pending, onSubmit } = useSubmit(
    send,
    () => ({ type: 'authority.hearingStarted', ...(audience.trim() ? { audience: audience.trim() } : {}) }),
    () => setAudience(''),
  );
  return (
    <ActionCard title={t('action.hearingStarted')}>
      <form onSubmit={onSubmit} noValidate>
        <FormField id={`${id}-aud`} label={t('action.audience')}>
          <input className="form-input" id={`${id}-aud`} value={audience} onChange={(e) => setAudience(e.target.value)} />
        </FormField>
        <SubmitButton pending={pending} secondary>
          {t('action.startHearing')}
        </SubmitButton>
      </form>
    </ActionCard>
  );
}

function PermitDetails({ p }: { p: PermitView }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  return (
    <>
      <Section id="why" title={t('permit.why')}>
        <ReasonList reasons={p.reasons} />
        {p.prerequisites.length > 0 ? (
          <>
            <h3>{t('screening.prerequisites')}</h3>
            <ul>
              {p.prerequisites.map((q) => (
                <li key={q.code}>
                  {t(`prereq.${q.requires}`, { name: q.code })} – {q.satisfied ? t('permit.prereqMet') : t('permit.prereqOpen')}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <TableSection
        id="info"
        title={t('permit.infoRequests')}
        compact
        zebra={false}
        testId="info-requests"
        empty={t('permit.noInfoRequests')}
        rows={p.infoRequests}
        rowKey={(r) => r.round}
        columns={[
          { header: t('permit.round'), rowHeader: true, cell: (r) => r.round },
          { header: t('action.question'), cell: (r) => r.question },
          { header: t('permit.requestedAt'), cell: (r) => fmtDateTime(lang, r.requestedAt) },
          { header: t('action.answerDueOn'), cell: (r) => fmtDate(lang, r.dueOn) },
          { header: t('permit.answeredAt'), cell: (r) => (r.answeredAt ? fmtDateTime(lang, r.answeredAt) : t('permit.unanswered')) },
        ]}
      />
      {p.hearing ? (
        <Section id="hearing" title={t('permit.hearing')}>
          <p>
            {t('permit.hearingStarted', { date: fmtDate(lang, p.hearing.startedAt) })}
            {p.hearing.earliestEndAt ? ` · ${t('action.hearingEarliestEnd', { date: fmtDate(lang, p.hearing.earliestEndAt) })}` : ''}
            {p.hearing.endedAt ? ` · ${t('permit.hearingEndedAt', { date: fmtDate(lang, p.hearing.endedAt) })}` : ''}
          </p>
        </Section>
      ) : null}
      {p.decision ? (
        <Section id="decision" title={t('permit.decision')} testId="decision">
          <p>
            <strong>{label('outcome', p.decision.outcome)}</strong> · {fmtDate(lang, p.decision.decidedAt)}
          </p>
          {p.decision.reason ? <p>{p.decision.reason}</p> : null}
          {p.decision.conditions?.length ? (
            <ul>
              {p.decision.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
