import 'reflect-metadata';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import pinoHttp from 'pino-http';
import type { Server } from 'node:http';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import type { AppConfig } from '@rl/config';
import { createRootLogger, httpLogSerializers, PinoNestLogger, REDIS } from '@rl/server-infra';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { ProblemDto, ProblemFieldErrorDto } from './common/problem.dto';
import { finishOpenApi } from './common/openapi';
import { eventSchemas } from './cases/event-schemas';
import { bodyParserProblems } from './common/body-parser-problems';
import { requireJsonBody } from './common/require-json';
import { formBodyFor } from './common/form-body';
import { SchemaRegistry } from './schemas/schemas.controller';
import { rejectNul } from './common/reject-nul';
import { rejectLoneSurrogates, verifyJsonBody } from './common/json-guard';
import { keepRawJsonBody } from './common/raw-json-body';
import { hardenHttpServer, requestIdFrom } from './common/http-server';
import { rateLimit } from './common/rate-limit';
import { QueryGuardInterceptor } from './common/query-guard';
import { bearerToken } from './auth/auth.guard';
import { TokenService } from './auth/token.service';
import { ADMIN_COOKIE, readCookie } from './ops/admin-auth';
import { BULL_BOARD_HELMET, httpMetricsMiddleware, isBullBoardPath, MetricsService } from './ops';

export const API_PREFIX = 'api/v1';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Rød Løber API')
    .setDescription(
      'One-stop-shop for production-site permits (L 206 of 2025). Errors are RFC 9457 problem+json with a stable `code`; ' +
        'every operation lists the codes it can answer per status. Public operations have `security: []`. ' +
        '`POST /api/v1/test/clock` exists only with ENABLE_TEST_CLOCK=1 (never in production).',
    )
    .setVersion('1')
    .addServer('http://127.0.0.1:3000', 'Local API under `npm start` (the next free port when 3000 is taken)')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, ProblemFieldErrorDto] });
  doc.info.license = { name: 'UNLICENSED (proprietary, see package.json)' };
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...eventSchemas() } };
  return finishOpenApi(doc, app);
}

/** The global prefix, with /metrics outside it (Prometheus' conventional path). */
function setPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
}

/**
 * The OpenAPI document without PostgreSQL or Redis: Nest's preview mode registers modules and
 * routes but instantiates no provider (no connections). Used to regenerate the web client's
 * types (apps/web/scripts/gen-api.mjs) and by the lint test (tests/lint/openapi.spec.ts).
 */
export async function buildOpenApiOffline(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
  setPrefix(app);
  return buildOpenApi(app);
}

/** Builds the fully configured HTTP app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig, logger = createRootLogger(config.LOG_LEVEL, 'api')): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  // Who may tell us the client address (X-Forwarded-For): the anonymous rate-limit budget is per IP.
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  hardenHttpServer(app.getHttpServer() as Server, { requestTimeoutMs: config.REQUEST_TIMEOUT_MS });
  // Counts every response (also guard rejections, 404s and Bull Board) by route pattern.
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  const health = `/${API_PREFIX}/health`;
  app.use(
    pinoHttp({
      logger,
      // Tokens in ?token=, Authorization, Cookie and Set-Cookie never reach the log.
      serializers: httpLogSerializers,
      genReqId: (req, res) => {
        const id = requestIdFrom(req.headers['x-request-id']);
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === health },
    }),
  );
  if (config.RATE_LIMIT_ENABLED) {
    // Before body parsing and routing: malformed bodies and unknown routes spend the budget too.
    const tokens = app.get(TokenService);
    app.use(
      rateLimit({
        redis: app.get<Redis>(REDIS),
        pointsPerMinute: config.RATE_LIMIT_PER_MINUTE,
        skip: (req) => req.path === health,
        identify: async (req: Request) => {
          const token = bearerToken(req.headers.authorization) ?? readCookie(req.headers.cookie, ADMIN_COOKIE);
          if (!token) return undefined;
          const claims = await tokens.verifyOnce(req, token).catch(() => undefined);
          return claims ? `${claims.iss ?? ''}|${claims.sub}` : undefined;
        },
      }),
    );
  }
  // Swagger UI and Bull Board need inline scripts; everything else gets the strict default CSP.
  app.use((req: { path: string }, res: unknown, next: () => void) =>
    req.path.startsWith('/api/docs')
      ? helmet({ contentSecurityPolicy: false })(req as never, res as never, next)
      : isBullBoardPath(req.path)
        ? helmet(BULL_BOARD_HELMET)(req as never, res as never, next)
        : helmet()(req as never, res as never, next),
  );
  // verifyJsonBody refuses non-UTF-8 bytes and bodies nested too deep / too wide BEFORE they are
  // parsed (and long before class-transformer walks them). Nest's option type omits `verify`
  // (it uses it for rawBody, which is off here) but passes the options to body-parser unchanged.
  const jsonOptions = { limit: '256kb', type: ['application/json', 'application/*+json'], verify: verifyJsonBody };
  app.useBodyParser('json', jsonOptions);
  // body-parser failures (malformed JSON, too large, too deep) never reach Nest's filters: answer them here.
  app.use(bodyParserProblems);
  // Unpaired UTF-16 surrogates ("\udc00") in any string: 422 before any handler runs.
  app.use(rejectLoneSurrogates);
  // The facts-screening routes screen the body as sent, before ValidationPipe strips keys in place.
  app.use(keepRawJsonBody([`/${API_PREFIX}/screening`, `/${API_PREFIX}/cases`]));
  // A body in another media type would otherwise look like "no body" (misleading 400/422).
  // The OAuth2 token endpoint takes a form (RFC 6749 §4.4.2); it is parsed here and exempt below.
  app.use(formBodyFor(`/${API_PREFIX}/oauth/token`));
  app.use(requireJsonBody(`/${API_PREFIX}/`, [`/${API_PREFIX}/oauth/token`]));
  // API answers are personal and change with time (clocks, allowed events): never cache them, so
  // a browser never revalidates an ETag (the version for If-Match) into a stale 304.
  app.use((req: { path: string }, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    if (req.path.startsWith(`/${API_PREFIX}/`)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // PostgreSQL cannot store U+0000: refuse it as a validation error instead of failing with a 500.
  app.use(rejectNul(`/${API_PREFIX}/`));
  app.enableCors({ origin: config.WEB_ORIGIN, exposedHeaders: ['ETag', 'Location', 'x-request-id'] });
  setPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new QueryGuardInterceptor());
  // The API description is a map for attackers too: off in production unless API_DOCS=1.
  // The exchange format's JSON Schemas come from the same document (issue 18 item 3).
  const document = buildOpenApi(app);
  app.get(SchemaRegistry).load(document, config.PUBLIC_API_URL);
  if (config.apiDocs) {
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  }
  return app;
}
