import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { MUNICIPALITIES } from '@rl/permits-catalog';
import { byShownName } from '../format';
import { api, describeError, NetworkError, newIdempotencyKey } from '../api/client';
import type { CaseView, ScreeningResult } from '../api/types';
import { Alert } from '../components/Alert';
import { ChoiceGroup, describedBy, FormField, SubmitButton, TextAreaField } from '../components/forms';
import { PageHeading } from '../components/PageHeading';
import { useDebounced, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, paths } from '../router';
import { ANSWERS, UNKNOWN, FACT_FIELDS, FACT_GROUPS, initialFacts, isVisible, toFacts, type FactField, type FactValues } from './facts';
import { ScreeningResultView } from './ScreeningResultView';


type Step = 1 | 2 | 3;

/** "Ny sag": 1 project facts → 2 screening result → 3 title/description, create + submit. */
export function NewCasePage({ focusHeading }: { focusHeading?: boolean }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>(1);
  const [values, setValues] = useState<FactValues>(initialFacts);
  const [factsError, setFactsError] = useState<string | null>(null);
  const [openQuestions, setOpenQuestions] = useState<string[]>([]);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const facts = useMemo(() => toFacts(values), [values]);
  const ready = /^\d{3}$/.test(String(values.municipalityCode));

  const goTo = (next: Step) => {
    setStep(next);
    // Focus the step heading so keyboard and screen-reader users start at the new step.
    requestAnimationFrame(() => stepHeading.current?.focus());
  };

  const onFactsSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) {
      setFactsError(t('wizard.municipalityRequired'));
      document.getElementById('fact-municipalityCode')?.focus();
      return;
    }
    setFactsError(null);
    goTo(2);
  };

  return (
    <>
      <PageHeading focus={focusHeading}>{t('wizard.title')}</PageHeading>
      <nav aria-label={t('wizard.progress')}>
        <ol className="rl-steps">
          {([1, 2, 3] as const).map((n) => (
            <li key={n} aria-current={n === step ? 'step' : undefined} className={n === step ? 'rl-step rl-step--current' : n < step ? 'rl-step rl-step--done' : 'rl-step'}>
              <span className="rl-step-number">{n}</span> {t(`wizard.step${n}`)}
              {n < step ? <span className="sr-only"> ({t('wizard.stepDone')})</span> : null}
            </li>
          ))}
        </ol>
      </nav>

      <h2 ref={stepHeading} tabIndex={-1} className="rl-page-heading">
        {t('wizard.stepOf', { n: step, total: 3 })}: {t(`wizard.step${step}`)}
      </h2>

      {step === 1 ? (
        <form onSubmit={onFactsSubmit} noValidate>
          <p>{t('wizard.factsIntro')}</p>
          {factsError ? (
            <Alert variant="error" heading={t('wizard.fixErrors')} assertive>
              <p>{factsError}</p>
            </Alert>
          ) : null}
          {FACT_GROUPS.map((g) => (
            <fieldset key={g} className="rl-fieldset">
              <legend className="h3">{t(`group.${g}` as MessageKey)}</legend>
              {FACT_FIELDS.filter((f) => f.group === g && isVisible(f, values)).map((f) => (
                <FactInput key={f.name} field={f} values={values} setValues={setValues} error={f.name === 'municipalityCode' ? factsError : null} />
              ))}
            </fieldset>
          ))}
          <LivePreview facts={facts} enabled={ready} />
          <div className="button-row mt-6">
            <button type="submit" className="button button-primary">
              {t('wizard.toScreening')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 2 ? <ScreeningStep facts={facts} onBack={() => goTo(1)} onNext={(open) => { setOpenQuestions(open); goTo(3); }} /> : null}
      {step === 3 ? <CreateStep facts={facts} openQuestions={openQuestions} onBack={() => goTo(2)} /> : null}
    </>
  );
}

export function FactInput({ field: f, values, setValues, error }: { field: FactField; values: FactValues; setValues: (fn: (v: FactValues) => FactValues) => void; error: string | null }) {
  const { t, lang } = useI18n();
  const id = `fact-${f.name}`;
  const label = t(`fact.${f.name}` as MessageKey);
  const set = (value: FactValues[string]) => setValues((v) => ({ ...v, [f.name]: value }));
  const opt = (o: string) => t(`fact.${f.name}.${o}` as MessageKey);

  switch (f.kind) {
    case 'municipality':
      return (
        <FormField id={id} label={label} error={error}>
          <select className="form-select" id={id} name={f.name} value={String(values[f.name])} onChange={(e) => set(e.target.value)} {...describedBy(id, { error })} required>
            <option value="">{t('wizard.chooseMunicipality')}</option>
            {byShownName(lang, MUNICIPALITIES).map((m) => (
              <option key={m.code} value={m.code}>
                {lang === 'en' ? m.nameEn : m.nameDa} ({m.code})
              </option>
            ))}
          </select>
        </FormField>
      );
    case 'radio':
      return (
        <ChoiceGroup id={id} legend={label} name={f.name} type="radio" options={f.options} checked={(o) => values[f.name] === o} onChange={(o) => set(o)} labelOf={opt} />
      );
    case 'bool':
      // Yes / no / don't know (issue 13 item 15): "don't know" makes the permits the other answer
      // needs possible, with the question to settle.
      return (
        <ChoiceGroup id={id} legend={label} name={f.name} type="radio" options={f.noUnknown ? ANSWERS.slice(0, 2) : ANSWERS} checked={(o) => values[f.name] === o} onChange={(o) => set(o)} labelOf={(o) => t(`answer.${o}` as MessageKey)} />
      );
    // Selects, numbers and lists take "don't know" too (issue 13 item 15 (b)): the permits another
    // answer would need become possible, with the question to settle.
    case 'select':
      return (
        <FormField id={id} label={label}>
          <select className="form-select" id={id} name={f.name} value={String(values[f.name])} onChange={(e) => set(e.target.value)}>
            {f.options.map((o) => (
              <option key={o} value={o}>
                {opt(o)}
              </option>
            ))}
            <option value={UNKNOWN}>{t('answer.unknown')}</option>
          </select>
        </FormField>
      );
    case 'number': {
      const unknown = values[f.name] === UNKNOWN;
      return (
        <FormField id={id} label={f.unit ? `${label} (${f.unit})` : label}>
          <input className="form-input input-width-s" type="text" inputMode="decimal" id={id} name={f.name} value={unknown ? '' : String(values[f.name])} disabled={unknown} onChange={(e) => set(e.target.value)} />
          <div className="form-group-checkbox">
            <input type="checkbox" className="form-checkbox" id={`${id}-unknown`} name={`${f.name}-unknown`} checked={unknown} onChange={(e) => set(e.target.checked ? UNKNOWN : '')} />
            <label htmlFor={`${id}-unknown`}>{t('answer.unknown')}</label>
          </div>
        </FormField>
      );
    }
    case 'multi': {
      const selected = (values[f.name] as string[]) ?? [];
      // "Don't know" excludes the other choices (and they exclude it); it sits below the group.
      return (
        <>
          <ChoiceGroup
            id={id}
            legend={label}
            name={f.name}
            type="checkbox"
            options={f.options}
            checked={(o) => selected.includes(o)}
            onChange={(o, on) => set(on ? [...selected.filter((x) => x !== UNKNOWN), o] : selected.filter((x) => x !== o))}
            labelOf={opt}
          />
          <div className="form-group-checkbox mb-5">
            <input type="checkbox" className="form-checkbox" id={`${id}-unknown`} name={`${f.name}-unknown`} checked={selected.includes(UNKNOWN)} onChange={(e) => set(e.target.checked ? [UNKNOWN] : [])} />
            <label htmlFor={`${id}-unknown`}>
              {t('answer.unknown')} – {label}
            </label>
          </div>
        </>
      );
    }
  }
}

/** Running count of applicable permits while the questionnaire is filled in. */
function LivePreview({ facts, enabled }: { facts: Record<string, unknown>; enabled: boolean }) {
  const { t, lang } = useI18n();
  const debounced = useDebounced(JSON.stringify(facts), 400);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!enabled) {
      setText(t('wizard.previewNeedsMunicipality'));
      return;
    }
    const ctrl = new AbortController();
    api.screening(JSON.parse(debounced) as Record<string, unknown>, ctrl.signal).then(
      (r) => setText(t('wizard.preview', { n: r.permits.length, names: r.permits.map((p) => (lang === 'en' ? p.nameEn : p.nameDa)).join(', ') || '–' })),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setText(describeError(err, t));
      },
    );
    return () => ctrl.abort();
  }, [debounced, enabled, lang]);
  return (
    <div className="rl-preview" aria-live="polite" aria-atomic="true">
      <p>
        <strong>{t('wizard.previewHeading')}:</strong> {text}
      </p>
    </div>
  );
}

