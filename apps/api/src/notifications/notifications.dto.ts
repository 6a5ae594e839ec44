import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../documents/pagination.dto';

export class NotificationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only unread notifications; false: only read ones.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'permit.deadlineWarning' })
  kind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  caseId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  permitId!: string | null;
  @ApiProperty()
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
}
