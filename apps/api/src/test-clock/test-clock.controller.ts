import { DeadlineSweepService } from '@rl/case-engine';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';
import { AdjustableClock, CLOCK, type Clock, SharedClock } from '@rl/server-infra';
import { Public } from '../auth';

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
  ) {}

  @Public()
  @Post('clock')
  @HttpCode(200)
  async set(@Body() dto: SetClockDto) {
    const at = new Date(dto.now);
    if (this.clock instanceof SharedClock) await this.clock.publish(at);
    else if (this.clock instanceof AdjustableClock) this.clock.set(at);
    if (dto.sweep === false) return { now: this.clock.now().toISOString(), sweep: null };
    const report = await this.sweep.sweep();
    // Dashboard KPIs come from a materialized view the worker refreshes every 5 minutes; a test
    // that moves the clock wants them current now.
    await this.sweep.refreshStats();
    return { now: this.clock.now().toISOString(), sweep: report };
  }
}
