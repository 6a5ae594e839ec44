import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CodedError } from '@rl/errors';

/**
 * All configuration, validated once at boot (api, worker, scripts). A bad value stops the
 * process with one readable message listing every problem, instead of failing later at the
 * first request that touches it.
 */
const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** PostgreSQL connection string, e.g. postgres://postgres@127.0.0.1:5432/rodlober */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
    /** Redis connection string, e.g. redis://127.0.0.1:6379/0 */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
    /** Refuse to start unless Redis' maxmemory-policy is noeviction (BullMQ needs it). */
    REDIS_REQUIRE_NOEVICTION: bool.default(true),
    /** 'dev' = POST /auth/dev-login for seeded users; 'oidc' = bearer JWTs from an issuer's JWKS. */
    AUTH_MODE: z.enum(['dev', 'oidc']).default('dev'),
    /** HMAC key for dev-login JWTs (AUTH_MODE=dev only). Required in production. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Local state of this installation (the generated development signing key). */
    DATA_DIR: z.string().default('.data'),
    JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
    OIDC_ISSUER: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    /** Defaults to `${OIDC_ISSUER}/.well-known/jwks.json` when unset. */
    OIDC_JWKS_URL: z.url().optional(),
    /**
     * The web app's client at OIDC_ISSUER (a public client: authorization code with PKCE, no
     * secret; its redirect URIs are the web app's origin + `/` and + `/?oidc-popup`). Unset with
     * AUTH_MODE=oidc: the web app offers no login (API clients still bring their own tokens).
     */
    OIDC_WEB_CLIENT_ID: z.string().min(1).optional(),
    /** The scopes the web app asks OIDC_ISSUER for (space-separated). */
    OIDC_WEB_SCOPE: z.string().min(1).default('openid'),
    /** Keys older than this are refetched in the background; until a fetch succeeds the old keys stay in use (issuer outages). */
    OIDC_JWKS_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(600),
    /** After a successful JWKS fetch, an unknown `kid` triggers another fetch only after this many seconds. */
    OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(30),
    PORT: port.default(3000),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** json: one JSON object per line (production, log shippers); pretty: human-readable lines (`npm start`). */
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    SMTP_HOST: z.string().default('127.0.0.1'),
    SMTP_PORT: port.default(1025),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_FROM: z.string().default('Rød Løber <no-reply@rodlober.example>'),
    /** Exposes POST /test/clock; never in production. */
    ENABLE_TEST_CLOCK: bool.default(false),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    /** Root folder for uploaded documents when STORAGE_DRIVER=local. */
    STORAGE_ROOT: z.string().default('.data/documents'),
    MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
    /** Bucket for uploaded documents; required when STORAGE_DRIVER=s3. */
    S3_BUCKET: z.string().min(1).optional(),
    /** S3-compatible endpoint (MinIO, Ceph, …); unset = AWS. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).optional(),
    /** Static credentials; unset = the AWS default credential chain (env, profile, IAM role). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style URLs (`endpoint/bucket/key`), needed by most S3-compatible servers. */
    S3_FORCE_PATH_STYLE: bool.default(false),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /**
     * API processes (issue 20 item 4): above 1, `apps/api/src/main.ts` is a node cluster primary
     * that forks this many API processes sharing the port (and forks a new one when one dies).
     */
    API_PROCS: z.coerce.number().int().min(1).max(64).default(1),
    /** Origin of the web app, for CORS in development. */
    WEB_ORIGIN: z.string().default('http://127.0.0.1:5173'),
    /** One budget per authenticated user (per client IP when anonymous) across all routes. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    /** Off only for tests that must not be limited (the fuzz test). */
    RATE_LIMIT_ENABLED: bool.default(true),
    /**
     * Which proxies may set X-Forwarded-For (Express "trust proxy"): `false`, a hop count, or a
     * comma-separated list of addresses/subnets/names (`loopback`, `uniquelocal`, `10.0.0.0/8`).
     * The client IP of anonymous rate limiting is taken from it.
     */
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .transform((v): boolean | number | string[] => (/^(false|0|no)$/i.test(v) ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((s) => s.trim()).filter(Boolean))),
    /** Bearer token Prometheus must send for GET /metrics on the API port. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Serve GET /metrics on this separate (internal) port instead of the API port. */
    METRICS_PORT: port.optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    /** OpenAPI UI (/api/docs) and JSON (/api/docs-json); default on, except in production. */
    API_DOCS: bool.optional(),
    /** Whole-request deadline (headers + body); a slower client gets 408 and is disconnected. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    /**
     * How notifications leave (issue 18 item 4): `smtp` (e-mail), `file-drop` (one structured
     * JSON file per message in FILE_DROP_DIR — a stand-in for a Digital Post gateway), or both.
     */
    NOTIFICATION_TRANSPORT: z.enum(['smtp', 'file-drop', 'smtp+file-drop']).default('smtp'),
    FILE_DROP_DIR: z.string().min(1).default('.data/message-drop'),
    /** Lifetime of a machine client's access token (OAuth2 client credentials). */
    CLIENT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    /** Public base URL of the API (CloudEvents `source`, schema links in webhook payloads). */
    PUBLIC_API_URL: z.url().default('http://127.0.0.1:3000/api/v1'),
    /** One webhook attempt (connect + answer) at most this long; issue 18: 10 s. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts of a delivery before it is dead (dead-letter, replayable). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
    /** First retry delay; each further retry doubles it (BullMQ exponential backoff). */
    WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    /** Bytes of a receiver's answer read at most (the rest is dropped). */
    WEBHOOK_MAX_RESPONSE_BYTES: z.coerce.number().int().min(0).max(10_485_760).default(65_536),
    /** Parallel webhook deliveries per worker. */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(32),
  })
  .superRefine((c, ctx) => {
    if (c.AUTH_MODE === 'oidc') {
      if (!c.OIDC_ISSUER) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'required when AUTH_MODE=oidc' });
      if (!c.OIDC_AUDIENCE) ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'required when AUTH_MODE=oidc' });
    }
    if (c.STORAGE_DRIVER === 's3' && !c.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE_DRIVER=s3' });
    }
    if (!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together' });
    }
    if (c.NODE_ENV === 'production') {
      if (c.AUTH_MODE === 'dev') ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'dev login is not allowed in production' });
      if (c.ENABLE_TEST_CLOCK) ctx.addIssue({ code: 'custom', path: ['ENABLE_TEST_CLOCK'], message: 'the test clock is not allowed in production' });
      // Never fall back to a generated key in production: it would differ per host and restart.
      if (!c.JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required in production' });
      if (c.METRICS_TOKEN === undefined && c.METRICS_PORT === undefined) {
        ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'GET /metrics must not be public in production: set METRICS_TOKEN or METRICS_PORT' });
      }
    }
  });

export type AppConfig = z.infer<typeof schema> & {
  /** Effective dev-login signing key: JWT_SECRET, else a random key kept in DATA_DIR (never in production). */
  jwtSecret: string;
  /** Whether /api/docs and /api/docs-json are served (API_DOCS, else off in production). */
  apiDocs: boolean;
};

export class ConfigError extends CodedError<'CONFIG.INVALID'> {
  constructor(readonly problems: string[]) {
    super('CONFIG.INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * Development signing key when JWT_SECRET is unset: random, created once per data directory and
 * kept there, so restarts keep sessions while no two installations share a key (a key in the
 * source let anyone forge an admin token). `wx` makes concurrent first starts agree on one key.
 */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 32) return key;
    throw new Error(`${file} holds less than 32 characters`);
  } catch (e) {
    throw new ConfigError([`JWT_SECRET: unset, and no development key could be kept in ${file} (${(e as Error).message}); set JWT_SECRET or a writable DATA_DIR`]);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO= npm start` does not fail in a confusing way.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, jwtSecret: c.JWT_SECRET ?? developmentKey(c.DATA_DIR), apiDocs: c.API_DOCS ?? c.NODE_ENV !== 'production' };
}
