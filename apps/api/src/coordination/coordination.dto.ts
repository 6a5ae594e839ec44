import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NestedArray } from '../common/dto-decorators';
import { TARGET_CHANGE_REASON_CODES, type TargetChangeReason } from '../insight/reason-codes';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PlanChangeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() permitId!: string;
  @ApiPropertyOptional({ example: '2027-03-01', description: 'New planned start (YYYY-MM-DD), not before today' })
  @IsOptional()
  @Matches(DATE)
  plannedStartOn?: string;
  @ApiPropertyOptional({ example: '2027-06-01', description: 'New planned decision date (YYYY-MM-DD) = the permit target; the final date moves with it' })
  @IsOptional()
  @Matches(DATE)
  plannedDecisionOn?: string;
  // Required, but checked in the service: a missing reason or note is 422 PLAN.REASON_REQUIRED (issue 16), an unknown code 400.
  @ApiProperty({ enum: TARGET_CHANGE_REASON_CODES }) @IsOptional() @IsIn(TARGET_CHANGE_REASON_CODES) reasonCode?: TargetChangeReason;
  @ApiProperty({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class PlanDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class MissedDateDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: "The authority's explanation" }) @IsString() @MinLength(1) @MaxLength(4000) explanation!: string;
}

export class EscalateDto {
  @ApiProperty({ minLength: 1, maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) note!: string;
}

export const WHAT_IF_KINDS = ['shorten', 'jointHearing', 'startEarlier'] as const;

export class WhatIfScenarioDto {
  @ApiProperty({ enum: WHAT_IF_KINDS, description: 'shorten: a permit takes `days` fewer days (e.g. 28: a 4- instead of 8-week hearing); jointHearing: `codes` hold one hearing, each but the first saves `days`; startEarlier: `code` is filed `days` earlier than its prerequisites allow' })
  @IsIn(WHAT_IF_KINDS)
  kind!: (typeof WHAT_IF_KINDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) code?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(30) @IsString({ each: true }) codes?: string[];
  @ApiProperty({ minimum: -730, maximum: 730 }) @IsInt() @Min(-730) @Max(730) days!: number;
}

export class WhatIfDto {
  @ApiProperty({ type: [WhatIfScenarioDto] })
  @NestedArray(() => WhatIfScenarioDto, { min: 1, max: 10 })
  scenarios!: WhatIfScenarioDto[];
}
