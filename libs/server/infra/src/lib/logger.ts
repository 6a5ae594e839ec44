import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

/**
 * Structured JSON logs (one object per line) through pino. Credentials never reach a log line:
 * tokens are redacted wherever a request can carry them (query string, headers, cookies, the
 * Set-Cookie we answer with) and anything shaped like a JWT is masked in every message.
 */
export const REDACTED = '[redacted]';

/** Query parameters and header names that carry credentials (`?token=` for Bull Board, OIDC `code`, …). */
const SECRET_NAME = /token|secret|passw|pwd|auth|session|cookie|signature|^sig$|^code$|api[-_]?key|credential/i;
/** A JWS/JWT in compact form (header.payload.signature, the header always starts with `eyJ`). */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

export function redactText(text: string): string {
  return text.replace(JWT_SHAPE, REDACTED);
}

/** The URL with the value of every credential-like query parameter (and any JWT) replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return redactText(url);
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        /* keep the raw name */
      }
      return SECRET_NAME.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return redactText(`${url.slice(0, q)}?${query}`);
}

function redactRecord(record: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!record || typeof record !== 'object') return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    out[k] = SECRET_NAME.test(k) ? REDACTED : typeof v === 'string' ? redactText(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? redactText(x) : x)) : v;
  }
  return out;
}

interface SerializedReq {
  id?: unknown;
  method?: string;
  url?: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

/** pino-http serializers: the standard request/response fields, credentials redacted. */
export const httpLogSerializers = {
  req: (req: SerializedReq) => ({
    id: req.id,
    method: req.method,
    url: redactUrl(req.url),
    query: redactRecord(req.query),
    params: redactRecord(req.params),
    headers: redactRecord(req.headers),
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  }),
  res: (res: { statusCode?: number; headers?: Record<string, unknown> }) => ({
    statusCode: res.statusCode,
    headers: redactRecord(res.headers),
  }),
};

/** Loggers that print for people (`LOG_FORMAT=pretty`): their Nest adapter keeps start-up quiet. */
const PRETTY_LOGGERS = new WeakSet<Logger>();

/**
 * `LOG_FORMAT=pretty` (what `npm start` sets in development): one coloured, human-readable line
 * per entry through pino-pretty, synchronously on stdout. Production keeps JSON (the default).
 */
function prettyDestination(): DestinationStream {
  return pinoPretty({
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context,name',
    messageFormat: '{service}{if context} [{context}]{end} {msg}',
    sync: true,
  });
}

export function createRootLogger(level: string, name: string, destination?: DestinationStream, format: 'json' | 'pretty' = 'json'): Logger {
  const logger = createLogger(level, name, destination ?? (format === 'pretty' ? prettyDestination() : undefined));
  if (format === 'pretty') PRETTY_LOGGERS.add(logger);
  return logger;
}

/** Nest start-up chatter (one line per module and per route, ~70 lines): debug level in pretty mode. */
const BOOTSTRAP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: httpLogSerializers,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', 'accessToken', 'token'],
        censor: REDACTED,
      },
      hooks: {
        // Messages are free text (framework errors quote URLs): mask JWTs in them too.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(1),
  );
}

/** Adapts pino to Nest's LoggerService so framework logs are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context && BOOTSTRAP_CONTEXTS.has(context) && PRETTY_LOGGERS.has(this.logger)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace: trace === undefined ? undefined : redactText(String(trace)) }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}
