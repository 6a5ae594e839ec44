import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { NestedArray, OptionalUuids } from '../common/dto-decorators';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class BundleQuestionDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The permits (of this case, of your authority) asking this question' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true })
  permitIds!: string[];
  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'Send the noise assessment (night, nearest dwelling).' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  question!: string;
}

export class BundleQuestionsDto {
  @ApiProperty({ example: '2027-03-19', description: 'The one answer deadline (YYYY-MM-DD, not before today). A draft that already exists keeps its deadline.' })
  @Matches(DATE)
  dueOn!: string;
  @ApiPropertyOptional({
    type: [BundleQuestionDto],
    description: 'Questions to add. A caseworker adds questions of their own permits (at least one); a coordinator opens the draft (an invitation to the authorities of the case) and adds none.',
  })
  @IsOptional()
  @NestedArray(() => BundleQuestionDto, { max: 50 })
  questions?: BundleQuestionDto[];
}

export class BundleAnswerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId!: string;
  @ApiProperty({ minLength: 1, maxLength: 10000 }) @IsString() @MinLength(1) @MaxLength(10000) answer!: string;
  @OptionalUuids('Documents of the case answering the question', 50)
  documentIds?: string[];
}

export class BundleAnswersDto {
  @ApiProperty({ type: [BundleAnswerDto], description: 'Every question of the request, each exactly once' })
  @NestedArray(() => BundleAnswerDto, { min: 1, max: 50 })
  answers!: BundleAnswerDto[];
}
