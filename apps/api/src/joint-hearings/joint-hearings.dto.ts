import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

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
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => JointHearingPermitDto)
  permits?: JointHearingPermitDto[];
  @ApiPropertyOptional({ maxLength: 500, example: 'Offentligheden' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) audience?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The proposal documents (documents of the case) shown on the public page' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  documentIds?: string[];
}
