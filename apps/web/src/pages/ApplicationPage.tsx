import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Session } from '../api';
import { api, ApiError, describeError, isVersionConflict } from '../api/client';
import type { ApplicationCheck, ApplicationForm, ApplicationView, CaseView, DocumentView, JsonObject, Page } from '../api/types';
import { Section } from '../components/DataTable';
import { Guarded } from '../components/ErrorBoundary';
import { FactsEditor } from '../components/FactsEditor';
import { BackLink, Loadable, StatusMessage } from '../components/common';
import { PageHeading } from '../components/PageHeading';
import { ErrorSummary, jumpToField, type SummaryError } from '../components/ErrorSummary';
import { focusTargetOf, idOf, labelPathAt, SchemaForm, SchemaValues } from '../components/SchemaForm';
import { SubmitButton } from '../components/forms';
import { nameOf } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type I18n } from '../i18n';
import { paths } from '../router';

type Message = { kind: 'success' | 'error'; text: string } | null;

interface Loaded {
  app: ApplicationView;
  form: ApplicationForm;
  check: ApplicationCheck;
  docs: Page<DocumentView>;
  c: CaseView;
}

async function loadAll(caseId: string, signal: AbortSignal): Promise<Loaded> {
  const [app, check, docs, c] = await Promise.all([api.getApplication(caseId, signal), api.checkApplication(caseId, signal), api.listDocuments(caseId, signal), api.getCase(caseId, signal)]);
  return { app, check, docs, c, form: await api.applicationForm(app.catalogVersion, signal) };
}

/**
 * The applicant's application (issue 14): the shared part and one section per permit, all drawn
 * by the generic schema renderer from the catalogue; the draft saved on the server with If-Match;
 * the required documents uploaded per permit; the pre-submission check per permit; and filing of
 * the permits whose check is green.
 */
export function ApplicationPage({ id, session, focusHeading }: { id: string; session: Session; focusHeading?: boolean }) {
  const { t } = useI18n();
  const load = useLoad((signal) => loadAll(id, signal), [id]);
  return (
    <>
      <BackLink session={session} />
      <p>
        <a href={paths.case(id)}>{t('permit.caseLink', { reference: load.data?.app.caseReference ?? '' })}</a>
      </p>
      <Loadable load={load}>
        {(data) => (session.role === 'applicant' ? <Editor data={data} reload={load.reload} focusHeading={focusHeading} /> : <ReadOnly data={data} focusHeading={focusHeading} />)}
      </Loadable>
    </>
  );
}

/** Authorities and coordinators read the application (the sections they may see), drawn from the same schemas. */
function ReadOnly({ data, focusHeading }: { data: Loaded; focusHeading?: boolean }) {
  const { t, lang } = useI18n();
  const { app, form, c } = data;
  return (
    <>
      <PageHeading focus={focusHeading}>
        {t('application.title')} – {c.title}
      </PageHeading>
      <Section id="shared" title={t('application.shared')}>
        <Guarded>
          <SchemaValues schema={form.shared} value={app.shared} pointer="/shared" />
        </Guarded>
      </Section>
      {app.permits.map((p) =>
        form.sections[p.code] ? (
          <Section key={p.code} id={`section-${p.code}`} title={t('application.section', { name: nameOf(lang, p) })}>
            <Guarded>
              <SchemaValues schema={form.sections[p.code].schema} value={app.sections[p.code] ?? {}} pointer={`/sections/${p.code}`} />
            </Guarded>
          </Section>
        ) : null,
      )}
    </>
  );
}

