import { isRole, DEMO_USERS, type Role } from './users';

// Minimal client for the REST contract (base /api/v1). The dev server and nginx proxy /api.
export const API_BASE = '/api/v1';

const TOKEN_KEY = 'rl.accessToken';
const USER_KEY = 'rl.username';
// Stored for OIDC sessions, whose token's `sub` is the provider's subject and carries no role of ours.
const ROLE_KEY = 'rl.role';
const USER_ID_KEY = 'rl.userId';

export interface Session {
  accessToken: string;
  username: string;
  role: Role | null;
  /** `sub` of the token (users.id), e.g. to recognise tasks assigned to me. */
  userId: string | null;
}

/** RFC 9457 problem details (subset) plus the stable `code` used by the API. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  /** Field errors of a validation failure (REQUEST.VALIDATION_FAILED). */
  errors?: Array<{ field?: string; pointer?: string; code?: string; message?: string; da?: string; en?: string }>;
  /** TASK.ASSIGNED_TO_COLLEAGUE: who holds the task (for the take-over step). */
  assignedToName?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** Thrown when the request never got an HTTP response (API down, proxy error, offline). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

// ---- an expired session (401 to a request that carried the session's token) ----

const expiredListeners = new Set<() => void>();

/** Calls `listener` whenever a request sent with the session's token is answered 401; returns the unsubscribe. */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => void expiredListeners.delete(listener);
}

/**
 * Every client reports its answers here: a 401 to a request that carried a token means the
 * session is no longer valid (expired, revoked) and the app offers to log in again in place. The
 * login request itself carries no token, so its 401 (unknown user) never opens that prompt.
 */
export function noteAuthFailure(status: number, sentToken: boolean): void {
  if (status === 401 && sentToken) for (const listener of [...expiredListeners]) listener();
}

// ---- session (sessionStorage: survives reloads, not new tabs / browser restarts) ----

export function loadSession(): Session | null {
  try {
    const accessToken = sessionStorage.getItem(TOKEN_KEY);
    const username = sessionStorage.getItem(USER_KEY);
    if (!accessToken || !username) return null;
    const role = sessionStorage.getItem(ROLE_KEY);
    return { accessToken, username, role: isRole(role) ? role : roleOf(accessToken, username), userId: sessionStorage.getItem(USER_ID_KEY) ?? subOf(accessToken) };
  } catch {
    return null;
  }
}

function saveSession(accessToken: string, username: string, who?: { role: Role; userId: string }): Session {
  clearSession();
  sessionStorage.setItem(TOKEN_KEY, accessToken);
  sessionStorage.setItem(USER_KEY, username);
  if (who) {
    sessionStorage.setItem(ROLE_KEY, who.role);
    sessionStorage.setItem(USER_ID_KEY, who.userId);
  }
  return { accessToken, username, role: who?.role ?? roleOf(accessToken, username), userId: who?.userId ?? subOf(accessToken) };
}

export function clearSession(): void {
  for (const key of [TOKEN_KEY, USER_KEY, ROLE_KEY, USER_ID_KEY]) sessionStorage.removeItem(key);
}

/** A login that came back as another user than the one whose session expired. */
export class OtherUserError extends Error {
  constructor(readonly username: string) {
    super(`Logged in as ${username}, not as the user of this session.`);
    this.name = 'OtherUserError';
  }
}

/**
 * The session for an access token from the OpenID provider: who the API says the token is
 * (GET /auth/me). With `expectedUserId` (re-login), a token of anyone else is refused and the
 * current session stays as it is.
 */
export async function sessionFromToken(accessToken: string, expectedUserId?: string | null): Promise<Session> {
  const me = await apiRequest<{ userId: string; username: string; role: string }>('/auth/me', { token: accessToken });
  if (!isRole(me.role)) throw new ApiError(500, { title: `Unknown role ${me.role}` });
  // A re-login (expectedUserId given) must be the same user; a session whose user is unknown accepts no one.
  if (expectedUserId !== undefined && (expectedUserId === null || me.userId !== expectedUserId)) throw new OtherUserError(me.username);
  return saveSession(accessToken, me.username, { role: me.role, userId: me.userId });
}

