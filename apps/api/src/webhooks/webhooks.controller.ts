import { Body, Module, Param, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from '@rl/webhooks';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { Endpoint, scopedEndpoint } from '../common/endpoint';
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

/** An operation on one registered endpoint the caller manages (404 WEBHOOK.ENDPOINT_NOT_FOUND otherwise). */
const OnWebhookEndpoint = scopedEndpoint({ notFound: 'WEBHOOK.ENDPOINT_NOT_FOUND' });

/**
 * Outbound webhooks (issue 18; docs/webhooks.md): CloudEvents signed with Standard Webhooks.
 * Caseworkers manage their authority's endpoints, applicants their company's, admins any.
 */
@BearerController('webhooks', 'webhooks')
@Roles('caseworker', 'applicant', 'admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Endpoint('GET', 'event-types', { summary: 'The event types an endpoint can subscribe to.', ok: { type: WebhookEventTypesDto } })
  eventTypes(): WebhookEventTypesDto {
    return { items: [...WEBHOOK_EVENT_TYPES] };
  }

  @Endpoint('GET', 'endpoints', { summary: 'Endpoints the caller manages.', ok: { type: WebhookEndpointListDto } })
  async list(@CurrentPrincipal() p: Principal): Promise<WebhookEndpointListDto> {
    return { items: await this.webhooks.list(p) };
  }

  @Endpoint('POST', 'endpoints', {
    summary: 'Register an endpoint. The answer carries its signing secret, shown only here.',
    created: { type: WebhookEndpointWithSecretDto },
    problems: ['WEBHOOK.URL_INVALID', 'WEBHOOK.TARGET_REFUSED', 'WEBHOOK.OWNER_INVALID'],
  })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(p, dto);
  }

  @OnWebhookEndpoint('GET', 'endpoints/:id', { summary: 'One endpoint.', ok: { type: WebhookEndpointDto } })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.get(p, id);
  }

  @OnWebhookEndpoint('PATCH', 'endpoints/:id', {
    summary: 'Change URL, event types, description or status (re-enable after 410).',
    ok: { type: WebhookEndpointDto },
    problems: ['WEBHOOK.URL_INVALID', 'WEBHOOK.TARGET_REFUSED', 'CONCURRENCY.VERSION_CONFLICT'],
  })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.webhooks.update(p, id, dto);
  }

  @ApiNoContentResponse()
  @OnWebhookEndpoint('DELETE', 'endpoints/:id', { code: 204, summary: 'Delete the endpoint and its delivery log.' })
  remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.webhooks.remove(p, id);
  }

  @OnWebhookEndpoint('POST', 'endpoints/:id/rotate-secret', {
    code: 200,
    summary: 'New signing secret; the previous one keeps signing beside it for graceSeconds (default 24 h).',
    ok: { type: WebhookEndpointWithSecretDto },
  })
  rotate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: RotateSecretDto): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotate(p, id, dto);
  }

  @OnWebhookEndpoint('GET', 'endpoints/:id/deliveries', {
    summary: 'Delivery log of the endpoint, newest first: status, attempts, last response code and latency.',
    ok: { type: WebhookDeliveryPageDto },
  })
  deliveries(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(p, id, q);
  }

  @OnWebhookEndpoint('GET', 'endpoints/:id/deliveries/:deliveryId/attempts', {
    summary: 'Every attempt of one delivery.',
    ok: { type: WebhookAttemptListDto },
    problems: ['WEBHOOK.DELIVERY_NOT_FOUND'],
  })
  attempts(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookAttemptListDto> {
    return this.webhooks.attempts(p, id, deliveryId);
  }

  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @OnWebhookEndpoint('POST', 'endpoints/:id/deliveries/:deliveryId/replay', {
    code: 202,
    summary: 'Deliver again (e.g. a dead delivery), with the same webhook-id and a fresh retry budget.',
    problems: ['WEBHOOK.DELIVERY_NOT_FOUND'],
  })
  replay(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(p, id, deliveryId);
  }
}

@Module({ imports: [OpsModule], controllers: [WebhooksController], providers: [WebhooksService] })
export class WebhooksModule {}