function Editor({ data, reload, focusHeading }: { data: Loaded; reload: () => Promise<void>; focusHeading?: boolean }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { app, form, c } = data;
  const [shared, setShared] = useState<JsonObject>(app.shared);
  const [sections, setSections] = useState<Record<string, JsonObject>>(app.sections);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  // Failed saves so far: the error summary takes focus again after each one.
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState(false);
  // Every newer version — the user's own save, their facts change (which once threw away every
  // unsaved section), someone else's save found by a 409 — is merged with the form: what the user
  // changed since the version the form was loaded from stays, the rest is the newer version's.
  // Sections of permits no longer in the case go with them.
  const loadedFrom = useRef(app);
  useEffect(() => {
    const base = loadedFrom.current;
    loadedFrom.current = app;
    if (base === app) return;
    const codes = new Set(app.permits.map((p) => p.code));
    setShared((mine) => mergeEdited(base.shared, mine, app.shared) as JsonObject);
    setSections((mine) => Object.fromEntries(Object.entries(mergeEdited(base.sections, mine, app.sections) as Record<string, JsonObject>).filter(([code]) => codes.has(code))));
  }, [app.version]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      const saved = await api.saveApplication(app.caseId, app.version, { shared, sections });
      setErrors(new Map());
      await reload();
      setMessage({ kind: 'success', text: t('application.saved', { version: saved.version }) });
    } catch (err) {
      const problem = err instanceof ApiError ? err.problem : null;
      if (problem?.code === 'APPLICATION.INVALID' && problem.errors) {
        const list = problem.errors as Array<{ pointer?: string; field?: string; da?: string; en?: string; message?: string }>;
        setErrors(new Map(list.map((x) => [x.pointer ?? x.field ?? '', (lang === 'en' ? x.en : x.da) ?? x.message ?? ''])));
        setAttempt((n) => n + 1);
      } else if (isVersionConflict(err)) {
        // Someone (a consultant with a fuldmagt, a colleague) saved first: load their version and
        // merge this user's edits onto it (the effect above); saving again stores both.
        await reload();
        setMessage({ kind: 'error', text: t('application.conflictKept') });
      } else setMessage({ kind: 'error', text: describeError(err, t) });
    } finally {
      setPending(false);
    }
  };

  const after = async (text: string) => {
    await reload();
    setMessage({ kind: 'success', text });
  };
  const fail = (err: unknown) => setMessage({ kind: 'error', text: describeError(err, t) });

  return (
    <>
      <PageHeading focus={focusHeading}>
        {t('application.title')} – {c.title}
      </PageHeading>
      <p className="font-lead">{t('application.intro')}</p>
      <ErrorSummary heading={t('errorSummary.heading')} intro={t('application.invalid', { n: errors.size })} errors={summaryOf(errors, data, i18n)} attempt={attempt} testId="error-summary" />
      <StatusMessage message={message} />
      <Guarded>
        <FactsEditor key={app.version} app={app} onDone={after} settlement={c.settlement} industrialPark={c.industrialPark} />
      </Guarded>
      <form onSubmit={save} noValidate data-testid="application-form">
        <Section id="shared" title={t('application.shared')}>
          <Guarded>
            <SchemaForm schema={form.shared} value={shared} onChange={setShared} pointer="/shared" errors={errors} />
          </Guarded>
        </Section>
        {app.permits.map((p) => {
          const section = form.sections[p.code];
          if (!section) return null;
          return (
            <Section key={p.code} id={`section-${p.code}`} title={t('application.section', { name: nameOf(lang, p) })} testId={`section-${p.code}`}>
              <Guarded>
                <SchemaForm
                  schema={section.schema}
                  value={sections[p.code] ?? {}}
                  onChange={(v) => setSections((s) => ({ ...s, [p.code]: v }))}
                  pointer={`/sections/${p.code}`}
                  errors={errors}
                />
              </Guarded>
            </Section>
          );
        })}
        <div className="button-row mt-5">
          <SubmitButton pending={pending}>{t('application.save')}</SubmitButton>
        </div>
      </form>
      {app.permits.map((p) => (
        <RequiredDocuments key={p.code} data={data} permit={p} onDone={after} onError={fail} />
      ))}
      <CheckAndSubmit data={data} onDone={after} onError={fail} />
    </>
  );
}

/** The error summary's links: each field in error named by its labels (section, group, field), then the message. */
function summaryOf(errors: ReadonlyMap<string, string>, { app, form }: Pick<Loaded, 'app' | 'form'>, { t, lang }: I18n): SummaryError[] {
  return [...errors].map(([pointer, message]) => {
    const [, part = '', code = '', ...rest] = pointer.split('/');
    const permit = part === 'sections' ? app.permits.find((p) => p.code === code) : undefined;
    const root = part === 'sections' ? form.sections[code]?.schema : form.shared;
    const inner = part === 'sections' ? rest : [code, ...rest];
    const labels = root ? labelPathAt(root, inner.length ? `/${inner.join('/')}` : '', lang, (n) => t('application.item', { n })) : [];
    return { target: idOf(pointer), text: [permit ? nameOf(lang, permit) : '', ...labels, message].filter(Boolean).join(': '), fallback: () => focusTargetOf(pointer) };
  });
}

