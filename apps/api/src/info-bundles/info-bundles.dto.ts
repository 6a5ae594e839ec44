import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PermitRefDto } from '../cases/permit-ref.dto';
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

/** One question of a bundled request (asked once however many permits ask it), with the company's answer once given. */
export class InfoBundleQuestionViewDto {
  @ApiProperty({ format: 'uuid', description: 'Send as questionId in the answers' }) id!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ type: [PermitRefDto], description: 'The permits asking it (for a caseworker: those of their own authority)' }) permits!: PermitRefDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Null until the company has answered' }) answer!: string | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Documents of the case attached to the answer (empty until answered)' }) documentIds!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until the company has answered' }) answeredAt!: string | null;
}

/** A bundled information request (issue 17 item 2): questions of several permits of one case sent to the company at once, with one answer deadline. */
export class InfoBundleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ['draft', 'sent', 'answered'], description: "draft: the authorities add questions (the company does not see it); sent: each covered permit's clock stops by its own rule; answered: the clocks resume" })
  status!: 'draft' | 'sent' | 'answered';
  @ApiProperty({ type: String, format: 'date', example: '2027-03-19', description: 'The one answer deadline' }) dueOn!: string;
  @ApiProperty({ type: 'integer', description: 'Send as If-Match to send or answer the request' }) version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while a draft' }) sentAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until the company has answered' }) answeredAt!: string | null;
  @ApiProperty({ type: [PermitRefDto], description: 'The permits the request covers (for a caseworker: those of their own authority)' }) permits!: PermitRefDto[];
  @ApiProperty({ type: [InfoBundleQuestionViewDto], description: 'In order; a caseworker sees the questions of their own authority’s permits only' }) questions!: InfoBundleQuestionViewDto[];
  @ApiProperty({ type: 'integer', description: "The number of questions not shown: other authorities' questions a caseworker does not see (0 for the company and coordinators)" })
  hiddenQuestions!: number;
}

/** The case's bundled information requests the caller may see, oldest first. */
export class InfoBundleListDto {
  @ApiProperty({ type: [InfoBundleDto] }) items!: InfoBundleDto[];
}
