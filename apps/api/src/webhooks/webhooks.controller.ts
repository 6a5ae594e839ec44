import { Body, Controller, Delete, Get, HttpCode, Module, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '@rl/webhooks';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { ApiProblems } from '../common/openapi';
import { OpsModule } from '../ops';
import {
  CreateWebhookEndpointDto,
  RotateSecretDto,
  UpdateWebhookEndpointDto,
  WebhookAttemptListDto,
  WebhookDeliveriesQueryDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookEndpointWithSecretDto,
  WebhookEventTypesDto,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

/**
 * Outbound webhooks (issue 18; docs/webhooks.md): CloudEvents signed with Standard Webhooks.
 * Caseworkers manage their authority's endpoints, applicants their company's, admins any.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
@Roles('caseworker', 'applicant', 'admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @ApiOperation({ summary: 'The event types an endpoint can subscribe to.' })
  @ApiOkResponse({ type: WebhookEventTypesDto })
  eventTypes(): WebhookEventTypesDto {
    return { items: [...WEBHOOK_EVENT_TYPES] };
  }

  @Get('endpoints')
  @ApiOperation({ summary: 'Endpoints the caller manages.' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  async list(@CurrentPrincipal() p: Principal): Promise<WebhookEndpointListDto> {
    return { items: await this.webhooks.list(p) };
  }

  @Post('endpoints')
  @ApiOperation({ summary: 'Register an endpoint. The answer carries its signing secret, shown only here.' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems('WEBHOOK.URL_INVALID', 'WEBHOOK.TARGET_REFUSED', 'WEBHOOK.OWNER_INVALID')
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(p, dto);
  }

  @Get('endpoints/:id')
  @ApiOperation({ summary: 'One endpoint.' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.get(p, id);
  }

  @Patch('endpoints/:id')
  @ApiOperation({ summary: 'Change URL, event types, description or status (re-enable after 410).' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND', 'WEBHOOK.URL_INVALID', 'WEBHOOK.TARGET_REFUSED', 'CONCURRENCY.VERSION_CONFLICT')
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.webhooks.update(p, id, dto);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the endpoint and its delivery log.' })
  @ApiNoContentResponse()
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND')
  remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.webhooks.remove(p, id);
  }

  @Post('endpoints/:id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'New signing secret; the previous one keeps signing beside it for graceSeconds (default 24 h).' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND')
  rotate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: RotateSecretDto): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotate(p, id, dto);
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({ summary: 'Delivery log of the endpoint, newest first: status, attempts, last response code and latency.' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND')
  deliveries(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(p, id, q);
  }

  @Get('endpoints/:id/deliveries/:deliveryId/attempts')
  @ApiOperation({ summary: 'Every attempt of one delivery.' })
  @ApiOkResponse({ type: WebhookAttemptListDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND', 'WEBHOOK.DELIVERY_NOT_FOUND')
  attempts(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookAttemptListDto> {
    return this.webhooks.attempts(p, id, deliveryId);
  }

  @Post('endpoints/:id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Deliver again (e.g. a dead delivery), with the same webhook-id and a fresh retry budget.' })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiProblems('WEBHOOK.ENDPOINT_NOT_FOUND', 'WEBHOOK.DELIVERY_NOT_FOUND')
  replay(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(p, id, deliveryId);
  }
}

@Module({ imports: [OpsModule], controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}
