import { Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { Public } from '../auth';
import { Endpoint } from '../common/endpoint';
import { ApiError } from '../common/problem';
import { scrapeAllowed } from './metrics-access';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics on the API port (outside the api/v1 prefix, see app.factory.ts): Prometheus text
 * format. Not there at all when METRICS_PORT moves it to an internal port (metrics-server.ts);
 * behind `Authorization: Bearer <METRICS_TOKEN>` when that is set (required in production
 * unless METRICS_PORT is). Public to the user AuthGuard, which knows only user tokens.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // The JSON body parser runs for every route, so even a GET with a broken JSON body is refused.
  @Endpoint('GET', '/', {
    summary: 'Prometheus metrics (text exposition format)',
    description: 'HTTP request counts and durations by route, queue depths, open permits per authority and risk, and the dashboard KPIs. Outside /api/v1. Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; absent (404) on this port when METRICS_PORT serves it on an internal port.',
    produces: 'text/plain',
    ok: { description: 'Prometheus text format 0.0.4.', schema: { type: 'string' } },
    problems: ['REQUEST.MALFORMED_JSON', 'REQUEST.TOO_LARGE', 'REQUEST.VALIDATION_FAILED', 'AUTH.UNAUTHENTICATED', 'REQUEST.NOT_FOUND'],
  })
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.config.METRICS_PORT !== undefined) throw new ApiError('REQUEST.NOT_FOUND', `Cannot GET ${req.path}`);
    if (!scrapeAllowed(req, this.config.METRICS_TOKEN)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new ApiError('AUTH.UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
    }
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  }
}
