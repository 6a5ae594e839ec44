import { ApiProperty } from '@nestjs/swagger';

/** A field or document an application lacks (the catalogue's completeness rules, issue 14). */
export class MissingItemDto {
  @ApiProperty({ enum: ['field', 'document'] }) kind!: 'field' | 'document';
  @ApiProperty({ example: '/sections/MILJOEGODKENDELSE/emissions', description: 'JSON Pointer of the field, or `documents/<key>` of the required document' }) pointer!: string;
  @ApiProperty() labelDa!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ description: 'What is missing, in Danish' }) da!: string;
  @ApiProperty({ description: 'What is missing, in English' }) en!: string;
  @ApiProperty({ example: 'MBL §33; godkendelsesbek. bilag 1/2', description: 'The statute or guidance that asks for it' }) source!: string;
  @ApiProperty({ description: 'True when the requirement is an inference, not a rule found in the source' }) inference!: boolean;
}
