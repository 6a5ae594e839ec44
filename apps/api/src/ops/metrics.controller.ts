import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../auth';
import { ApiProblems } from '../common/openapi';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics (outside the api/v1 prefix, see app.factory.ts): Prometheus text format.
 * Public and not rate limited, as scrapers expect; expose it only on the internal network.
 */
@ApiTags('operations')
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description: 'HTTP request counts and durations by route, queue depths, open permits per authority and risk, and the dashboard KPIs. Outside /api/v1 and not rate limited.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4.', schema: { type: 'string' } })
  // The JSON body parser runs for every route, so even a GET with a broken JSON body is refused.
  @ApiProblems('REQUEST.MALFORMED_JSON', 'REQUEST.TOO_LARGE')
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Cache-Control', 'no-store');
    res.type(contentType).send(body);
  }
}
