import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { OptionalIn } from '../common/dto-decorators';
import { EMAIL_MODES, NOTIFICATION_KINDS } from '@rl/mailer';
import { PageQueryDto } from '../documents/pagination.dto';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread notifications; false: only read ones.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @OptionalIn(['da', 'en'], { description: "Render title and body in this language from the notification's kind and parameters (default: the stored text)." })
  lang?: 'da' | 'en';
}

export class LangQueryDto {
  @OptionalIn(['da', 'en'])
  lang?: 'da' | 'en';
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'infoRequested' })
  kind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  caseId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  permitId!: string | null;
  @ApiProperty({ description: 'In the language asked for with `lang` (rendered from kind + parameters), else as stored' })
  title!: string;
  @ApiProperty()
  body!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  readAt!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items!: NotificationDto[];
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 20 })
  pageSize!: number;
  @ApiProperty({ example: 3 })
  total!: number;
  @ApiProperty({ example: 2, description: "The caller's unread notifications (all, not only this page)" })
  unreadCount!: number;
}

export class ReadAllResultDto {
  @ApiProperty({ example: 4, description: 'How many notifications were marked read now' })
  marked!: number;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind!: string;

  @ApiProperty({ enum: EMAIL_MODES, description: 'immediate: one e-mail each; digest: one daily e-mail; off: in-app only' })
  @IsIn(EMAIL_MODES)
  emailMode!: 'immediate' | 'digest' | 'off';

  @ApiPropertyOptional({ readOnly: true, description: 'Legally required notices are always e-mailed at once; their mode cannot be changed' })
  legallyRequired?: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] })
  items!: NotificationPreferenceDto[];
}

export class PrefInputDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind!: string;

  @ApiProperty({ enum: EMAIL_MODES })
  @IsIn(EMAIL_MODES)
  emailMode!: 'immediate' | 'digest' | 'off';
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [PrefInputDto], description: 'The kinds to change; other kinds keep their mode' })
  @IsArray()
  @ArrayMaxSize(50)
  // Each item must be an object: ValidateNested alone accepts a nested array (`[[]]`) unvalidated.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PrefInputDto)
  items!: PrefInputDto[];
}

