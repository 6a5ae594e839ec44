import { DeadlineSweepService, ForecastService } from '@rl/case-engine';
import { Body, Controller, Inject } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';
import { InvalidDateError } from '@rl/clocks';
import { AdjustableClock, CLOCK, type Clock, SharedClock } from '@rl/server-infra';
import { Public } from '../auth';
import { Endpoint } from '../common/endpoint';

/** Years the test clock may be set to: deadlines computed from it stay inside the calendar. */
const TEST_CLOCK_MIN_YEAR = 1970;
const TEST_CLOCK_MAX_YEAR = 2999;

export class SetClockDto {
  @ApiProperty({ example: '2027-03-01T08:00:00Z', description: 'The new application time (ISO 8601 instant)' })
  @IsISO8601({ strict: true })
  now!: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Run the deadline sweep in the API at once (default). false only moves the clock, e.g. to watch the worker act on it.',
  })
  @IsOptional()
  @IsBoolean()
  sweep?: boolean;

  @ApiPropertyOptional({ default: false, description: "Also recompute the stored forecasts of changed cases at once (the worker's job), e.g. before reading the dashboard." })
  @IsOptional()
  @IsBoolean()
  forecasts?: boolean;
}

/**
 * Test clock (only with ENABLE_TEST_CLOCK=1, refused in production by config validation):
 * sets the application clock — shared through PostgreSQL, so the worker's sweep and alert jobs
 * follow it too — and runs the deadline sweep, so deadline behaviour is testable end to end.
 * Public so external test suites can drive it without a special user.
 */
@ApiTags('testing')
@Controller('test')
export class TestClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sweep: DeadlineSweepService,
    private readonly forecasts: ForecastService,
  ) {}

  @Public()
  @Endpoint('POST', 'clock', {
    code: 200,
    summary: 'Set the application clock and run the deadline sweep (ENABLE_TEST_CLOCK=1 only)',
    description: 'Exists only when the API runs with ENABLE_TEST_CLOCK=1, which the configuration refuses in production. Public, so outside test suites can drive deadlines.',
    ok: {
    description: 'The clock now and what the sweep did (null with `sweep: false`).',
    schema: { type: 'object', required: ['now', 'sweep'], properties: { now: { type: 'string', format: 'date-time' }, sweep: { type: 'object', nullable: true, additionalProperties: true } } },
  },
    problems: ['CLOCK.INVALID_DATE'],
  })
  async set(@Body() dto: SetClockDto) {
    const at = new Date(dto.now);
    // Refuse before anything moves: a time the calendar cannot count from (deadlines years ahead
    // must stay inside years 1000–9999) would otherwise set the shared clock and then fail in
    // the sweep — a 4xx that changed state.
    const year = at.getUTCFullYear();
    if (year < TEST_CLOCK_MIN_YEAR || year > TEST_CLOCK_MAX_YEAR) {
      throw new InvalidDateError(dto.now, `the test clock accepts years ${TEST_CLOCK_MIN_YEAR}–${TEST_CLOCK_MAX_YEAR}`);
    }
    if (this.clock instanceof SharedClock) await this.clock.publish(at);
    else if (this.clock instanceof AdjustableClock) this.clock.set(at);
    if (dto.sweep === false) return { now: this.clock.now().toISOString(), sweep: null };
    const report = await this.sweep.sweep();
    // Dashboard KPIs come from a materialized view the worker refreshes every 5 minutes; a test
    // that moves the clock wants them current now.
    await this.sweep.refreshStats();
    // …and, when asked, the stored forecasts (the worker's job), so the dashboard reads current values.
    if (dto.forecasts) await this.forecasts.refreshStale(10_000, 200);
    return { now: this.clock.now().toISOString(), sweep: report };
  }
}
