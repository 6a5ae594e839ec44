import { useState, type FormEvent, type ReactNode } from 'react';
import { api, describeError, isVersionConflict } from '../api/client';
import type { CoordinatedPlan, WhatIfResult } from '../api/types';
import { fmtDate, nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useAction } from './actions';
import { StatusMessage } from './common';
import { DataTable } from './DataTable';
import { FormField, Select, SubmitButton, TextAreaField } from './forms';

/**
 * Runs a form's action; errors stay in the form (with their stable code). A 409 says the plan
 * changed and reloads it (`onConflict`), so what was typed stays and the next try sends the new version.
 */
export function useFormAction(onConflict?: () => unknown) {
  const { t } = useI18n();
  const { pending, error, submit } = useAction({
    describe: (err) => {
      if (!(isVersionConflict(err))) return describeError(err, t);
      void onConflict?.();
      return t('common.conflict');
    },
  });
  return { pending, message: error === null ? null : { kind: 'error' as const, text: error }, submit };
}

/** A plan form: its heading, an optional hint, the form's StatusMessage and the fields. */
function PlanForm({ testId, title, hint, message, onSubmit, children }: { testId: string; title: string; hint?: string; message: ReturnType<typeof useFormAction>['message']; onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} className="mt-5" data-testid={testId} noValidate>
      <h3>{title}</h3>
      {hint ? <p className="form-hint">{hint}</p> : null}
      <StatusMessage message={message} />
      {children}
    </form>
  );
}

type PlanItem = CoordinatedPlan['items'][number];

/** The permit a plan form acts on (control id `id`), each option named by `optionText`. */
function PermitSelect({ id, items, value, onChange, optionText }: { id: string; items: PlanItem[]; value: string; onChange: (permitId: string) => void; optionText: (i: PlanItem) => string }) {
  const { t } = useI18n();
  return (
    <FormField id={id} label={t('coord.change.permit')}>
      <Select id={id} value={value} onChange={onChange} options={items.map((i) => ({ value: i.permitId, text: optionText(i) }))} />
    </FormField>
  );
}

const open = (plan: CoordinatedPlan) => plan.items.filter((i) => !i.state.startsWith('decided') && i.state !== 'final' && i.state !== 'withdrawn');

/** A change of a planned decision date: reason code (the target-change list) and a note are required. */
export function PlanChangeForm({ plan, caseId, onDone, onConflict }: { plan: CoordinatedPlan; caseId: string; onDone: (applied: boolean) => void; onConflict?: () => unknown }) {
  const { t, lang } = useI18n();
  const reasons = useLoad((signal) => api.reasons(signal), []);
  const items = open(plan);
  const [permitId, setPermitId] = useState(items[0]?.permitId ?? '');
  const [decisionOn, setDecisionOn] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const { pending, message, submit } = useFormAction(onConflict);
  if (!items.length) return null;
  const onSubmit = submit(async () => {
    const r = await api.changePlan(caseId, plan.version, { permitId, plannedDecisionOn: decisionOn || undefined, reasonCode, note });
    onDone(r.request.status === 'applied');
  });
  return (
    <PlanForm testId="plan-change-form" title={t('coord.change.title')} hint={t('coord.change.hint')} message={message} onSubmit={onSubmit}>
      <PermitSelect id="pc-permit" items={items} value={permitId} onChange={setPermitId} optionText={(i) => `${nameOf(lang, i)} (${fmtDate(lang, i.planned.decisionOn)})`} />
      <FormField id="pc-decision" label={t('coord.change.decisionOn')}>
        <input id="pc-decision" type="date" className="form-input" value={decisionOn} onChange={(e) => setDecisionOn(e.target.value)} required />
      </FormField>
      <FormField id="pc-reason" label={t('coord.change.reason')}>
        <Select id="pc-reason" value={reasonCode} onChange={setReasonCode} required none="–" options={(reasons.data ?? []).map((r) => ({ value: r.code, text: lang === 'en' ? r.en : r.da }))} />
      </FormField>
      <TextAreaField id="pc-note" label={t('coord.change.note')} rows={2} value={note} onChange={setNote} required />
      <SubmitButton pending={pending}>{t('coord.change.submit')}</SubmitButton>
    </PlanForm>
  );
}

