import type { ReactNode } from 'react';

type Variant = 'info' | 'success' | 'warning' | 'error';

interface Props {
  variant: Variant;
  heading?: ReactNode;
  children?: ReactNode;
  /** role="alert" interrupts screen readers; use it for errors raised by a user action. */
  assertive?: boolean;
}

/** DKFDS alert (`alert alert-{variant}`) with the matching icon from the DKFDS CSS icon set. */
export function Alert({ variant, heading, children, assertive = false }: Props) {
  return (
    <div className={`alert alert-${variant}`} role={assertive ? 'alert' : 'status'}>
      <span className={`icon icon-${variant} alert-icon`} aria-hidden="true" />
      <div className="alert-body">
        {heading ? <p className="alert-heading">{heading}</p> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}
