import { ApiProperty } from '@nestjs/swagger';
import type { ClockUnit } from '@rl/permits-catalog';

/** A length of time in one statutory unit, as the catalogue states it (e.g. 4 weeks, 40 business days). */
export class DurationDto {
  @ApiProperty({ enum: ['calendarDays', 'businessDays', 'weeks', 'months'] }) unit!: ClockUnit;
  @ApiProperty({ type: 'integer', example: 4 }) length!: number;
}
