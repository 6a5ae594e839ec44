import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '@rl/config';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import { QUEUES } from '@rl/queues';
import { APP_CONFIG } from '@rl/server-infra';
import { checkEndpointUrl, enqueueDeliveries, newWebhookSecret, type WebhookEventType } from '@rl/webhooks';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import { QueueRegistry } from '../ops';
import type {
  CreateWebhookEndpointDto,
  RotateSecretDto,
  UpdateWebhookEndpointDto,
  WebhookAttemptListDto,
  WebhookDeliveriesQueryDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from './webhooks.dto';
import { UUID } from '../common/uuid';

export class WebhookEndpointNotFoundError extends ApiError {
  constructor(id: string) {
    super('WEBHOOK.ENDPOINT_NOT_FOUND', `Webhook endpoint ${id} not found.`, { endpointId: id });
  }
}

export class WebhookDeliveryNotFoundError extends ApiError {
  constructor(id: string) {
    super('WEBHOOK.DELIVERY_NOT_FOUND', `Webhook delivery ${id} not found.`, { deliveryId: id });
  }
}

const ENDPOINT_ROW = z.object({
  id: z.string(),
  authority_id: z.string().nullable(),
  organisation_id: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  disabled_reason: z.string().nullable(),
  previous_secret_expires_at: z.coerce.date().nullable(),
  version: z.number().int(),
  created_at: z.coerce.date(),
  secret: z.string(),
});
type EndpointRow = z.infer<typeof ENDPOINT_ROW>;

const DELIVERY_ROW = z.object({
  id: z.string(),
  event_type: z.string(),
  event_id: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_latency_ms: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.coerce.date(),
  delivered_at: z.coerce.date().nullable(),
});
const ATTEMPT_ROW = z.object({ attempt: z.number().int(), at: z.coerce.date(), status_code: z.number().int().nullable(), latency_ms: z.number().int(), error: z.string().nullable() });
const TOTAL_ROW = z.object({ total: z.number().int() });
const EXISTS_ROW = z.object({ id: z.string() });

function toDto(r: EndpointRow): WebhookEndpointDto {
  return {
    id: r.id,
    authorityId: r.authority_id,
    organisationId: r.organisation_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types as WebhookEventType[],
    status: r.status,
    disabledReason: r.disabled_reason,
    previousSecretExpiresAt: r.previous_secret_expires_at?.toISOString() ?? null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

function deliveryDto(r: z.infer<typeof DELIVERY_ROW>): WebhookDeliveryDto {
  return {
    id: r.id,
    eventType: r.event_type,
    eventId: r.event_id,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastLatencyMs: r.last_latency_ms,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  };
}

/**
 * Webhook endpoints of an authority or a company (issue 18 item 1). Object scope: a caseworker
 * manages their authority's endpoints, an applicant their organisation's, an admin any; anything
 * else is 404 like a missing endpoint. A URL is checked (scheme, host, every address it resolves
 * to) when it is registered and again on every delivery.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  /** Which endpoints the caller may manage. */
  private scope(p: Principal): Sql {
    if (p.role === 'admin') return sql`TRUE`;
    if (p.role === 'caseworker' && p.authorityId) return sql`e.authority_id = ${p.authorityId}`;
    if (p.role === 'applicant' && p.organisationId) return sql`e.organisation_id = ${p.organisationId}`;
    return sql`FALSE`;
  }

  private async load(p: Principal, id: string): Promise<EndpointRow> {
    if (!UUID.test(id)) throw new WebhookEndpointNotFoundError(id);
    const [row] = await queryRows(this.ds, ENDPOINT_ROW, sql`SELECT e.* FROM webhook_endpoints e WHERE e.id = ${id} AND ${this.scope(p)}`);
    if (!row) throw new WebhookEndpointNotFoundError(id);
    return row;
  }

  private async checkUrl(url: string): Promise<string> {
    return (await checkEndpointUrl(url, { production: this.config.NODE_ENV === 'production' })).toString();
  }

  private async owner(p: Principal, dto: CreateWebhookEndpointDto): Promise<{ authorityId: string | null; organisationId: string | null }> {
    if (p.role === 'caseworker' && p.authorityId) return { authorityId: p.authorityId, organisationId: null };
    if (p.role === 'applicant' && p.organisationId) return { authorityId: null, organisationId: p.organisationId };
    // Admin: exactly one owner, and it must exist.
    if (!dto.authorityId === !dto.organisationId) throw new ApiError('WEBHOOK.OWNER_INVALID', 'Give exactly one of authorityId and organisationId.');
    const [found] = dto.authorityId
      ? await queryRows(this.ds, EXISTS_ROW, sql`SELECT id FROM authorities WHERE id = ${dto.authorityId}`)
      : await queryRows(this.ds, EXISTS_ROW, sql`SELECT id FROM organisations WHERE id = ${dto.organisationId}`);
    if (!found) throw new ApiError('WEBHOOK.OWNER_INVALID', 'No such authority or organisation.');
    return { authorityId: dto.authorityId ?? null, organisationId: dto.organisationId ?? null };
  }

  async list(p: Principal): Promise<WebhookEndpointDto[]> {
    const rows = await queryRows(this.ds, ENDPOINT_ROW, sql`SELECT e.* FROM webhook_endpoints e WHERE ${this.scope(p)} ORDER BY e.created_at, e.id`);
    return rows.map(toDto);
  }

  async get(p: Principal, id: string): Promise<WebhookEndpointDto> {
    return toDto(await this.load(p, id));
  }

  async create(p: Principal, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    const owner = await this.owner(p, dto);
    const url = await this.checkUrl(dto.url);
    const secret = newWebhookSecret();
    const [row] = await queryRows(
      this.ds,
      ENDPOINT_ROW,
      sql`INSERT INTO webhook_endpoints (authority_id, organisation_id, url, description, event_types, secret, created_by)
          VALUES (${owner.authorityId}, ${owner.organisationId}, ${url}, ${dto.description ?? ''}, ${[...new Set(dto.eventTypes)]}::text[], ${secret}, ${p.userId})
          RETURNING *`,
    );
    return { ...toDto(row), secret };
  }

  async update(p: Principal, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const current = await this.load(p, id);
    if (current.version !== dto.version) throw new ApiError('CONCURRENCY.VERSION_CONFLICT', `The endpoint was changed by someone else (current version ${current.version}).`, { currentVersion: current.version });
    const url = dto.url !== undefined ? await this.checkUrl(dto.url) : current.url;
    const status = dto.status ?? current.status;
    const [row] = await queryRows(
      this.ds,
      ENDPOINT_ROW,
      sql`UPDATE webhook_endpoints SET url = ${url}, description = ${dto.description ?? current.description},
                 event_types = ${dto.eventTypes ? [...new Set(dto.eventTypes)] : current.event_types}::text[], status = ${status},
                 disabled_reason = CASE WHEN ${status} = 'active' THEN NULL WHEN ${dto.status ?? null}::text = 'disabled' THEN 'disabled by a user' ELSE disabled_reason END,
                 updated_at = now(), version = version + 1
           WHERE id = ${id} AND version = ${dto.version} RETURNING *`,
    );
    if (!row) throw new ApiError('CONCURRENCY.VERSION_CONFLICT', 'The endpoint was changed by someone else.', {});
    return toDto(row);
  }

  async remove(p: Principal, id: string): Promise<void> {
    await this.load(p, id);
    await execute(this.ds, sql`DELETE FROM webhook_endpoints WHERE id = ${id}`);
  }

  /** A new secret; the previous one keeps signing (beside it) for `graceSeconds`. */
  async rotate(p: Principal, id: string, dto: RotateSecretDto): Promise<WebhookEndpointWithSecretDto> {
    await this.load(p, id);
    const secret = newWebhookSecret();
    const grace = dto.graceSeconds ?? 86_400;
    const [row] = await queryRows(
      this.ds,
      ENDPOINT_ROW,
      sql`UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => ${grace}),
                 secret = ${secret}, updated_at = now(), version = version + 1
           WHERE id = ${id} RETURNING *`,
    );
    return { ...toDto(row), secret };
  }

  async deliveries(p: Principal, id: string, q: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    await this.load(p, id);
    const where = sql`d.endpoint_id = ${id} AND (${q.status ?? null}::text IS NULL OR d.status = ${q.status ?? null})`;
    const [{ total }] = await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total FROM webhook_deliveries d WHERE ${where}`);
    const rows = await queryRows(
      this.ds,
      DELIVERY_ROW,
      sql`SELECT d.id, d.event_type, d.event->>'id' AS event_id, d.status, d.attempts, d.last_status_code, d.last_latency_ms, d.last_error, d.created_at, d.delivered_at
            FROM webhook_deliveries d WHERE ${where} ORDER BY d.created_at DESC, d.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    );
    return { items: rows.map(deliveryDto), page: q.page, pageSize: q.pageSize, total };
  }

  async attempts(p: Principal, id: string, deliveryId: string): Promise<WebhookAttemptListDto> {
    await this.load(p, id);
    await this.delivery(id, deliveryId);
    const rows = await queryRows(this.ds, ATTEMPT_ROW, sql`SELECT attempt, at, status_code, latency_ms, error FROM webhook_attempts WHERE delivery_id = ${deliveryId} ORDER BY id`);
    return { items: rows.map((r) => ({ attempt: r.attempt, at: r.at.toISOString(), statusCode: r.status_code, latencyMs: r.latency_ms, error: r.error })) };
  }

  private async delivery(endpointId: string, deliveryId: string): Promise<z.infer<typeof DELIVERY_ROW>> {
    if (!UUID.test(deliveryId)) throw new WebhookDeliveryNotFoundError(deliveryId);
    const [row] = await queryRows(
      this.ds,
      DELIVERY_ROW,
      sql`SELECT d.id, d.event_type, d.event->>'id' AS event_id, d.status, d.attempts, d.last_status_code, d.last_latency_ms, d.last_error, d.created_at, d.delivered_at
            FROM webhook_deliveries d WHERE d.id = ${deliveryId} AND d.endpoint_id = ${endpointId}`,
    );
    if (!row) throw new WebhookDeliveryNotFoundError(deliveryId);
    return row;
  }

  /**
   * Manual replay (a dead, cancelled or even delivered delivery): back to pending and a new job
   * with the full retry budget. The `webhook-id` stays the delivery's, so a receiver that already
   * processed it can tell.
   */
  async replay(p: Principal, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.load(p, id);
    const before = await this.delivery(id, deliveryId);
    await execute(this.ds, sql`UPDATE webhook_deliveries SET status = 'pending', updated_at = now() WHERE id = ${deliveryId}`);
    await enqueueDeliveries(this.queues.get(QUEUES.webhooks), [deliveryId], {
      attempts: this.config.WEBHOOK_MAX_ATTEMPTS,
      backoffMs: this.config.WEBHOOK_BACKOFF_MS,
      replay: before.attempts,
    });
    return deliveryDto({ ...before, status: 'pending' });
  }
}
