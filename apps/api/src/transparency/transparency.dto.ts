import { ApiProperty } from '@nestjs/swagger';

/** One consent of the company to a public page of its case, given and perhaps revoked. */
export class PublicationConsentEntryDto {
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the user who gave it' }) grantedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: the consent is in force' }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Display name of the user who revoked it; null while in force' }) revokedBy!: string | null;
}

/** Whether a case has a public page (issue 16 item 5): the company's consent in force and its history. */
export class PublicationConsentDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'True while a consent is in force: the public page answers' }) published!: boolean;
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty({ example: '/public/cases/RL-2027-000001', description: 'Where the public page is (answers 404 while not published)' }) publicPath!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the consent in force was given; null when none is' }) grantedAt!: string | null;
  @ApiProperty({ type: [PublicationConsentEntryDto], description: 'Every consent, newest first' }) history!: PublicationConsentEntryDto[];
}

/** The company of a published case: a legal entity in the public CVR register. */
export class PublicCompanyDto {
  @ApiProperty({ example: 'Nordlys Pharma A/S' }) name!: string;
  @ApiProperty({ description: 'CVR number', example: '10000001' }) cvr!: string;
}

/** A published case as the public list shows it. */
export class PublicCaseListItemDto {
  @ApiProperty({ example: 'RL-2027-000001' }) reference!: string;
  @ApiProperty({ example: 'inProgress', description: 'The case state as stored (draft, submitted, inProgress, completed, withdrawn), read as it is: a state of an older data version is passed through' })
  state!: string;
  @ApiProperty({ type: PublicCompanyDto }) company!: PublicCompanyDto;
  @ApiProperty({ type: 'integer', description: 'Current permits of the case, withdrawn ones not counted' }) permits!: number;
  @ApiProperty({ format: 'date-time', description: 'Since when the consent in force was given' }) publishedSince!: string;
}

/** The cases whose company consented to a public page (consent in force), newest consent first, at most 500. */
export class PublicCaseListDto {
  @ApiProperty({ type: [PublicCaseListItemDto] }) items!: PublicCaseListItemDto[];
}
