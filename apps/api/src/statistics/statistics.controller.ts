import { Header, Inject, Module, Query, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rl/server-infra';

import { BearerController } from '../common/bearer-controller';
import { ApiError } from '../common/problem';
import { Endpoint } from '../common/endpoint';
import { STATISTICS_OPENAPI_SCHEMA } from '../transparency/statistics-openapi';
import { renderReport } from './report';
import SCHEMA from './statistics.schema.json';
import { StatisticsSchemaDocumentDto } from './statistics.dto';
import { isQuarter, StatisticsService, toCsv } from './statistics.service';

interface RawResponse {
  setHeader(name: string, value: string): void;
}

function range(from?: string, to?: string) {
  for (const [k, v] of [['from', from], ['to', to]] as const) {
    if (v !== undefined && !isQuarter(v)) throw new ApiError('REQUEST.VALIDATION_FAILED', `${k} must be a quarter like 2027-Q3.`, { errors: [{ field: k, code: 'INVALID_QUARTER', message: 'YYYY-Qn' }] });
  }
  return { from, to };
}

/** L 206 statistics (issue 16 item 4): JSON (versioned schema), CSV, and a printable report. Coordinators only. */
@BearerController('statistics', 'statistics')
export class StatisticsController {
  constructor(
    private readonly stats: StatisticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiQuery({ name: 'from', required: false, example: '2027-Q1' })
  @ApiQuery({ name: 'to', required: false, example: '2027-Q4' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @Endpoint('GET', '/', {
    roles: ['coordinator'],
    summary: 'Processing-time statistics per permit type, authority and quarter, and ceiling compliance (docs/statistics.md); JSON by default, CSV with format=csv',
    produces: ['application/json', 'text/csv'],
    ok: {
      description: 'JSON (default): the export, schema rl-l206-statistics/1 (GET /statistics/schema). CSV (format=csv, a download): the `permits` rows only, a header line and one line per permit type × authority × quarter',
      content: { 'application/json': { schema: STATISTICS_OPENAPI_SCHEMA }, 'text/csv': { schema: { type: 'string' } } },
    },
    problems: ['REQUEST.VALIDATION_FAILED'],
  })
  async get(@Query('from') from: string | undefined, @Query('to') to: string | undefined, @Query('format') format: string | undefined, @Res({ passthrough: true }) res: RawResponse) {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw new ApiError('REQUEST.VALIDATION_FAILED', 'format must be json or csv.', { errors: [{ field: 'format', code: 'INVALID', message: 'json | csv' }] });
    const s = await this.stats.compute(range(from, to), this.clock.now());
    if (format !== 'csv') return s;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="l206-statistics-${s.generatedAt.slice(0, 10)}.csv"`);
    return toCsv(s);
  }

  @Header('content-type', 'application/schema+json')
  @Endpoint('GET', 'schema', {
    roles: ['coordinator'],
    summary: 'The JSON Schema (2020-12) of the statistics export, versioned by schemaVersion',
    produces: 'application/schema+json',
    ok: { type: StatisticsSchemaDocumentDto, description: 'statistics.schema.json as published' },
  })
  schema() {
    return SCHEMA;
  }

  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @Header('content-type', 'text/html; charset=utf-8')
  @Endpoint('GET', 'report', {
    roles: ['coordinator'],
    summary: 'The statistics as a printable HTML report',
    produces: 'text/html',
    ok: { schema: { type: 'string' }, description: 'A self-contained HTML page (no scripts, print stylesheet)' },
    problems: ['REQUEST.VALIDATION_FAILED'],
  })
  async report(@Query('from') from: string | undefined, @Query('to') to: string | undefined) {
    return renderReport(await this.stats.compute(range(from, to), this.clock.now()));
  }
}

@Module({ controllers: [StatisticsController], providers: [StatisticsService] })
export class StatisticsModule {}
