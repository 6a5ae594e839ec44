import { ApiProperty } from '@nestjs/swagger';

/** An authority by its routing code and names: who asked, who was asked, who decides a permit (referrals, delegation, joint hearings). */
export class AuthorityNamesDto {
  @ApiProperty({ example: 'KOMMUNE-326', description: 'Routing code: KOMMUNE-<kommunekode> or a state agency code' }) code!: string;
  @ApiProperty({ example: 'Kalundborg Kommune' }) nameDa!: string;
  @ApiProperty({ example: 'Kalundborg Municipality' }) nameEn!: string;
}
