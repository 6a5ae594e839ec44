import { useId, useState } from 'react';
import { ApiError, describeError, isVersionConflict } from '../api/client';
import type { PermitView } from '../api/types';
import { decisionsApi, openPdf, type DecisionDoc, type DecisionInput, type Outcome } from '../decisions/decisions-api';
import { DECISION_TEXT, type DecisionText } from '../decisions/decision-text';
import { fmtDate, fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { ActionError, useAction } from './actions';
import { Alert } from './Alert';
import { Loadable, useLabel } from './common';
import { Section } from './DataTable';
import { ChoiceGroup, FormField, TextAreaField } from './forms';

/**
 * Issue 15 item 6: a decided permit shows its decision first — outcome, conditions, the letter
 * (PDF) — then the appeal period with its end date and what it means for starting work.
 */
export function DecisionSummary({ p }: { p: PermitView }) {
  const { lang } = useI18n();
  const label = useLabel();
  const x = DECISION_TEXT[lang];
  const load = useLoad(() => decisionsApi.list(p.id), [p.id, p.version]);
  const decided = p.state.startsWith('decided') || p.state === 'final';
  if (!decided && !p.decision) return null;
  return (
    <Section id="decision-letter" title={x.decisionTitle} testId="decision-panel">
      {p.decision ? (
        <p className="font-lead">
          <strong>{label('outcome', p.outcome ?? p.decision.outcome)}</strong> · {fmtDate(lang, p.decision.decidedAt)}
        </p>
      ) : null}
      {p.decision?.conditions?.length ? (
        <>
          <h3>{x.conditions}</h3>
          <ol data-testid="decision-conditions">
            {p.decision.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        </>
      ) : null}
      <AppealPeriod p={p} x={x} />
      <h3>{x.letters}</h3>
      <Loadable load={load}>{(docs) => (docs.length === 0 ? <p>{x.noLetters}</p> : <LetterList docs={docs} x={x} />)}</Loadable>
    </Section>
  );
}

function labelOutcome(x: DecisionText, o: string): string {
  return (x.outcomes as Record<string, string>)[o] ?? o;
}

function AppealPeriod({ p, x }: { p: PermitView; x: DecisionText }) {
  const { lang } = useI18n();
  const deadline = p.clocks.appealDeadlineOn;
  if (!deadline) return null;
  const running = p.state === 'decided.appealPeriod';
  const appealed = p.state === 'decided.appealed';
  return (
    <Alert variant={running || appealed ? 'info' : 'success'} heading={x.appealHeading(fmtDate(lang, deadline))}>
      <p data-testid="appeal-period">
        {appealed ? x.appealPending : running ? x.appealRunning(fmtDate(lang, deadline)) : x.appealOver}{' '}
        {p.outcome === 'refused' ? '' : p.clocks.usableFrom ? x.usableFrom(fmtDate(lang, p.clocks.usableFrom)) : x.notUsableYet}
      </p>
    </Alert>
  );
}

function LetterList({ docs, x }: { docs: DecisionDoc[]; x: DecisionText }) {
  const { lang } = useI18n();
  const { error, run } = useAction();
  return (
    <>
      <ActionError error={error} />
      <ul data-testid="decision-letters" className="nobullet-list">
        {docs.map((d) => (
          <li key={d.id} className="mb-4">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void run(async () => openPdf(await decisionsApi.pdf(d), d.filename))}
            >
              {x.openPdf(fmtDate(lang, d.issuedAt))}
            </button>{' '}
            {labelOutcome(x, d.outcome)} · {x.issuedAt(fmtDateTime(lang, d.issuedAt))}
            {d.supersededById ? ` · ${x.superseded}` : ''}
            {d.published ? ` · ${x.published}` : ''}
            <span className="form-hint">SHA-256 {d.sha256.slice(0, 16)}…</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The caseworker's decision: outcome, an editable list of numbered conditions, reasons and the
 * letter's language → preview (PDF, nothing stored) → a confirmation step → issue. The server
 * lists missing template sections (422 DECISION.TEMPLATE_INCOMPLETE); they are shown here.
 */
/** `onConflict`: reloads the permit after a 409 (what was written stays; the next try sends the new version). */
export function DecisionEditor({ p, onIssued, onConflict }: { p: PermitView; onIssued: (text: string) => Promise<void>; onConflict?: () => unknown }) {
  const { lang, t, x } = useTexts(DECISION_TEXT);
  const label = useLabel();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [conditions, setConditions] = useState<string[]>(['']);
  const [reasons, setReasons] = useState('');
  const [locale, setLocale] = useState<'da' | 'en'>(lang);
  const [confirming, setConfirming] = useState(false);
  const input = (): DecisionInput => ({ outcome, conditions: conditions.map((c) => c.trim()).filter(Boolean), reasons: reasons.trim(), locale });
  const { pending, error, run } = useAction({
    describe: (err) => {
      if (err instanceof ApiError && err.problem?.code === 'DECISION.TEMPLATE_INCOMPLETE') {
        const missing = ((err.problem as { missing?: string[] }).missing ?? []).map((m) => x.sections[m as keyof DecisionText['sections']] ?? m);
        return x.missing(missing.join(', '));
      }
      if (!(isVersionConflict(err))) return describeError(err, t);
      void onConflict?.();
      return t('common.conflict');
    },
  });
  const preview = () => run(async () => openPdf(await decisionsApi.preview(p.id, input()), 'preview.pdf'));
  const sendDraft = () =>
    run(async () => {
      await decisionsApi.sendDraft(p.id, p.version, input());
      await onIssued(x.draftSent);
    });
  const issue = () =>
    run(async () => {
      try {
        await decisionsApi.issue(p.id, p.version, input());
      } finally {
        setConfirming(false);
      }
      await onIssued(x.issued);
    });

  return (
    <div className="card rl-card mb-5" data-testid="decision-editor">
      <div className="card-content">
        <h3 className="h4 mt-0">{x.editorTitle}</h3>
        <DraftStatus permitId={p.id} version={p.version} />
        <form onSubmit={(e) => (e.preventDefault(), setConfirming(true))} noValidate>
          {error ? (
            <Alert variant="error" heading={x.cannotIssue} assertive>
              <p>{error}</p>
            </Alert>
          ) : null}
          <ChoiceGroup
            id={`${id}-o`}
            legend={x.outcome}
            name={`${id}-outcome`}
            type="radio"
            options={['granted', 'grantedWithConditions', 'refused'] as const}
            checked={(o) => outcome === o}
            onChange={(o) => setOutcome(o)}
            labelOf={(o) => label('outcome', o)}
          />
          {outcome === 'grantedWithConditions' ? (
            <fieldset className="mb-5">
              <legend className="form-label">{x.conditions}</legend>
              {conditions.map((c, i) => (
                <div className="form-group" key={i}>
                  <label className="form-label" htmlFor={`${id}-c${i}`}>
                    {x.condition(i + 1)}
                  </label>
                  <div className="rl-condition-row">
                    <textarea className="form-input" id={`${id}-c${i}`} rows={2} value={c} onChange={(e) => setConditions(conditions.map((v, j) => (j === i ? e.target.value : v)))} />
                    {conditions.length > 1 ? (
                      <button type="button" className="button button-tertiary" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
                        {x.removeCondition(i + 1)}
                      </button>
                    ) : null}
                  </div>
                </div>
              ))}
              <button type="button" className="button button-secondary" onClick={() => setConditions([...conditions, ''])}>
                {x.addCondition}
              </button>
            </fieldset>
          ) : null}
          <TextAreaField id={`${id}-r`} label={x.reasons} hint={x.reasonsHint} rows={4} value={reasons} onChange={setReasons} />
          <FormField id={`${id}-l`} label={x.language}>
            <select className="form-select" id={`${id}-l`} value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'da')}>
              <option value="da">Dansk</option>
              <option value="en">English</option>
            </select>
          </FormField>
          {confirming ? (
            <div className="alert alert-warning" role="alertdialog" aria-labelledby={`${id}-confirm`} aria-describedby={`${id}-confirm-text`}>
              <div className="alert-body">
                <p className="alert-heading" id={`${id}-confirm`}>
                  {x.confirmHeading}
                </p>
                <p className="alert-text" id={`${id}-confirm-text`}>
                  {x.confirmText}
                </p>
                <button type="button" className="button button-primary" disabled={pending} onClick={issue}>
                  {pending ? t('common.working') : x.confirmIssue}
                </button>{' '}
                <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
                  {x.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div>
              <button type="button" className="button button-secondary" disabled={pending} onClick={preview}>
                {x.preview}
              </button>{' '}
              <button type="button" className="button button-secondary" disabled={pending} onClick={sendDraft}>
                {x.sendDraft}
              </button>{' '}
              <button type="submit" className="button button-primary" disabled={pending}>
                {x.issue}
              </button>
            </div>
          )}
        </form>
      </div>
    </div>
  );
}

function DraftStatus({ permitId, version }: { permitId: string; version: number }) {
  const { lang, x } = useTexts(DECISION_TEXT);
  const load = useLoad(() => decisionsApi.draft(permitId), [permitId, version]);
  const d = load.status === 'ok' ? load.data : null;
  if (!d) return null;
  return (
    <p className="form-hint" data-testid="draft-status">
      {x.draftStatus(fmtDate(lang, d.respondBy), d.response)}
      {d.responseText ? ` “${d.responseText}”` : ''}
    </p>
  );
}

/** Partshøring (issue 15 item 2): the company reads the draft and accepts it or comments. */
export function DraftAnswerPanel({ p, onAnswered }: { p: PermitView; onAnswered: (text: string) => Promise<void> }) {
  const { lang, x } = useTexts(DECISION_TEXT);
  const id = useId();
  const load = useLoad(() => decisionsApi.draft(p.id), [p.id, p.version]);
  const [text, setText] = useState('');
  const { error, run } = useAction();
  const d = load.status === 'ok' ? load.data : null;
  if (!d || d.response !== null || p.decision) return null;
  const answer = (response: 'accepted' | 'commented') =>
    run(async () => {
      await decisionsApi.answerDraft(p.id, p.version, response, text.trim());
      await onAnswered(x.answered);
    });
  return (
    <Section id="draft" title={x.draftTitle} testId="draft-panel">
      <p>{x.draftIntro(fmtDate(lang, d.respondBy))}</p>
      <ActionError error={error} />
      <p>
        <button type="button" className="button button-secondary" onClick={async () => openPdf(await decisionsApi.draftPdf(p.id), 'udkast.pdf')}>
          {x.openDraft}
        </button>{' '}
        <button type="button" className="button button-primary" onClick={() => answer('accepted')}>
          {x.accept}
        </button>
      </p>
      <TextAreaField id={`${id}-c`} label={x.comment} rows={3} value={text} onChange={setText} />
      <button type="button" className="button button-secondary" disabled={text.trim().length === 0} onClick={() => answer('commented')}>
        {x.sendComment}
      </button>
    </Section>
  );
}
