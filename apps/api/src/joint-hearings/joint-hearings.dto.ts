import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray, OptionalUuids } from '../common/dto-decorators';

export class JointHearingPermitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() permitId!: string;
  @ApiPropertyOptional({ example: 'PL_24_5', description: "The legal basis of this permit's minimum period (an id of its catalogue's hearing options); default: the catalogue's general rule" })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/)
  minimumBasis?: string;
}

export class JointHearingDraftDto {
  @ApiPropertyOptional({
    type: [JointHearingPermitDto],
    description: "Permits to cover. A caseworker adds their own authority's permits (at least one); a coordinator opens the draft (an invitation) and adds none.",
  })
  @IsOptional()
  @NestedArray(() => JointHearingPermitDto, { max: 20 })
  permits?: JointHearingPermitDto[];
  @ApiPropertyOptional({ maxLength: 500, example: 'Offentligheden' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) audience?: string;
  @OptionalUuids('The proposal documents (documents of the case) shown on the public page', 50)
  documentIds?: string[];
}