function RequiredDocuments({ data, permit, onDone, onError }: { data: Loaded; permit: ApplicationView['permits'][number]; onDone: (text: string) => Promise<void>; onError: (err: unknown) => void }) {
  const { t, lang } = useI18n();
  const required = data.form.sections[permit.code]?.requiredDocuments ?? [];
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  if (required.length === 0) return null;
  const upload = async (key: string) => {
    const file = files[key];
    if (!file) return;
    try {
      await api.uploadDocument(data.app.caseId, file, { permitId: permit.id, requirementKey: key });
      setFiles((f) => ({ ...f, [key]: undefined }));
      await onDone(t('application.uploadedDone', { file: file.name }));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Section id={`docs-${permit.code}`} title={t('application.documents', { name: nameOf(lang, permit) })} testId={`docs-${permit.code}`}>
      <ul className="nobullet-list">
        {required.map((d) => {
          const uploaded = data.docs.items.filter((x) => x.permitId === permit.id && x.requirementKey === d.key);
          const inputId = `file-${permit.code}-${d.key}`;
          return (
            <li key={d.key} className="mb-5" data-requirement={d.key}>
              <strong>{lang === 'en' ? d.en : d.da}</strong> – {uploaded.length > 0 ? `${t('application.uploaded')}: ${uploaded.map((x) => x.filename).join(', ')}` : t('application.notUploaded')}
              <span className="rl-block form-hint">
                {t('application.missingSource', { source: d.source })} {d.inference ? t('application.inference') : ''}
              </span>
              <div className="form-group mt-3">
                <label className="form-label" htmlFor={inputId}>
                  {t('application.chooseFile', { doc: lang === 'en' ? d.en : d.da })}
                </label>
                <input type="file" className="form-file-input" id={inputId} onChange={(e) => setFiles((f) => ({ ...f, [d.key]: e.target.files?.[0] }))} />
              </div>
              <button type="button" className="button button-secondary" disabled={!files[d.key]} onClick={() => void upload(d.key)}>
                {t('application.upload')}
              </button>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function CheckAndSubmit({ data, onDone, onError }: { data: Loaded; onDone: (text: string) => Promise<void>; onError: (err: unknown) => void }) {
  const { t, lang } = useI18n();
  const [pending, setPending] = useState(false);
  const { check, c } = data;
  const complete = check.permits.filter((p) => p.complete);
  const run = async (action: () => Promise<unknown>) => {
    setPending(true);
    try {
      await action();
      await onDone(t('application.submitted'));
    } catch (err) {
      onError(err);
    } finally {
      setPending(false);
    }
  };
  const submitCase = () => run(() => api.caseEvent(c.id, c.version, { type: 'case.submitted', permitCodes: complete.map((p) => p.code) }));
  const submitPermit = (permitId: string) =>
    run(async () => {
      const p = await api.getPermit(permitId);
      await api.permitEvent(permitId, p.version, { type: 'application.submitted' });
    });
  return (
    <Section id="check" title={t('application.check')} testId="application-check">
      <ul className="nobullet-list">
        {check.permits.map((p) => (
          <li key={p.code} className="mb-5" data-permit-code={p.code} data-complete={p.complete ? 'true' : 'false'}>
            <strong>{nameOf(lang, p)}</strong>:{' '}
            {p.complete ? <span className="rl-check-green">{t('application.checkGreen')}</span> : <span>{t('application.checkMissing', { n: p.missing.length })}</span>}
            {p.filingHeld ? <span className="rl-block form-hint">{t('application.permitHeld')}</span> : null}
            {p.missing.length > 0 ? (
              <ul>
                {p.missing.map((m) => (
                  <li key={m.pointer}>
                    {m.kind === 'field' ? (
                      // A link to the field in the form above, as in the error summary.
                      <a href={`#${idOf(m.pointer)}`} onClick={(e) => jumpToField(e, { target: idOf(m.pointer), text: '', fallback: () => focusTargetOf(m.pointer) })}>
                        {lang === 'en' ? m.labelEn : m.labelDa}
                      </a>
                    ) : (
                      <>{lang === 'en' ? m.labelEn : m.labelDa}</>
                    )}
                    : {lang === 'en' ? m.en : m.da}{' '}
                    <span className="form-hint">
                      ({t('application.missingSource', { source: m.source })}
                      {m.inference ? ` ${t('application.inference')}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            {c.state !== 'draft' && p.complete && p.state === 'ready' ? (
              <button type="button" className="button button-primary mt-3" disabled={pending} onClick={() => void submitPermit(p.permitId)}>
                {t('application.submitPermit', { name: nameOf(lang, p) })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {c.allowedEvents.includes('case.submitted') ? (
        <>
          <p className="form-hint">{complete.length === 0 ? t('application.noneComplete') : t('application.submitCaseHint')}</p>
          <button type="button" className="button button-primary" data-testid="submit-complete" disabled={pending || complete.length === 0} onClick={() => void submitCase()}>
            {t('application.submitCase')}
          </button>
        </>
      ) : null}
    </Section>
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of JSON values: `mine` (the form) and `theirs` (the newer saved version), both
 * from `base` (the version the form was loaded from). Where only one side changed a value, that
 * side's value; where both changed the same object, per member; where both changed the same
 * value, mine (the user saves it knowingly, after the message). Arrays are values.
 */
export function mergeEdited(base: unknown, mine: unknown, theirs: unknown): unknown {
  if (sameJson(mine, base)) return theirs;
  if (sameJson(theirs, base) || sameJson(mine, theirs)) return mine;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(mine) || !isObject(theirs)) return mine;
  const was = isObject(base) ? base : {};
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(mine), ...Object.keys(theirs)])) {
    const merged = mergeEdited(was[key], mine[key], theirs[key]);
    if (merged !== undefined) out[key] = merged;
  }
  return out;
}
