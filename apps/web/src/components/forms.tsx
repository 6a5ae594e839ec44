import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
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

/** A FormField whose control is a DKFDS textarea, described by the field's hint and error. */
export function TextAreaField({ id, label, hint, error, onChange, ...textarea }: { id: string; label: ReactNode; hint?: ReactNode; error?: string | null; value: string; onChange: (value: string) => void } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange'>) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <textarea className="form-input" id={id} onChange={(e) => onChange(e.target.value)} {...textarea} {...describedBy(id, { hint: !!hint, error })} />
    </FormField>
  );
}

/** aria-describedby (hint, error) and aria-invalid for the control of a FormField. */
export function describedBy(id: string, { hint, error }: { hint?: boolean; error?: string | null }): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), ...(error ? { 'aria-invalid': true as const } : {}) };
}

/**
 * A DKFDS group of radio buttons or checkboxes under one legend; option `o` gets the id `<id>-<o>`
 * and the error (if any) `<id>-err`.
 */
export function ChoiceGroup<O extends string>({
  id,
  legend,
  name,
  type,
  options,
  checked,
  onChange,
  labelOf,
  error,
}: {
  id: string;
  legend: ReactNode;
  name: string;
  type: 'radio' | 'checkbox';
  options: readonly O[];
  checked: (o: O) => boolean;
  onChange: (o: O, checked: boolean) => void;
  labelOf: (o: O) => ReactNode;
  error?: string | null;
}) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={error ? `${id}-err` : undefined}>
        <legend className="form-label">{legend}</legend>
        <FieldError id={`${id}-err`} error={error} />
        {options.map((o) => (
          <div className={type === 'radio' ? 'form-group-radio' : 'form-group-checkbox'} key={o}>
            <input type={type} className={type === 'radio' ? 'form-radio' : 'form-checkbox'} id={`${id}-${o}`} name={name} value={o} checked={checked(o)} onChange={(e) => onChange(o, e.target.checked)} />
            <label htmlFor={`${id}-${o}`}>{labelOf(o)}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
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

/** A DKFDS search field of a list's toolbar: label, hint (`<id>-hint`, describes the input), the input. */
export function SearchField({ id, label, hint, value, onChange, testId }: { id: string; label: ReactNode; hint: ReactNode; value: string; onChange: (value: string) => void; testId?: string }) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <span className="form-hint" id={`${id}-hint`}>
        {hint}
      </span>
      <input className="form-input" type="search" id={id} data-testid={testId} aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

type SelectFieldProps<O extends string> = { id: string; label: ReactNode; value: O; options: readonly O[]; labelOf: (o: O) => ReactNode; onChange: (value: O) => void };

/** A DKFDS select of a list's toolbar (filter, sort): label and one option per value. */
export function SelectField<O extends string>({ id, label, value, options, labelOf, onChange }: SelectFieldProps<O>) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <Select id={id} value={value} options={options.map((o) => ({ value: o, text: labelOf(o) }))} onChange={(v) => onChange(v as O)} />
    </div>
  );
}

/** The sort-order select of a list's toolbar: a SelectField with the label every list gives it. */
export function SortField<O extends string>(select: Omit<SelectFieldProps<O>, 'label'>) {
  const { t } = useI18n();
  return <SelectField label={t('list.sort')} {...select} />;
}

/** A DKFDS select: an optional first option with the value '' (its text `none`), then one option per value. */
export function Select({ none, options, onChange, ...select }: { none?: ReactNode; options: readonly { value: string; text: ReactNode }[]; onChange: (value: string) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'>) {
  return (
    <select className="form-select" {...select} onChange={(e) => onChange(e.target.value)}>
      {none !== undefined ? <option value="">{none}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
}

/** A JSON value from its text, or undefined when the text does not parse. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A DKFDS textarea editing a JSON value as text (the caller keeps the text): empty text is no value;
 * text that does not parse changes no value and is reported by `onBad(true)`.
 */
export function JsonTextArea({ text, onText, onChange, onBad, ...textarea }: { text: string; onText: (text: string) => void; onChange: (value: unknown) => void; onBad: (bad: boolean) => void } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>) {
  const change = (next: string) => {
    onText(next);
    if (next.trim() === '') {
      onBad(false);
      return onChange(undefined);
    }
    const parsed = parseJson(next);
    onBad(parsed === undefined);
    if (parsed !== undefined) onChange(parsed);
  };
  return <textarea className="form-input" {...textarea} value={text} onChange={(e) => change(e.target.value)} />;
}
