import { ApiProperty } from '@nestjs/swagger';
import { DATE } from './plan.dto';
import { TARGET_CHANGE_REASON_CODES } from './reason-codes';

/** A reason code for moving a target date (FAST-41 style, reason-codes.ts) with its wording. */
export class TargetChangeReasonDto {
  @ApiProperty({ enum: TARGET_CHANGE_REASON_CODES }) code!: string;
  @ApiProperty({ example: 'Sagen er særligt kompleks' }) da!: string;
  @ApiProperty({ example: 'The case is particularly complex' }) en!: string;
}

/** A moved target date (stored as a clock extension, audited as target.changed). */
export class TargetDateChangedDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ ...DATE, description: 'The target due date before the change' }) fromDueOn!: string;
  @ApiProperty({ ...DATE, description: 'The new target due date' }) toDueOn!: string;
  @ApiProperty({ enum: TARGET_CHANGE_REASON_CODES }) reasonCode!: string;
}
