import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'facts.municipalityCode' })
  field!: string;
  @ApiProperty({ example: 'UNKNOWN_FIELD' })
  code!: string;
  @ApiProperty()
  message!: string;
}

/** RFC 9457 problem details, returned as application/problem+json for every error. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:rod-lober:problem:PERMIT.EVENT_NOT_ALLOWED' })
  type!: string;
  @ApiProperty({ example: 'Unprocessable Content' })
  title!: string;
  @ApiProperty({ example: 422 })
  status!: number;
  @ApiProperty({ description: 'Stable machine-readable code, SCOPE.REASON.', example: 'PERMIT.EVENT_NOT_ALLOWED' })
  code!: string;
  @ApiPropertyOptional()
  detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/permits/3f0c…/events' })
  instance?: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] })
  errors?: ProblemFieldErrorDto[];
}