/** A missed planned date, with the authority's explanation. */
export function MissedForm({ plan, caseId, onDone, onConflict }: { plan: CoordinatedPlan; caseId: string; onDone: () => void; onConflict?: () => unknown }) {
  const { t, lang } = useI18n();
  const overdue = plan.items.filter((i) => i.overdue && !i.missed);
  const [permitId, setPermitId] = useState(overdue[0]?.permitId ?? '');
  const [explanation, setExplanation] = useState('');
  const { pending, message, submit } = useFormAction(onConflict);
  const onSubmit = submit(async () => {
    await api.recordMissed(caseId, permitId, plan.version, explanation);
    onDone();
  });
  return (
    <PlanForm testId="missed-form" title={t('coord.missed.record')} message={message} onSubmit={onSubmit}>
      <PermitSelect id="md-permit" items={overdue} value={permitId} onChange={setPermitId} optionText={(i) => `${nameOf(lang, i)} (${fmtDate(lang, i.planned.decisionOn)})`} />
      <TextAreaField id="md-explanation" label={t('coord.missed.explanation')} rows={2} value={explanation} onChange={setExplanation} required />
      <SubmitButton pending={pending} secondary>
        {t('coord.missed.record')}
      </SubmitButton>
    </PlanForm>
  );
}

/** A coordinator's manual escalation of a permit. */
export function EscalateForm({ plan, onDone }: { plan: CoordinatedPlan; onDone: () => void }) {
  const { t, lang } = useI18n();
  const items = open(plan);
  const [permitId, setPermitId] = useState(items[0]?.permitId ?? '');
  const [note, setNote] = useState('');
  const { pending, message, submit } = useFormAction();
  if (!items.length) return null;
  const onSubmit = submit(async () => {
    await api.escalatePermit(permitId, note);
    setNote('');
    onDone();
  });
  return (
    <PlanForm testId="escalate-form" title={t('coord.escalate.title')} message={message} onSubmit={onSubmit}>
      <PermitSelect id="es-permit" items={items} value={permitId} onChange={setPermitId} optionText={(i) => `${nameOf(lang, i)} – ${nameOf(lang, i.authority)}`} />
      <TextAreaField id="es-note" label={t('coord.escalate.note')} rows={2} value={note} onChange={setNote} required />
      <SubmitButton pending={pending} secondary>
        {t('coord.escalate.submit')}
      </SubmitButton>
    </PlanForm>
  );
}

/** What-if: the forecast now and with one scenario, side by side; nothing is written. */
export function WhatIfForm({ plan, caseId }: { plan: CoordinatedPlan; caseId: string }) {
  const { t, lang } = useI18n();
  const items = open(plan);
  const [kind, setKind] = useState<'shorten' | 'startEarlier' | 'jointHearing'>('shorten');
  const [code, setCode] = useState(items[0]?.code ?? '');
  const [days, setDays] = useState('28');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const { pending, message, submit } = useFormAction();
  if (!items.length) return null;
  const first = plan.items[0]?.code;
  const scenario = kind === 'jointHearing' ? { kind, codes: [first, code], days: Number(days) } : { kind, code, days: Number(days) };
  const onSubmit = submit(async () => setResult(await api.whatIf(caseId, [scenario])));
  const pct = (p: number | null) => (p === null ? '–' : `${Math.round(p * 100)} %`);
  return (
    <PlanForm testId="what-if-form" title={t('coord.whatif.title')} hint={t('coord.whatif.intro')} message={message} onSubmit={onSubmit}>
      <FormField id="wi-kind" label={t('coord.whatif.kind')}>
        <Select id="wi-kind" value={kind} onChange={(v) => setKind(v as typeof kind)} options={(['shorten', 'startEarlier', 'jointHearing'] as const).map((k) => ({ value: k, text: t(`coord.whatif.kind.${k}`) }))} />
      </FormField>
      <FormField id="wi-permit" label={t('coord.whatif.permit')}>
        <Select id="wi-permit" value={code} onChange={setCode} options={items.map((i) => ({ value: i.code, text: nameOf(lang, i) }))} />
      </FormField>
      <FormField id="wi-days" label={t('coord.whatif.days')}>
        <input id="wi-days" type="number" className="form-input input-width-xs" value={days} onChange={(e) => setDays(e.target.value)} />
      </FormField>
      <SubmitButton pending={pending} secondary>
        {t('coord.whatif.run')}
      </SubmitButton>
      {result ? (
        <DataTable
          caption={t('coord.whatif.caption')}
          captionVisible
          compact
          testId="what-if-result"
          rows={[
            { key: 'now', label: t('coord.whatif.now'), f: result.base },
            { key: 'scenario', label: t('coord.whatif.scenario'), f: result.whatIf },
          ]}
          rowKey={(r) => r.key}
          columns={[
            { header: t('coord.whatif.scenario'), rowHeader: true, cell: (r) => r.label },
            { header: 'P50', cell: (r) => fmtDate(lang, r.f.completionP50) },
            { header: 'P80', cell: (r) => fmtDate(lang, r.f.completionP80) },
            { header: t('coord.whatif.ceilingProbability'), cell: (r) => pct(r.f.ceilingProbability) },
          ]}
        />
      ) : null}
    </PlanForm>
  );
}
