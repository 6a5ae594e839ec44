import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalIn, OptionalUuid } from '../common/dto-decorators';
import { DOCUMENT_TYPES } from '@rl/permits-catalog';

export const MAX_DESCRIPTION_LENGTH = 500;

/** The text fields of the multipart upload (the `file` part is handled by multer). */
export class UploadDocumentDto {
  @OptionalUuid('A permit of this case the document belongs to.')
  permitId?: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION_LENGTH, description: 'Short description of the content (journalisering).' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string;

  @ApiPropertyOptional({
    example: 'noiseAssessment',
    description: "A required document of the permit's catalogue section (issue 14; needs `permitId`). Unknown keys: 422 DOCUMENT.UNKNOWN_REQUIREMENT.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,60}$/)
  requirementKey?: string;

  @OptionalIn(DOCUMENT_TYPES, { description: "Document type from the catalogue; defaults to the requirement's type, else 'other'." })
  documentType?: string;
}

/** OpenAPI schema of the whole multipart body (documentation only). */
export class UploadDocumentBodyDto extends UploadDocumentDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'PDF, PNG, JPEG, GIF, TIFF, DOCX, XLSX, ODT, UTF-8 TXT or CSV; the type is decided from the content and must match the extension.',
  })
  file!: unknown;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  caseId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  permitId!: string | null;
  @ApiProperty({ example: 'miljøansøgning.pdf' })
  filename!: string;
  @ApiProperty({ example: 'application/pdf', description: 'Detected from the content, not taken from the client.' })
  contentType!: string;
  @ApiProperty({ example: 48213 })
  sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the stored bytes (hex).' })
  sha256!: string;
  @ApiProperty({ example: '' })
  description!: string;
  @ApiProperty({ nullable: true, type: String, description: "The permit's required document this meets (catalogue key), or null." })
  requirementKey!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: DOCUMENT_TYPES, description: 'Document type from the catalogue.' })
  documentType!: string | null;
  @ApiProperty({ format: 'uuid', description: 'User id of the uploader.' })
  uploadedBy!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The document all versions belong to: the id of its first version.' })
  lineageId!: string;
  @ApiProperty({ example: 1, description: 'Version number within the lineage (1, 2, …); send the current one as If-Match to upload the next.' })
  version!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The version this one replaced.' })
  supersedesId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The version that replaced this one; null for the current version.' })
  supersededById!: string | null;
  @ApiProperty({ description: 'Whether this is the current version.' })
  current!: boolean;
}

export class DocumentListItemDto extends DocumentDto {
  @ApiProperty({ type: [DocumentDto], description: 'Earlier versions, newest first (each stays readable).' })
  history!: DocumentDto[];
}

export class DocumentVersionsDto {
  @ApiProperty({ type: [DocumentDto], description: 'Every version, newest first.' })
  items!: DocumentDto[];
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentListItemDto], description: 'Current versions only; earlier ones in `history`.' })
  items!: DocumentListItemDto[];
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 20 })
  pageSize!: number;
  @ApiProperty({ example: 1 })
  total!: number;
}
