import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, describeError } from '../api/client';
import { useI18n } from '../i18n';
import { Alert } from './Alert';
import { SubmitButton } from './forms';

/** The problem's own detail when the API gave one (it speaks to the user), else describeError's text. */
export function problemText(err: unknown, t: Parameters<typeof describeError>[1]): string {
  return err instanceof ApiError && err.problem?.detail ? err.problem.detail : describeError(err, t);
}

interface ActionOptions {
  /** Text of a failure; describeError by default. */
  describe?: (err: unknown) => string;
  /** Hand a failure to the caller (e.g. the panel's message) instead of keeping it in `error`. */
  onError?: (err: unknown) => void;
}

/**
 * Pending flag, invalid flag and error text of a user action (a form's submit, a button): `run`
 * clears the error, is pending while the action runs and keeps the failure's text in `error`;
 * `submit` is a form's onSubmit that first checks `isValid` (false: `invalid`, nothing sent).
 */
export function useAction({ describe, onError }: ActionOptions = {}) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      if (onError) onError(err);
      else setError(describe ? describe(err) : describeError(err, t));
      return false;
    } finally {
      setPending(false);
    }
  };
  const submit = (action: () => Promise<unknown>, isValid?: () => boolean) => (e: FormEvent) => {
    e.preventDefault();
    if (isValid && !isValid()) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void run(action);
  };
  return { pending, invalid, error, setError, run, submit };
}

/** A failed action's text as an assertive DKFDS error alert (nothing when there is none). */
export function ActionError({ error }: { error: string | null }) {
  return error ? (
    <Alert variant="error" assertive>
      {error}
    </Alert>
  ) : null;
}

export type Outcome = { kind: 'success' | 'error'; text: string };

/**
 * The actions of a section that reports in one StatusMessage: `act(action)` clears the message, is
 * pending while `action` runs, then `refresh`es and shows the success text `action` resolved to,
 * or the error. Resolves whether it succeeded (e.g. to clear the form).
 */
export function useStatusAction(refresh: () => Promise<unknown>) {
  const { t } = useI18n();
  const [message, setMessage] = useState<Outcome | null>(null);
  const { pending, run } = useAction({ onError: (err) => setMessage({ kind: 'error', text: describeError(err, t) }) });
  const act = (action: () => Promise<string>): Promise<boolean> => {
    setMessage(null);
    return run(async () => {
      const text = await action();
      await refresh();
      setMessage({ kind: 'success', text });
    });
  };
  return { pending, message, act };
}

/**
 * The one outcome message of a panel's actions: `done(text)` runs `refresh` (reload, tell the page)
 * then reports success; `fail(text)` reports an error.
 */
export function useOutcome(refresh: () => Promise<unknown>) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const done = async (text: string) => {
    await refresh();
    setOutcome({ kind: 'success', text });
  };
  const fail = (text: string) => setOutcome({ kind: 'error', text });
  return { outcome, done, fail };
}

/** A panel's outcome message; errors interrupt (role="alert"), successes are polite. */
export function OutcomeAlert({ outcome, testId }: { outcome: Outcome | null; testId?: string }) {
  return outcome ? (
    <Alert variant={outcome.kind} assertive={outcome.kind === 'error'}>
      <p data-testid={testId}>{outcome.text}</p>
    </Alert>
  ) : null;
}

/** A button that runs an async action: disabled and saying so while it runs. */
export function ActionButton({ onClick, secondary = false, children }: { onClick: () => Promise<unknown>; secondary?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={`button ${secondary ? 'button-secondary' : 'button-primary'}`}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void onClick().finally(() => setPending(false));
      }}
    >
      {pending ? t('common.working') : children}
    </button>
  );
}

/**
 * A panel's sub-form (DKFDS): its level-3 heading, the invalid-input alert, the fields and a
 * secondary submit button. Validation is the form's own (noValidate): `invalid` says what is wrong.
 */
export function PanelForm({
  testId,
  heading,
  invalid,
  pending,
  submitLabel,
  onSubmit,
  children,
}: {
  testId: string;
  heading: ReactNode;
  invalid: string | null;
  pending: boolean;
  submitLabel: ReactNode;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="mt-5" data-testid={testId}>
      <h3 className="h4">{heading}</h3>
      {invalid ? (
        <Alert variant="error" assertive>
          <p>{invalid}</p>
        </Alert>
      ) : null}
      {children}
      <SubmitButton pending={pending} secondary>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
