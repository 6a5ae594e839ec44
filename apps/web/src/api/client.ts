// Typed API client: openapi-fetch over the generated `paths` (./schema.d.ts, see
// scripts/gen-api.mjs). Every call goes through `unwrap`, which turns problem+json answers into
// ApiError (with the stable `code`) and transport failures into NetworkError. Loosely specified
// responses are narrowed to the hand-written view types in ./types.ts.
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, NetworkError, loadSession, noteAuthFailure, saveBlob, type Problem } from '../api';
import { translate } from '../i18n';
import type { paths } from './schema';
import type {
  AdminUser,
  BusinessCalendar,
  ClosureDayChange,
  ApplicationCheck,
  ApplicationForm,
  ApplicationView,
  PermitApplicationView,
  AdminUserPage,
  CaseEvent,
  DirectoryAuditPage,
  CasePlan,
  CaseSummary,
  CaseView,
  CoordinatedPlan,
  Dashboard,
  DocumentView,
  CaseSort,
  InboxFilter,
  InboxSort,
  NotificationPage,
  NotificationPreference,
  NotificationView,
  Page,
  PermitTask,
  PermitEvent,
  PermitView,
  ProxyGrant,
  ProxyRole,
  PlanChangeRequest,
  ScreeningResult,
  Schemas,
  TaskPage,
  TimelineEntry,
  WhatIfResult,
} from './types';

export { ApiError, NetworkError };

