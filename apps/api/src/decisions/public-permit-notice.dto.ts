import { ApiProperty } from '@nestjs/swagger';

/** What a public page (no login) says first about a decision or hearing: its id, and the permit type with its legal basis. */
export class PublicPermitNoticeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) permitCode!: string;
  @ApiProperty() permitNameDa!: string;
  @ApiProperty() permitNameEn!: string;
  @ApiProperty({ example: 'Miljøbeskyttelsesloven §33', description: "The permit type's legal basis (hjemmel) from the catalogue" }) legalBasis!: string;
}
