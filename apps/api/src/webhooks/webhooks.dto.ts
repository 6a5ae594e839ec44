import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { OptionalIn, OptionalInt, OptionalUuid } from '../common/dto-decorators';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@rl/webhooks';
import { PageOf, PageQueryDto } from '../documents/pagination.dto';

export class CreateWebhookEndpointDto {
  @ApiProperty({ description: 'https URL (http only to 127.0.0.1 outside production). Must not resolve to a private or loopback address in production.', maxLength: 2048, example: 'https://esdh.kalundborg.dk/hooks/rod-lober' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'Event types to receive (at least one).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @OptionalUuid('Admins only: the authority the endpoint belongs to (a caseworker always registers for their own).')
  authorityId?: string;

  @OptionalUuid('Admins only: the organisation the endpoint belongs to (an applicant always registers for their own).')
  organisationId?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiProperty({ description: 'The version the change is based on (409 when stale).' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @OptionalIn(['active', 'disabled'], { description: 'Re-enable an endpoint that answered 410, or pause one.' })
  status?: 'active' | 'disabled';
}

export class RotateSecretDto {
  @OptionalInt('How long the previous secret keeps signing too (seconds, default 86400, 0 = at once).', 0, 604_800)
  graceSeconds?: number;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorityId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) eventTypes!: WebhookEventType[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status!: 'active' | 'disabled';
  @ApiProperty({ type: String, nullable: true }) disabledReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the previous secret also signs (rotation).' })
  previousSecretExpiresAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks `whsec_…`). Shown only in this answer.' })
  secret!: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointDto] }) items!: WebhookEndpointDto[];
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header, the same on every retry.' }) id!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType!: string;
  @ApiProperty({ description: 'The CloudEvent id (the same event on every endpoint).' }) eventId!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'dead', 'cancelled'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds of the last attempt.' }) lastLatencyMs!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
}

export class WebhookDeliveryPageDto extends PageOf(WebhookDeliveryDto) {}

export class WebhookAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: Number, nullable: true }) statusCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class WebhookAttemptListDto {
  @ApiProperty({ type: [WebhookAttemptDto] }) items!: WebhookAttemptDto[];
}

export class WebhookDeliveriesQueryDto extends PageQueryDto {
  @OptionalIn(['pending', 'delivered', 'dead', 'cancelled'])
  status?: 'pending' | 'delivered' | 'dead' | 'cancelled';
}

export class WebhookEventTypesDto {
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) items!: WebhookEventType[];
}