/** Role from the JWT payload (`role` or first of `roles`), falling back to the demo user list. */
function roleOf(token: string, username: string): Role | null {
  const claims = decodeJwtPayload(token);
  const claimed = claims?.role ?? (Array.isArray(claims?.roles) ? claims.roles[0] : undefined);
  if (isRole(claimed)) return claimed;
  return DEMO_USERS.find((u) => u.username === username)?.role ?? null;
}

function subOf(token: string): string | null {
  const sub = decodeJwtPayload(token)?.sub;
  return typeof sub === 'string' ? sub : null;
}

function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// ---- fetch ----

interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /** Statuses whose JSON body is returned instead of throwing (e.g. 503 from the health check). */
  acceptStatus?: readonly number[];
}

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }

  noteAuthFailure(res.status, !!opts.token);
  const data = await readJson(res);
  if (res.ok || opts.acceptStatus?.includes(res.status)) {
    if (data === undefined) throw new ApiError(res.status, { title: 'Invalid JSON response' });
    return data as T;
  }
  throw new ApiError(res.status, data && typeof data === 'object' ? (data as Problem) : null);
}

async function readJson(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

// ---- endpoints ----

// ---- raw fetch (binary answers, multipart, If-Match, calls without a session) ----

export interface SendInit {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  headers?: Record<string, string>;
  /** false: call without the session's token (the public pages). */
  auth?: boolean;
}

/**
 * fetch under API_BASE (or an absolute `/api/...` path) with the session's bearer token; problem+json
 * answers become ApiError, transport failures NetworkError. For the hand-written clients beside the
 * generated one (decisions, referrals, transparency).
 */
export async function send(path: string, init: SendInit = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/pdf, application/problem+json', ...(init.headers ?? {}) };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = init.auth === false ? null : loadSession()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    const payload = init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    res = await fetch(path.startsWith('/api/') ? path : `${API_BASE}${path}`, { method: init.method ?? (payload === undefined ? 'GET' : 'POST'), headers, body: payload, cache: 'no-store' });
  } catch (err) {
    throw new NetworkError(err);
  }
  noteAuthFailure(res.status, !!token);
  if (!res.ok) {
    const problem = (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json().catch(() => null)) as Problem | null) : null;
    throw new ApiError(res.status, problem);
  }
  return res;
}

/** The JSON body of a `send` answer. */
export const json = async <T>(r: Promise<Response>): Promise<T> => (await (await r).json()) as T;

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function devLogin(username: string): Promise<Session> {
  const { accessToken } = await apiRequest<{ accessToken: string }>('/auth/dev-login', {
    method: 'POST',
    body: { username },
  });
  if (typeof accessToken !== 'string' || !accessToken) throw new ApiError(500, { title: 'No accessToken in response' });
  return saveSession(accessToken, username);
}

/** @nestjs/terminus health check result. */
export interface HealthIndicator {
  status: 'up' | 'down' | string;
  message?: string;
  [key: string]: unknown;
}

export interface HealthResult {
  status: 'ok' | 'error' | 'shutting_down' | string;
  info?: Record<string, HealthIndicator>;
  error?: Record<string, HealthIndicator>;
  details?: Record<string, HealthIndicator>;
}

/** Terminus answers 503 with the same body shape when an indicator is down. */
export function getHealth(token: string | null, signal?: AbortSignal): Promise<HealthResult> {
  return apiRequest<HealthResult>('/health', { token, signal, acceptStatus: [503] });
}

/** Status of one indicator, looking in details, then error, then info. */
export function indicatorStatus(health: HealthResult, name: string): 'up' | 'down' | 'unknown' {
  const ind = health.details?.[name] ?? health.error?.[name] ?? health.info?.[name];
  if (!ind) return 'unknown';
  return ind.status === 'up' ? 'up' : 'down';
}
