import type { SchemaObject } from '@nestjs/swagger';
import { CASE_EVENT_ROLES, PERMIT_EVENT_ROLES } from '@rl/permits-machines';
import { z } from 'zod';
import { CASE_PAYLOADS, PERMIT_PAYLOADS } from './event-payloads';

/**
 * OpenAPI schemas of the event bodies (POST /cases/:id/events, POST /permits/:id/events),
 * generated from the zod payload schemas the API validates with, so the document cannot drift
 * from the validation: one component per event type (`{type, ...payload}`, no other keys) and
 * the body as a `oneOf` discriminated by `type`.
 */

/** 'authority.infoRequested' → 'AuthorityInfoRequestedEvent'. */
export function eventSchemaName(type: string): string {
  return `${type
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}Event`;
}

const ref = (type: string) => ({ $ref: `#/components/schemas/${eventSchemaName(type)}` });

function eventSchema(type: string, payload: z.ZodObject, roles: readonly string[]): SchemaObject {
  const json = z.toJSONSchema(payload, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;
  const senders = roles.filter((r) => r !== 'system');
  return {
    type: 'object',
    description:
      `Event \`${type}\`. ` +
      (senders.length ? `Sent by: ${senders.join(', ')}` : 'Sent by the system only (clients get 422)') +
      (roles.includes('system') && senders.length ? ' (and the system)' : '') +
      '; the state machine decides whether it is allowed now (422 with `allowedEvents` otherwise).',
    required: ['type', ...(json.required ?? [])],
    properties: { type: { type: 'string', enum: [type] }, ...json.properties },
    additionalProperties: false,
  };
}

function body(types: readonly string[]): SchemaObject {
  return {
    oneOf: types.map(ref),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(types.map((t) => [t, ref(t).$ref])) },
  };
}

export const PERMIT_EVENT_BODY: SchemaObject = body(Object.keys(PERMIT_PAYLOADS));
export const CASE_EVENT_BODY: SchemaObject = body(Object.keys(CASE_PAYLOADS));

/** The per-type components, for the document's `components.schemas`. */
export function eventSchemas(): Record<string, SchemaObject> {
  const roles: Record<string, readonly string[]> = { ...PERMIT_EVENT_ROLES, ...CASE_EVENT_ROLES };
  return Object.fromEntries(
    [...Object.entries(PERMIT_PAYLOADS), ...Object.entries(CASE_PAYLOADS)].map(([type, payload]) => [eventSchemaName(type), eventSchema(type, payload, roles[type] ?? [])]),
  );
}
