import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Props {
  /** What to show instead of the failed part (gets the error). */
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

/**
 * Keeps one failing page or widget from blanking the whole app (issue 14): a render error is
 * caught here and replaced by a DKFDS error alert; the header, navigation and Back keep working.
 * Keyed by route where it wraps a page, so navigating away resets it.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // Visible in the browser console for support; no PII beyond what the page showed.
    console.error('render error caught by ErrorBoundary', error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/** The DKFDS alert an ErrorBoundary shows. */
export function WidgetError({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert" data-testid="widget-error">
      <div className="alert-body">
        <p className="alert-heading">{t('app.widgetFailed')}</p>
        <p className="alert-text">{error.message}</p>
      </div>
    </div>
  );
}

/** A widget inside its own boundary. */
export function Guarded({ children }: { children: ReactNode }) {
  return <ErrorBoundary fallback={(e) => <WidgetError error={e} />}>{children}</ErrorBoundary>;
}