function ScreeningStep({ facts, onBack, onNext }: { facts: Record<string, unknown>; onBack: () => void; onNext: (openQuestions: string[]) => void }) {
  const { t } = useI18n();
  const load = useLoad<ScreeningResult>((signal) => api.screening(facts, signal), [JSON.stringify(facts)]);
  return (
    <>
      <div aria-live="polite">{load.status === 'loading' ? <p>{t('wizard.screening')}</p> : null}</div>
      {load.status === 'error' ? (
        <Alert variant="error" heading={t('wizard.screeningFailed')} assertive>
          <p>{describeError(load.error, t)}</p>
        </Alert>
      ) : null}
      {load.status === 'ok' ? <ScreeningResultView result={load.data} /> : null}
      <div className="button-row mt-6">
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('wizard.back')}
        </button>
        <button type="button" className="button button-primary" onClick={() => onNext(load.status === 'ok' ? (load.data.unsettledFacts ?? []) : [])} disabled={load.status !== 'ok' || load.data.permits.length === 0}>
          {t('wizard.toCreate')}
        </button>
      </div>
    </>
  );
}

function CreateStep({ facts, openQuestions, onBack }: { facts: Record<string, unknown>; openQuestions: string[]; onBack: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  // Open "don't know" answers: the case can only be saved as a draft until they are settled or a
  // coordinator accepts them (the API refuses to submit it: CASE.UNSETTLED_FACTS).
  const [submitNow, setSubmitNow] = useState(openQuestions.length === 0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  // "Create and submit" is two requests. When the case was created and only sending it failed,
  // trying again sends that case instead of creating a second one (its id is kept here). The
  // create carries an Idempotency-Key, kept while the body stays the same, so a create whose
  // answer was lost is answered again by the API instead of being repeated.
  const [created, setCreated] = useState<CaseView | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  // A create that got no answer may have happened: the form is locked so that trying again sends
  // the same body with the same key (answered with the case if it was created, not a second one).
  const [unanswered, setUnanswered] = useState(false);
  const locked = !!created || unanswered;

  const createOnce = (body: { title: string; description?: string; facts: Record<string, unknown> }) => {
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: newIdempotencyKey() };
    return api.createCase(body, attempt.current.key);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setTitleError(t('wizard.titleRequired'));
      document.getElementById('case-title')?.focus();
      return;
    }
    setTitleError(null);
    setPending(true);
    setError(null);
    try {
      // The case as it is now: an earlier try's submit may have gone through with its answer lost.
      const c = created ? await api.getCase(created.id) : await createOnce({ title: title.trim(), description: description.trim() || undefined, facts });
      setCreated(c);
      if (submitNow && c.allowedEvents.includes('case.submitted')) {
        await api.caseEvent(c.id, c.version, { type: 'case.submitted' });
      }
      navigate(paths.case(c.id));
    } catch (err) {
      if (!created && err instanceof NetworkError) setUnanswered(true);
      setError(describeError(err, t));
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? (
        <Alert variant="error" heading={created ? t('wizard.createdNotSubmitted') : t('wizard.createFailed')} assertive>
          <p>{error}</p>
          {unanswered && !created ? <p>{t('wizard.createUnanswered')}</p> : null}
          {created ? (
            <p data-testid="created-draft">
              {t('wizard.createdDraftHint')} <a href={paths.case(created.id)}>{t('wizard.openDraft', { title: created.title })}</a>
            </p>
          ) : null}
        </Alert>
      ) : null}
      <FormField id="case-title" label={t('wizard.caseTitle')} error={titleError}>
        <input className="form-input" id="case-title" name="title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} {...describedBy('case-title', { error: titleError })} required readOnly={locked} />
      </FormField>
      <TextAreaField id="case-description" label={t('wizard.caseDescription')} hint={t('wizard.caseDescriptionHint')} name="description" rows={4} value={description} onChange={setDescription} readOnly={locked} />
      {openQuestions.length > 0 ? (
        <Alert variant="warning" heading={t('wizard.openQuestionsHeading')}>
          <p data-testid="open-questions">{t('wizard.openQuestions', { questions: openQuestions.map((q) => t(`fact.${q}` as MessageKey)).join('; ') })}</p>
        </Alert>
      ) : (
        <div className="form-group-checkbox">
          <input type="checkbox" className="form-checkbox" id="case-submit-now" checked={submitNow} onChange={(e) => setSubmitNow(e.target.checked)} disabled={locked} />
          <label htmlFor="case-submit-now">{t('wizard.submitNow')}</label>
        </div>
      )}
      <div className="button-row mt-6">
        <button type="button" className="button button-secondary" onClick={onBack} disabled={pending || locked}>
          {t('wizard.back')}
        </button>
        <SubmitButton pending={pending}>{created ? t('wizard.submitCreated') : submitNow ? t('wizard.createAndSubmit') : t('wizard.createDraft')}</SubmitButton>
      </div>
    </form>
  );
}