const auth: Middleware = {
  onRequest({ request }) {
    const token = loadSession()?.accessToken;
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
  // A 401 to a request that carried a token: the session expired or was revoked (the re-login
  // dialog, App). Told by what this request sent, not by whether a session exists now.
  onResponse({ request, response }) {
    noteAuthFailure(response.status, request.headers.has('Authorization'));
    return response;
  },
};

// cache: 'no-store' — GET /cases/:id sends ETag = the case version, which does not change when
// one of its permits changes; a browser revalidating with If-None-Match would get a 304 and show
// stale permits. Views are always fetched fresh.
export const client = createClient<paths>({ baseUrl: '', cache: 'no-store' });
client.use(auth);

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call; returns the body as T or throws ApiError / NetworkError. */
export async function unwrap<T>(call: Promise<FetchResult>): Promise<T> {
  let r: FetchResult;
  try {
    r = await call;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
  if (!r.response.ok) {
    const problem = r.error && typeof r.error === 'object' ? (r.error as Problem) : null;
    throw new ApiError(r.response.status, problem);
  }
  return r.data as T;
}

/** A fresh Idempotency-Key (a random UUID; `crypto.randomUUID` exists only in secure contexts, so the same from `getRandomValues` elsewhere). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** If-Match value for optimistic concurrency: the entity version as a quoted ETag. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export const api = {
  screening: (facts: Record<string, unknown>, signal?: AbortSignal) =>
    unwrap<ScreeningResult>(client.POST('/api/v1/screening', { body: facts, signal })),

  /** `idempotencyKey`: the same key with the same body is answered with the first creation's answer (no second case). */
  createCase: (body: { title: string; description?: string; facts: Record<string, unknown> }, idempotencyKey?: string) =>
    unwrap<CaseView>(client.POST('/api/v1/cases', { body, params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} } })),

  listCases: (q: { page?: number; pageSize?: number; state?: string; q?: string; risk?: string; sort?: CaseSort; direction?: 'asc' | 'desc'; organisationId?: string } = {}, signal?: AbortSignal) =>
    unwrap<Page<CaseSummary>>(client.GET('/api/v1/cases', { params: { query: q as never }, signal })),

  getCase: (id: string, signal?: AbortSignal) => unwrap<CaseView>(client.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })),

  caseEvent: (id: string, version: number, event: CaseEvent) =>
    unwrap<CaseView>(client.POST('/api/v1/cases/{id}/events', { params: { path: { id }, header: ifMatch(version) }, body: event })),
  /** A coordinator accepts the open "don't know" answers of a draft case (issue 13 item 15; audited). */
  acceptUnknowns: (id: string, version: number, reason: string) =>
    unwrap<CaseView>(client.POST('/api/v1/cases/{id}/unknowns/accept', { params: { path: { id }, header: ifMatch(version) as never }, body: { reason } })),

  getPermit: (id: string, signal?: AbortSignal) => unwrap<PermitView>(client.GET('/api/v1/permits/{id}', { params: { path: { id } }, signal })),

  /** `takeOver`: act on a task a colleague holds (else 409 TASK.ASSIGNED_TO_COLLEAGUE). */
  permitEvent: (id: string, version: number, event: PermitEvent, opts: { takeOver?: boolean } = {}) =>
    unwrap<PermitView>(
      client.POST('/api/v1/permits/{id}/events', { params: { path: { id }, header: ifMatch(version) }, body: (opts.takeOver ? { ...event, takeOver: true } : event) as never }),
    ),

  permitTask: (id: string, signal?: AbortSignal) => unwrap<{ task: PermitTask | null }>(client.GET('/api/v1/permits/{id}/task', { params: { path: { id } }, signal })),

  // ---- the application (issue 14) ----
  applicationForm: (version: string, signal?: AbortSignal) =>
    unwrap<ApplicationForm>(client.GET('/api/v1/application-form', { params: { query: { version } }, signal })),
  getApplication: (caseId: string, signal?: AbortSignal) =>
    unwrap<ApplicationView>(client.GET('/api/v1/cases/{id}/application', { params: { path: { id: caseId } }, signal })),
  saveApplication: (caseId: string, version: number, body: { shared: Record<string, unknown>; sections: Record<string, Record<string, unknown>> }) =>
    unwrap<ApplicationView>(client.PUT('/api/v1/cases/{id}/application', { params: { path: { id: caseId }, header: ifMatch(version) as never }, body })),
  changeFacts: (caseId: string, version: number, body: { facts: Record<string, unknown>; confirm?: { added: string[]; dropped: string[] } }) =>
    unwrap<{ added: Array<{ code: string; nameDa: string; nameEn: string }>; dropped: Array<{ code: string; nameDa: string; nameEn: string }>; application: ApplicationView }>(
      client.PUT('/api/v1/cases/{id}/application/facts', { params: { path: { id: caseId }, header: ifMatch(version) as never }, body }),
    ),
  checkApplication: (caseId: string, signal?: AbortSignal) =>
    unwrap<ApplicationCheck>(client.GET('/api/v1/cases/{id}/application/check', { params: { path: { id: caseId } }, signal })),
  permitApplication: (permitId: string, signal?: AbortSignal) =>
    unwrap<PermitApplicationView>(client.GET('/api/v1/permits/{id}/application', { params: { path: { id: permitId } }, signal })),
  markApplicationSeen: (permitId: string, version: number) =>
    unwrap<void>(client.POST('/api/v1/permits/{id}/application/seen', { params: { path: { id: permitId } }, body: { version } })),
  /** Downloads a document with the session's token and hands it to the browser as a file. */
  downloadDocument: async (id: string, filename: string) => {
    const token = loadSession()?.accessToken;
    let res: Response;
    try {
      res = await fetch(`/api/v1/documents/${encodeURIComponent(id)}/content`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch (err) {
      throw new NetworkError(err);
    }
    noteAuthFailure(res.status, !!token);
    if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null)) as Problem | null);
    saveBlob(await res.blob(), filename);
  },

  uploadDocument: (caseId: string, file: File, opts: { permitId?: string; description?: string; requirementKey?: string } = {}) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (opts.permitId) form.append('permitId', opts.permitId);
    if (opts.requirementKey) form.append('requirementKey', opts.requirementKey);
    if (opts.description) form.append('description', opts.description);
    return unwrap<DocumentView>(
      client.POST('/api/v1/cases/{id}/documents', {
        params: { path: { id: caseId } },
        body: form as never,
        // Let the browser set multipart/form-data with its boundary.
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  },

  /** A new version of a document (issue 14): supersedes the current one, `version` = the current version seen (If-Match). */
  supersedeDocument: (caseId: string, documentId: string, version: number, file: File, opts: { description?: string } = {}) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (opts.description) form.append('description', opts.description);
    return unwrap<DocumentView>(
      client.POST('/api/v1/cases/{id}/documents/{documentId}/versions', {
        params: { path: { id: caseId, documentId }, header: ifMatch(version) as never },
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  },

  /** Every document of the case (all pages): which requirement is uploaded is read from this list, so none may be cut off. */
  listDocuments: (caseId: string, signal?: AbortSignal) =>
    allPages((page) => unwrap<Page<DocumentView>>(client.GET('/api/v1/cases/{id}/documents', { params: { path: { id: caseId }, query: { pageSize: 100, page } as never }, signal }))),

  timeline: (caseId: string, page = 1, signal?: AbortSignal) =>
    unwrap<Page<TimelineEntry>>(client.GET('/api/v1/cases/{id}/timeline', { params: { path: { id: caseId }, query: { pageSize: TIMELINE_PAGE_SIZE, page } as never }, signal })),

  tasks: (q: { page?: number; pageSize?: number; filter?: InboxFilter; q?: string; sort?: InboxSort; direction?: 'asc' | 'desc'; status?: 'open' | 'done' | 'all' } = {}, signal?: AbortSignal) =>
    unwrap<TaskPage>(client.GET('/api/v1/tasks', { params: { query: q as never }, signal })),

  claimTask: (id: string) => unwrap<Schemas['TaskAssignmentDto']>(client.POST('/api/v1/tasks/{id}/claim', { params: { path: { id } } })),

  notifications: (q: { lang: 'da' | 'en'; page?: number; pageSize?: number; unread?: boolean }, signal?: AbortSignal) =>
    unwrap<NotificationPage>(client.GET('/api/v1/notifications', { params: { query: q as never }, signal })),

  markNotificationRead: (id: string, lang: 'da' | 'en') =>
    unwrap<NotificationView>(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id }, query: { lang } } })),

  markAllNotificationsRead: () => unwrap<{ marked: number }>(client.POST('/api/v1/notifications/read-all', {})),

  notificationPreferences: (signal?: AbortSignal) => unwrap<{ items: NotificationPreference[] }>(client.GET('/api/v1/notifications/preferences', { signal })),

  updateNotificationPreferences: (items: { kind: string; emailMode: 'immediate' | 'digest' | 'off' }[]) =>
    unwrap<{ items: NotificationPreference[] }>(client.PUT('/api/v1/notifications/preferences', { body: { items } as never })),

  plan: (caseId: string, signal?: AbortSignal) => unwrap<CasePlan>(client.GET('/api/v1/cases/{id}/plan', { params: { path: { id: caseId } }, signal })),

  dashboard: (signal?: AbortSignal) => unwrap<Dashboard>(client.GET('/api/v1/dashboard', { signal })),

  // ---- fuldmagter (issue 14 point 6) ----
  proxyGrants: (signal?: AbortSignal) => unwrap<{ items: ProxyGrant[] }>(client.GET('/api/v1/proxy-grants', { signal })),

  receivedProxyGrants: (signal?: AbortSignal) => unwrap<{ items: ProxyGrant[] }>(client.GET('/api/v1/proxy-grants/received', { signal })),

  createProxyGrant: (body: { email: string; role: ProxyRole; caseId?: string; validUntil: string }) => unwrap<ProxyGrant>(client.POST('/api/v1/proxy-grants', { body })),

  revokeProxyGrant: (id: string) => unwrap<null>(client.DELETE('/api/v1/proxy-grants/{id}', { params: { path: { id } } })),

  acceptProxyInvitation: (token: string) => unwrap<ProxyGrant>(client.POST('/api/v1/proxy-grants/accept', { body: { token } })),
  // ---- the agreed coordinated plan, forecasts (issue 16) ----
  coordinatedPlan: (caseId: string, signal?: AbortSignal) =>
    unwrap<CoordinatedPlan>(client.GET('/api/v1/cases/{id}/coordinated-plan', { params: { path: { id: caseId } }, signal })),

  proposePlan: (caseId: string, version: number | null) =>
    unwrap<CoordinatedPlan>(client.POST('/api/v1/cases/{id}/coordinated-plan', { params: { path: { id: caseId }, header: (version ? ifMatch(version) : {}) as never } })),

  agreePlan: (caseId: string, version: number) =>
    unwrap<CoordinatedPlan>(client.POST('/api/v1/cases/{id}/coordinated-plan/agree', { params: { path: { id: caseId }, header: ifMatch(version) as never } })),

  changePlan: (caseId: string, version: number, body: { permitId: string; plannedStartOn?: string; plannedDecisionOn?: string; reasonCode: string; note: string }) =>
    unwrap<{ request: PlanChangeRequest; plan: CoordinatedPlan }>(
      client.POST('/api/v1/cases/{id}/coordinated-plan/changes', { params: { path: { id: caseId }, header: ifMatch(version) as never }, body: body as never }),
    ),

  decidePlanChange: (caseId: string, requestId: string, version: number, verb: 'approve' | 'reject', note?: string) =>
    unwrap<{ request: PlanChangeRequest; plan: CoordinatedPlan }>(
      verb === 'approve'
        ? client.POST('/api/v1/cases/{id}/coordinated-plan/changes/{requestId}/approve', { params: { path: { id: caseId, requestId }, header: ifMatch(version) as never }, body: (note ? { note } : {}) as never })
        : client.POST('/api/v1/cases/{id}/coordinated-plan/changes/{requestId}/reject', { params: { path: { id: caseId, requestId }, header: ifMatch(version) as never }, body: (note ? { note } : {}) as never }),
    ),

  recordMissed: (caseId: string, permitId: string, version: number, explanation: string) =>
    unwrap<CoordinatedPlan>(
      client.POST('/api/v1/cases/{id}/coordinated-plan/items/{permitId}/missed', { params: { path: { id: caseId, permitId }, header: ifMatch(version) as never }, body: { explanation } as never }),
    ),

  escalatePermit: (permitId: string, note: string) => unwrap<unknown>(client.POST('/api/v1/permits/{id}/escalate', { params: { path: { id: permitId } }, body: { note } as never })),

  whatIf: (caseId: string, scenarios: Array<{ kind: 'shorten' | 'jointHearing' | 'startEarlier'; code?: string; codes?: string[]; days: number }>) =>
    unwrap<WhatIfResult>(client.POST('/api/v1/cases/{id}/forecast/what-if', { params: { path: { id: caseId } }, body: { scenarios } as never })),

  reasons: (signal?: AbortSignal) => unwrap<Array<{ code: string; da: string; en: string }>>(client.GET('/api/v1/target-change-reasons', { signal })),

  // ---- admin: users and their external (OIDC) identities ----
  adminUsers: (q: { q?: string; page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
    unwrap<AdminUserPage>(client.GET('/api/v1/admin/users', { params: { query: q as never }, signal })),

  adminUser: (id: string, signal?: AbortSignal) => unwrap<AdminUser>(client.GET('/api/v1/admin/users/{id}', { params: { path: { id } }, signal })),

  adminUserAudit: (id: string, signal?: AbortSignal) =>
    unwrap<DirectoryAuditPage>(client.GET('/api/v1/admin/users/{id}/audit', { params: { path: { id }, query: { pageSize: 100 } as never }, signal })),

  linkIdentity: (id: string, body: { issuer?: string; subject: string }) =>
    unwrap<AdminUser>(client.POST('/api/v1/admin/users/{id}/identities', { params: { path: { id } }, body })),

  unlinkIdentity: (id: string, identityId: string) =>
    unwrap<AdminUser>(client.DELETE('/api/v1/admin/users/{id}/identities/{identityId}', { params: { path: { id, identityId } } })),

  deactivateUser: (id: string, reason?: string) =>
    unwrap<AdminUser>(client.POST('/api/v1/admin/users/{id}/deactivate', { params: { path: { id } }, body: reason ? { reason } : {} })),

  // ---- admin: the business calendar (holiday rules and closure days, issue 13 item 12) ----
  adminCalendar: (year: number, signal?: AbortSignal) =>
    unwrap<BusinessCalendar>(client.GET('/api/v1/admin/calendar', { params: { query: { year } as never }, signal })),

  addClosureDay: (body: { date: string; nameDa: string; nameEn: string; reason: string }) =>
    unwrap<ClosureDayChange>(client.POST('/api/v1/admin/calendar/closure-days', { body })),

  removeClosureDay: (id: string, version: number) =>
    unwrap<unknown>(client.DELETE('/api/v1/admin/calendar/closure-days/{id}', { params: { path: { id }, header: ifMatch(version) } })),

  reactivateUser: (id: string) => unwrap<AdminUser>(client.POST('/api/v1/admin/users/{id}/reactivate', { params: { path: { id } } })),
};

/** A 409 because the object changed since it was read (stale If-Match): reload and try again. Other 409s (a request already decided, a task already taken, a plan change made against moved dates) say something else and are described as such. */
export function isVersionConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && (err.problem?.code === undefined || err.problem.code === 'CONCURRENCY.VERSION_CONFLICT');
}

