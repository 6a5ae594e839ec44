import { useEffect, useState, type ReactNode } from 'react';
import { api, describeError } from '../api/client';
import type { ApplicationDocumentView, PermitApplicationView } from '../api/types';
import { fmtDate, fmtDateTime, fmtNumber } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Loadable } from './common';
import { DataTable, Section } from './DataTable';
import { Guarded } from './ErrorBoundary';
import { SchemaValues } from './SchemaForm';

/**
 * What the authority decides on (issue 14 point 4), on the permit page: what changed since the
 * caller last looked, the filing (incomplete with what was missing; completeness deadline;
 * expected decision), the shared part and this permit's section (read-only, drawn from the same
 * schemas), the documents (downloadable) and every information request with its full answer.
 */
export function PermitApplication({ permitId, refreshKey }: { permitId: string; refreshKey: number }) {
  const load = useLoad((signal) => api.permitApplication(permitId, signal), [permitId, refreshKey]);
  // Having shown this version, mark it seen: the next visit shows what changed after it.
  const version = load.data?.applicationVersion;
  useEffect(() => {
    if (version !== undefined) void api.markApplicationSeen(permitId, version).catch(() => undefined);
  }, [permitId, version]);
  return (
    <Loadable load={load}>
      {(a) => (
        <>
          {PARTS.map((Part, i) => (
            // Each part on its own: one that fails to render leaves the others standing.
            <Guarded key={i}>
              <Part a={a} />
            </Guarded>
          ))}
        </>
      )}
    </Loadable>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function Changes({ a }: { a: PermitApplicationView }) {
  const { t } = useI18n();
  const c = a.changes;
  return (
    <Section id="changes" title={t('application.changes', { from: c.sinceVersion ?? '–', to: c.currentVersion })} testId="application-changes">
      {c.sinceVersion === null ? (
        <p>{t('application.firstLook')}</p>
      ) : c.fields.length === 0 && c.documents.length === 0 ? (
        <p>{t('application.noChanges')}</p>
      ) : (
        <>
          {c.fields.length > 0 ? (
            <DataTable
              caption={t('application.changes', { from: c.sinceVersion, to: c.currentVersion })}
              compact
              zebra={false}
              rows={c.fields}
              rowKey={(f) => f.pointer}
              rowProps={(f) => ({ 'data-pointer': f.pointer })}
              columns={[
                { header: t('application.field'), rowHeader: true, cell: (f) => <code>{f.pointer}</code> },
                { header: t('application.before'), className: 'rl-diff-before', cell: (f) => show(f.before) },
                { header: t('application.after'), cell: (f) => show(f.after) },
              ]}
            />
          ) : null}
          {c.documents.length > 0 ? (
            <p>
              {t('application.newDocuments')}: {c.documents.map((d) => d.filename).join(', ')}
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}

function Filing({ a }: { a: PermitApplicationView }) {
  const { t, lang } = useI18n();
  const f = a.filing;
  if (!f.receivedAt) return null;
  return (
    <div className={`alert ${f.filedIncomplete ? 'alert-warning' : 'alert-info'} mt-5`} data-testid="filing">
      <div className="alert-body">
        <p className="alert-heading">{f.filedIncomplete ? t('application.filedIncomplete') : t('application.filedComplete')}</p>
        {f.filedIncomplete ? (
          <ul className="alert-text">
            {f.missingItems.map((m) => (
              <li key={m.pointer}>
                {lang === 'en' ? m.labelEn : m.labelDa}: {lang === 'en' ? m.en : m.da} ({m.source})
              </li>
            ))}
          </ul>
        ) : null}
        {f.completenessDueOn && !f.completeOn ? (
          <p className="alert-text">
            {t('application.completenessDue')}: {fmtDate(lang, f.completenessDueOn)}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function ApplicationContent({ a }: { a: PermitApplicationView }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Section id="app-shared" title={t('application.shared')} testId="application-shared">
        <SharedValues a={a} />
      </Section>
      <Section id="app-section" title={t('application.section', { name: lang === 'en' ? a.nameEn : a.nameDa })} testId="application-section">
        <SchemaValues schema={a.form.schema} value={a.section} pointer={`/sections/${a.code}`} />
      </Section>
    </>
  );
}

/** The shared part, drawn from the catalogue's shared schema (fetched once per catalogue version). */
function SharedValues({ a }: { a: PermitApplicationView }) {
  const load = useLoad((signal) => api.applicationForm(a.catalogVersion, signal), [a.catalogVersion]);
  return <Loadable load={load}>{(form) => <SchemaValues schema={form.shared} value={a.shared} pointer="/shared" />}</Loadable>;
}

function DownloadButton({ d }: { d: Pick<ApplicationDocumentView, 'id' | 'filename'> }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" className="button button-tertiary" data-testid={`download-${d.id}`} onClick={() => void api.downloadDocument(d.id, d.filename).catch((e: unknown) => setError(describeError(e, t)))}>
        {t('application.download', { file: d.filename })}
      </button>
      {error ? <span className="form-error-message">{error}</span> : null}
    </>
  );
}

function Documents({ a }: { a: PermitApplicationView }) {
  const { t, lang } = useI18n();
  const required = new Map(a.form.requiredDocuments.map((d) => [d.key, lang === 'en' ? d.en : d.da]));
  return (
    <Section id="app-docs" title={t('docs.title')} testId="application-documents">
      {a.documents.length === 0 ? (
        <p>{t('docs.empty')}</p>
      ) : (
        <ul className="nobullet-list">
          {a.documents.map((d) => (
            <li key={d.id} className="mb-3">
              <strong>{d.filename}</strong> ({fmtNumber(lang, Math.max(1, Math.ceil(d.sizeBytes / 1024)))} kB)
              {d.requirementKey ? ` – ${t('application.requiredDoc')}: ${required.get(d.requirementKey) ?? d.requirementKey}` : ''} <DownloadButton d={d} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Answers({ a }: { a: PermitApplicationView }) {
  const { t, lang } = useI18n();
  if (a.infoRequests.length === 0) return null;
  const docs = new Map(a.documents.map((d) => [d.id, d]));
  return (
    <Section id="app-answers" title={t('permit.infoRequests')} testId="application-answers">
      {a.infoRequests.map((r) => (
        <div key={r.round} className="card rl-card mb-5" data-round={r.round}>
          <div className="card-content">
            <p>
              <strong>
                {t('permit.round')} {r.round}:
              </strong>{' '}
              {r.question} <span className="form-hint">({fmtDateTime(lang, r.requestedAt)})</span>
            </p>
            <p>
              <strong>{t('application.answer')}:</strong>{' '}
              {r.answeredAt ? (
                <>
                  <span data-testid="answer-text">{r.answer ?? '–'}</span> <span className="form-hint">({fmtDateTime(lang, r.answeredAt)})</span>
                </>
              ) : (
                t('permit.unanswered')
              )}
            </p>
            {r.answerDocumentIds.length > 0 ? (
              <p>
                {t('application.attachments')}:{' '}
                {r.answerDocumentIds.map((id) => {
                  const d = docs.get(id);
                  return d ? <DownloadButton key={id} d={d} /> : <code key={id}>{id}</code>;
                })}
              </p>
            ) : null}
          </div>
        </div>
      ))}
    </Section>
  );
}

/** The parts of the permit's application, in page order. */
const PARTS: ReadonlyArray<(props: { a: PermitApplicationView }) => ReactNode> = [Changes, Filing, ApplicationContent, Documents, Answers];
