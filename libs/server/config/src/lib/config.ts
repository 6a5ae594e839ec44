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
    /** HMAC key for dev-login JWTs (AUTH_MODE=dev only). */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
    OIDC_ISSUER: z.url().optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    /** Defaults to `${OIDC_ISSUER}/.well-known/jwks.json` when unset. */
    OIDC_JWKS_URL: z.url().optional(),
    PORT: port.default(3000),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
    /** Origin of the web app, for CORS in development. */
    WEB_ORIGIN: z.string().default('http://127.0.0.1:5173'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
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
    }
  });

export type AppConfig = z.infer<typeof schema> & {
  /** Effective dev-login signing key (a fixed development key when JWT_SECRET is unset). */
  jwtSecret: string;
};

export class ConfigError extends CodedError<'CONFIG.INVALID'> {
  constructor(readonly problems: string[]) {
    super('CONFIG.INVALID', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Development-only signing key; AUTH_MODE=dev is refused in production. */
const DEV_JWT_SECRET = 'rod-lober-development-signing-key-not-for-production';

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Empty strings count as unset, so `FOO= npm start` does not fail in a confusing way.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return { ...parsed.data, jwtSecret: parsed.data.JWT_SECRET ?? DEV_JWT_SECRET };
}
