import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** An inline field error (DKFDS form-error-message); role="alert" because it follows the user's submit. */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  const { t } = useI18n();
  return error ? (
    <span className="form-error-message" id={id} role="alert">
      <span className="sr-only">{t('common.error')}: </span>
      {error}
    </span>
  ) : null;
}

/**
 * A DKFDS form group for the control with id `id`: label, optional hint (`<id>-hint`) and error
 * (`<id>-err`), then the control. Give the control `{...describedBy(id, { hint, error })}`.
 */
export function FormField({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldError id={`${id}-err`} error={error} />
      {children}
    </div>
  );
}

/** aria-describedby (hint, error) and aria-invalid for the control of a FormField. */
export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: string | null }): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), ...(error ? { 'aria-invalid': true as const } : {}) };
}

/** The submit button of a form: disabled and saying so while the request is pending. */
export function SubmitButton({ pending, secondary = false, children }: { pending: boolean; secondary?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <button type="submit" className={`button ${secondary ? 'button-secondary' : 'button-primary'}`} disabled={pending}>
      {pending ? t('common.working') : children}
    </button>
  );
}
