import { ApiProperty } from '@nestjs/swagger';
import { AuthorityNamesDto } from '../common/authority-names.dto';

/** A permit by its id and its type's code and names. */
export class PermitNamesDto {
  @ApiProperty({ format: 'uuid' }) permitId!: string;
  @ApiProperty({ example: 'MILJOEGODKENDELSE' }) code!: string;
  @ApiProperty() nameDa!: string;
  @ApiProperty() nameEn!: string;
}

/** A permit as the case-scoped views name it (`permitRef`, case-scoped.ts): its type's names from its catalogue snapshot and its deciding authority. */
export class PermitRefDto extends PermitNamesDto {
  @ApiProperty({ type: AuthorityNamesDto, description: 'The deciding authority' }) authority!: AuthorityNamesDto;
}
