import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a request (`errors[]`). APPLICATION.INVALID adds `pointer`, `da` and `en`. */
export class ProblemFieldErrorDto {
  @ApiProperty({ example: 'facts.municipalityCode' })
  field!: string;
  @ApiProperty({ example: 'UNKNOWN_FIELD' })
  code!: string;
  @ApiProperty()
  message!: string;
  @ApiPropertyOptional({
    example: '/sections/BUILDING_PERMIT/heightM',
    description: 'APPLICATION.INVALID: the JSON Pointer (RFC 6901) of the invalid value in the application `{shared, sections}` (also in `field`): mark the form input it points to.',
  })
  pointer?: string;
  @ApiPropertyOptional({ description: 'APPLICATION.INVALID: the message in Danish: show it to a Danish-speaking user.' })
  da?: string;
  @ApiPropertyOptional({ description: 'APPLICATION.INVALID: the message in English (also in `message`).' })
  en?: string;
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
