import { useState, type FormEvent } from 'react';
import { api, ApiError, describeError } from '../api/client';
import type { ApplicationView, IndustrialPark, Settlement } from '../api/types';
import { FACT_FIELDS, FACT_GROUPS, fromFacts, isVisible, mergeFacts, type FactValues } from '../pages/facts';
import { FactInput } from '../pages/NewCasePage';
import { IndustrialParkNotice, PossiblePermits } from '../pages/ScreeningResultView';
import { nameOf } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { Alert } from './Alert';
import { Section } from './DataTable';
import { SubmitButton } from './forms';

type Change = { added: Array<{ code: string; nameDa: string; nameEn: string }>; dropped: Array<{ code: string; nameDa: string; nameEn: string }> };

/**
 * The screening facts, part of the shared application (issue 14): editing them re-runs screening
 * on the server; when the permit set changes, the added and dropped permits are shown and only
 * the company's explicit confirmation applies them (audited as `application.factsChanged`).
 */
export function FactsEditor({ app, onDone, settlement, industrialPark }: { app: ApplicationView; onDone: (text: string) => Promise<void>; settlement?: Settlement; industrialPark?: IndustrialPark | null }) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<FactValues>(() => fromFacts(app.facts));
  const [change, setChange] = useState<Change | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const send = async (confirm?: Change) => {
    setPending(true);
    setError(null);
    try {
      const facts = mergeFacts(app.facts, values);
      const body = confirm ? { facts, confirm: { added: confirm.added.map((p) => p.code), dropped: confirm.dropped.map((p) => p.code) } } : { facts };
      await api.changeFacts(app.caseId, app.version, body);
      setChange(null);
      await onDone(t('facts.saved'));
    } catch (err) {
      const problem = err instanceof ApiError ? (err.problem as (Change & { code?: string }) | null) : null;
      if (problem?.code === 'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED') setChange({ added: problem.added, dropped: problem.dropped });
      else setError(describeError(err, t));
    } finally {
      setPending(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  return (
    <Section id="facts" title={t('application.facts')} testId="facts-editor">
      {settlement && settlement.possiblePermits.length > 0 ? (
        // Issue 13 item 15: the "don't know" answers are settled here, inside the case.
        <div data-testid="open-questions">
          <Alert variant="warning" heading={t('facts.openHeading')}>
            <p>{settlement.acceptedAt ? t('facts.openAccepted') : t('facts.openIntro')}</p>
            <PossiblePermits permits={settlement.possiblePermits} />
          </Alert>
        </div>
      ) : null}
      {industrialPark ? <IndustrialParkNotice park={industrialPark} /> : null}
      <details className="details" open={settlement ? settlement.possiblePermits.length > 0 : undefined}>
        <summary className="details-summary">{t('facts.edit')}</summary>
        <div className="details-text">
          <form onSubmit={submit} noValidate>
            <p>{t('facts.intro')}</p>
            {FACT_GROUPS.map((g) => (
              <fieldset key={g} className="rl-fieldset">
                <legend className="h4">{t(`group.${g}` as MessageKey)}</legend>
                {FACT_FIELDS.filter((f) => f.group === g && isVisible(f, values)).map((f) => (
                  <FactInput key={f.name} field={f} values={values} setValues={setValues} error={null} />
                ))}
              </fieldset>
            ))}
            {error ? (
              <Alert variant="error" heading={t('common.actionFailed')}>
                <p>{error}</p>
              </Alert>
            ) : null}
            <SubmitButton pending={pending} secondary>
              {t('facts.save')}
            </SubmitButton>
          </form>
        </div>
      </details>
      {change ? (
        <div data-testid="permit-set-change">
          <Alert variant="warning" heading={t('facts.changeHeading')}>
            {change.added.length > 0 ? (
              <p>
                {t('facts.added')}: {change.added.map((p) => nameOf(lang, p)).join(', ')}
              </p>
            ) : null}
            {change.dropped.length > 0 ? (
              <p>
                {t('facts.dropped')}: {change.dropped.map((p) => nameOf(lang, p)).join(', ')}
              </p>
            ) : null}
          </Alert>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={pending} onClick={() => void send(change)}>
              {t('facts.confirm')}
            </button>
            <button type="button" className="button button-secondary" disabled={pending} onClick={() => setChange(null)}>
              {t('facts.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}
