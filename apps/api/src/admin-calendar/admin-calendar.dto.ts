import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

import { stacked } from '../common/dto-decorators';
import { toInt } from '../documents/pagination.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class HolidayRuleDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'STORE_BEDEDAG' }) code!: string;
  @ApiProperty({ enum: ['publicHoliday', 'closure'], description: 'publicHoliday = helligdag by law (rolls a klagefrist); closure = the authorities are closed' }) kind!: 'publicHoliday' | 'closure';
  @ApiProperty({ type: Number, nullable: true, description: 'Fixed date: month 1–12 (null for an Easter offset)' }) month!: number | null;
  @ApiProperty({ type: Number, nullable: true }) day!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days from Easter Sunday (null for a fixed date)' }) easterOffset!: number | null;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveTo!: string | null;
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'Send as If-Match to change or remove the rule' }) version!: number;
}

export class ClosureDayDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Send as If-Match to remove the closure day' }) version!: number;
}

export class NonBusinessDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ enum: ['publicHoliday', 'closure'] }) kind!: 'publicHoliday' | 'closure';
  @ApiProperty() code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

export class BusinessCalendarDto {
  @ApiProperty({ type: [HolidayRuleDto] }) holidayRules!: HolidayRuleDto[];
  @ApiProperty({ type: [ClosureDayDto] }) closureDays!: ClosureDayDto[];
  @ApiProperty({ description: 'The year `nonBusinessDays` lists' }) year!: number;
  @ApiProperty({ type: [NonBusinessDayDto], description: 'Holidays and closure days of `year` as the calendar in force computes them' }) nonBusinessDays!: NonBusinessDayDto[];
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ description: 'Year to list non-business days for (default: this year)', minimum: 1900, maximum: 2200 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}

export class RecomputeReportDto {
  @ApiProperty({ description: 'Running permit clocks whose due date moved (each audited)' }) permitsMoved!: number;
  @ApiProperty({ description: 'Case ceilings whose due date moved (each audited)' }) ceilingsMoved!: number;
}

export class RemovedDto {
  @ApiProperty({ type: RecomputeReportDto }) recomputed!: RecomputeReportDto;
}

export class ClosureDayChangeDto {
  @ApiProperty({ type: ClosureDayDto }) closureDay!: ClosureDayDto;
  @ApiProperty({ type: RecomputeReportDto }) recomputed!: RecomputeReportDto;
}

export class HolidayRuleChangeDto {
  @ApiProperty({ type: HolidayRuleDto }) holidayRule!: HolidayRuleDto;
  @ApiProperty({ type: RecomputeReportDto }) recomputed!: RecomputeReportDto;
}

export class CreateClosureDayDto {
  @ApiProperty({ format: 'date', example: '2026-05-15' })
  @Matches(ISO_DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) nameDa!: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) nameEn!: string;
  @ApiProperty({ description: 'Why the authorities are closed (audited)', maxLength: 500 }) @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

/** Month or day of a fixed-date rule: 1 to `max`, required unless the rule is an Easter offset. */
const FixedDatePart = (max: number) =>
  stacked(
    ApiPropertyOptional({ minimum: 1, maximum: max }),
    ValidateIf((o: CreateHolidayRuleDto) => o.easterOffset === undefined),
    IsInt(),
    Min(1),
    Max(max),
  );

export class CreateHolidayRuleDto {
  @ApiProperty({ example: 'STORE_BEDEDAG' }) @Matches(/^[A-Z][A-Z0-9_]{1,63}$/) code!: string;
  @ApiProperty({ enum: ['publicHoliday', 'closure'] }) @IsIn(['publicHoliday', 'closure']) kind!: 'publicHoliday' | 'closure';

  @FixedDatePart(12)
  month?: number;

  @FixedDatePart(31)
  day?: number;

  @ApiPropertyOptional({ minimum: -80, maximum: 249, description: 'Instead of month/day: days from Easter Sunday' })
  @IsOptional()
  @IsInt()
  @Min(-80)
  @Max(249)
  easterOffset?: number;

  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) nameDa!: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) nameEn!: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Matches(ISO_DATE) effectiveFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Matches(ISO_DATE) effectiveTo?: string;
  @ApiProperty({ description: 'The law or decision behind the rule', maxLength: 500 }) @IsString() @MinLength(2) @MaxLength(500) source!: string;
}

export class UpdateHolidayRuleDto {
  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'null = unbounded' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE)
  effectiveFrom?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'null = unbounded (e.g. Store Bededag: 2023-12-31)' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE)
  effectiveTo?: string | null;

  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) nameDa?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) nameEn?: string;
  @ApiProperty({ description: 'The law or decision behind the change (audited)', maxLength: 500 }) @IsString() @MinLength(2) @MaxLength(500) source!: string;
}

export class CalendarAuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) actorUserId!: string | null;
  @ApiProperty({ example: 'closureDay.added' }) action!: string;
  @ApiProperty({ description: 'Rule code or closure date' }) target!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}
