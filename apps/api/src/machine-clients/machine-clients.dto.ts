import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MACHINE_SCOPES, type MachineScope } from '../auth/principal';
import { OptionalInt } from '../common/dto-decorators';

export class CreateMachineClientDto {
  @ApiProperty({ description: 'What the client is (shown in audit rows).', example: 'Hillerød ESDH (SBSYS)', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The one authority the client acts for.' })
  @IsUUID()
  authorityId!: string;

  @ApiProperty({ enum: MACHINE_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MACHINE_SCOPES.length)
  @IsIn(MACHINE_SCOPES, { each: true })
  scopes!: MachineScope[];
}

export class RotateClientSecretDto {
  @OptionalInt('How long the previous secret still works (seconds, default 86400, 0 = at once).', 0, 604_800)
  graceSeconds?: number;
}

export class MachineClientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'rlc_…' }) clientId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) authorityId!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ enum: MACHINE_SCOPES, isArray: true }) scopes!: MachineScope[];
  @ApiProperty({ format: 'uuid', description: 'The service user whose id appears in audit rows (username client:<clientId>).' }) userId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) previousSecretExpiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class MachineClientWithSecretDto extends MachineClientDto {
  @ApiProperty({ description: 'The client secret, shown only in this answer (stored hashed).' }) clientSecret!: string;
}

export class MachineClientListDto {
  @ApiProperty({ type: [MachineClientDto] }) items!: MachineClientDto[];
}

/** RFC 6749 §4.4.2 request, as JSON or application/x-www-form-urlencoded. */
export class TokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'] })
  @IsString()
  grant_type!: string;

  @ApiPropertyOptional({ description: 'client_secret_post; or send HTTP Basic (client_secret_basic).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'Space-separated subset of the client\'s scopes (default: all of them).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type!: 'Bearer';
  @ApiProperty() expires_in!: number;
  @ApiProperty() scope!: string;
}
