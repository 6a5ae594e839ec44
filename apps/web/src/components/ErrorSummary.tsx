import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';

export interface SummaryError {
  /** Id of the control in error (the link's target). */
  target: string;
  text: ReactNode;
  /** Where to go when no element has the id `target` (an error on a group rather than a control). */
  fallback?: () => HTMLElement | null;
}

/**
 * The click of a link to a field (`#<id>`): scrolls the field's label (or its group's legend) into
 * view and focuses the field. The app routes by the hash, so the link never navigates (that would
 * leave the form).
 */
export function jumpToField(e: MouseEvent<HTMLAnchorElement>, field: SummaryError) {
  e.preventDefault();
  const el = document.getElementById(field.target) ?? field.fallback?.() ?? null;
  if (!el) return;
  const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  (label ?? el.closest('fieldset')?.querySelector('legend') ?? el).scrollIntoView();
  el.focus({ preventScroll: true });
}

/**
 * The DKFDS error summary ("fejlopsummering"): an `alert alert-error` at the top of the form with a
 * heading and one link per field in error. It takes focus when it appears and on every new failed
 * submit (`attempt` changes), as DKFDS prescribes, so a screen reader reads it; a link scrolls the
 * field's label into view and focuses the field (DKFDS's error-summary.js, done here in React).
 */
export function ErrorSummary({ heading, intro, errors, attempt, testId }: { heading: ReactNode; intro?: ReactNode; errors: readonly SummaryError[]; attempt: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  return (
    <div ref={ref} className="alert alert-error rl-error-summary" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1} data-testid={testId}>
      <span className="icon icon-error alert-icon" aria-hidden="true" />
      <div className="alert-body">
        <h2 className="alert-heading" id="error-summary-heading">
          {heading}
        </h2>
        {intro ? <p className="alert-text">{intro}</p> : null}
        <ul className="alert-text nobullet-list">
          {errors.map((e, i) => (
            <li key={`${e.target}-${i}`}>
              <a className="function-link" href={`#${e.target}`} onClick={(ev) => jumpToField(ev, e)}>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