/** Entries of the case history per page. */
export const TIMELINE_PAGE_SIZE = 50;

/** Reads a paged list to its end (the API's largest page is 100): one Page holding every item. */
async function allPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<Page<T>> {
  const first = await fetchPage(1);
  const items = [...first.items];
  for (let page = 2; items.length < first.total && (page - 1) * first.pageSize < first.total; page++) items.push(...(await fetchPage(page)).items);
  return { ...first, items, page: 1, pageSize: items.length || first.pageSize };
}

const DANISH_NETWORK_ERROR = translate('da', 'error.network');

type ErrorText = (key: 'error.network' | 'error.http' | `problem.${KnownProblem}`, vars?: Record<string, string | number>) => string;

/** Problems every page can meet, said in the user's language (the API's `detail` is English). */
const KNOWN_PROBLEMS = ['AUTH.UNAUTHENTICATED', 'AUTH.INVALID_TOKEN', 'AUTH.UNKNOWN_USER', 'AUTH.FORBIDDEN', 'AUTH.USER_DEACTIVATED', 'CONCURRENCY.VERSION_CONFLICT', 'REQUEST.RATE_LIMITED', 'REQUEST.TOO_LARGE', 'TASK.ALREADY_CLAIMED', 'PLAN.REQUEST_OUTDATED', 'INTERNAL.ERROR'] as const;
type KnownProblem = (typeof KNOWN_PROBLEMS)[number];
const isKnownProblem = (code: string | undefined): code is KnownProblem => (KNOWN_PROBLEMS as readonly (string | undefined)[]).includes(code);

/**
 * Human-readable message for any error thrown by `api`: a known problem in the user's language;
 * otherwise the API's detail, field errors in the user's language where the API gives them
 * (`da`/`en`), and the stable code for support.
 */
export function describeError(err: unknown, t: ErrorText): string {
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError) {
    const code = err.problem?.code;
    const known = isKnownProblem(code) ? code : err.status >= 500 ? 'INTERNAL.ERROR' : null;
    if (known) return `${t(`problem.${known}`)}${code ? ` (${code})` : ''}`;
    // The language the caller's texts are in: the network error's text says it.
    const danish = t('error.network') === DANISH_NETWORK_ERROR;
    const fields = err.problem?.errors?.map((e) => [e.field ?? e.pointer, (danish ? e.da : e.en) ?? e.message].filter(Boolean).join(': ')).join('; ');
    const detail = fields ? (danish ? 'Nogle felter er ikke udfyldt rigtigt' : 'Some fields are not filled in correctly') : (err.problem?.detail ?? err.problem?.title);
    const text = [detail, fields].filter(Boolean).join(' – ');
    return text ? `${text}${code ? ` (${code})` : ''}` : t('error.http', { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}
