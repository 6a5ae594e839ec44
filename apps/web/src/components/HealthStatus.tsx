import { useCallback, useEffect, useState } from 'react';
import { ApiError, NetworkError, getHealth, indicatorStatus, type HealthResult } from '../api';
import { locale, useI18n, type MessageKey } from '../i18n';
import { Alert } from './Alert';
import { DataTable, Section } from './DataTable';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; health: HealthResult; at: Date }
  | { kind: 'failed'; message: string; at: Date };

const INDICATORS: ReadonlyArray<{ name: string; label: MessageKey }> = [
  { name: 'database', label: 'health.database' },
  { name: 'redis', label: 'health.redis' },
];

/** GET /api/v1/health (terminus) → database + redis status. */
export function HealthStatus({ token }: { token: string | null }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ kind: 'loading' });
    getHealth(token, ctrl.signal).then(
      (health) => setState({ kind: 'loaded', health, at: new Date() }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const message =
          err instanceof NetworkError
            ? t('error.network')
            : err instanceof ApiError
              ? t('error.http', { status: err.status })
              : String(err);
        setState({ kind: 'failed', message, at: new Date() });
      },
    );
    return () => ctrl.abort();
    // `t` is deliberately not a dependency: a language switch must not re-fetch.
  }, [token, nonce]);

  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  const time = (d: Date) => d.toLocaleTimeString(locale(lang), { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  return (
    <Section id="health" title={t('health.title')}>
      <div aria-live="polite" aria-busy={state.kind === 'loading'}>
        {state.kind === 'loading' ? <p>{t('health.loading')}</p> : null}

        {state.kind === 'failed' ? (
          <Alert variant="error" heading={t('health.unreachable')}>
            <p>{state.message}</p>
          </Alert>
        ) : null}

        {state.kind === 'loaded' ? (
          <>
            <Alert variant={state.health.status === 'ok' ? 'success' : 'warning'} heading={state.health.status === 'ok' ? t('health.ok') : t('health.error')}>
              <p>{t('health.checkedAt', { time: time(state.at) })}</p>
            </Alert>
            <DataTable
              caption={t('health.title')}
              compact
              zebra={false}
              rows={INDICATORS}
              rowKey={(i) => i.name}
              columns={[
                { header: t('health.overall'), rowHeader: true, cell: (i) => t(i.label) },
                {
                  header: state.health.status,
                  cell: ({ name }) => {
                    const s = indicatorStatus(state.health, name);
                    const badge = s === 'up' ? 'badge-success' : s === 'down' ? 'badge-error' : 'badge-info';
                    return (
                      <span className={`badge ${badge}`} data-indicator={name} data-status={s}>
                        {t(`health.${s}`)}
                      </span>
                    );
                  },
                },
              ]}
            />
          </>
        ) : null}
      </div>
      <button type="button" className="button button-secondary mt-5" onClick={refresh} disabled={state.kind === 'loading'}>
        {t('health.refresh')}
      </button>
    </Section>
  );
}
