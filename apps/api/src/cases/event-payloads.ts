import { InvalidEventError } from '@rl/case-engine';
import { z } from 'zod';
import { APPEAL_OUTCOMES, PERMIT_EVENT_TYPES, type PermitEventType } from '@rl/permits-machines';
import { isLocalDate } from '@rl/clocks';

const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * A JSON Pointer (RFC 6901) into the application, e.g. `/shared/site/address` or
 * `/sections/VANDINDVINDING/annualVolumeM3`: `~` only as `~0`/`~1`, never the whole document ("").
 */
export const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)+$/;
const jsonPointer = z.string().max(500).regex(JSON_POINTER, 'must be a JSON Pointer (RFC 6901) into the application, e.g. /shared/site/address');
const localDate = z.string().refine((v) => isLocalDate(v), 'must be a real date YYYY-MM-DD').meta({ format: 'date' });

/**
 * Payload schemas of the events clients may send (also the OpenAPI schema of each event type,
 * see event-schemas.ts). The host adds `at` (its own clock) and
 * computed fields (hearing earliest end, appeal deadline); clients cannot send them. Unknown
 * fields are errors (`.strict()`), like everywhere else in the API.
 */
export const PERMIT_PAYLOADS: Record<PermitEventType, z.ZodObject> = {
  'prerequisites.satisfied': z.object({}).strict(),
  'prerequisites.revoked': z.object({}).strict(),
  'application.submitted': z.object({}).strict(),
  'authority.completenessConfirmed': z.object({}).strict(),
  'authority.infoRequested': z.object({ question: text(4000), dueOn: localDate.optional() }).strict(),
  // changedFields: the application fields the answer changed (issue 14 point 3), kept with the answer in the audit payload.
  'applicant.infoProvided': z
    .object({ answer: text(10000).optional(), documentIds: z.array(z.uuid()).max(50).optional(), changedFields: z.array(jsonPointer).max(100).optional() })
    .strict(),
  // minimumBasis: the legal basis of the hearing's minimum period the caseworker chose (e.g.
  // 'PL_24_5'); optional, default the catalogue's general rule; the permit machine refuses a basis
  // the permit does not offer (issue 13 item 7).
  // documentIds (issue 15): the proposal documents shown on the hearing's public page (documents of the case).
  'authority.hearingStarted': z
    .object({ audience: text(500).optional(), minimumBasis: z.string().regex(/^[A-Z0-9_]{1,40}$/).optional(), documentIds: z.array(z.uuid()).max(50).optional() })
    .strict(),
  'authority.hearingEnded': z.object({}).strict(),
  'authority.decisionIssued': z
    .object({
      outcome: z.enum(['granted', 'grantedWithConditions', 'refused']),
      conditions: z.array(text(2000)).max(100).optional(),
      reason: text(4000),
    })
    .strict(),
  'appeal.lodged': z.object({ appellant: text(500).optional() }).strict(),
  // The board's outcome (issue 13 item 1): upheld / changed (its conditions in `conditions`) /
  // overturned / remitted. 'upheld' and 'overturned' are the values sent before, unchanged.
  'appeal.decided': z
    .object({
      outcome: z.enum(APPEAL_OUTCOMES),
      reason: text(4000).optional(),
      conditions: z
        .array(text(2000))
        .max(100)
        .optional()
        .meta({ description: "With outcome 'changed' only (required there): the board's conditions, [] for none." }),
    })
    .strict()
    .refine((p) => (p.outcome === 'changed') === (p.conditions !== undefined), {
      path: ['conditions'],
      message: "conditions are required with outcome 'changed' (the board's conditions, [] for none) and not allowed otherwise",
    }),
  'appeal.periodExpired': z.object({}).strict(),
  'application.withdrawn': z.object({ reason: text(2000).optional() }).strict(),
};

export const CASE_PAYLOADS: Record<string, z.ZodObject> = {
  // permitCodes (issue 14): file only these permits now (their pre-submission check is green);
  // the others wait until the company files them one by one. Absent: every permit is filed.
  'case.submitted': z.object({ permitCodes: z.array(z.string().regex(/^[A-Z0-9_]{1,60}$/)).min(1).max(100).optional() }).strict(),
  'case.processingStarted': z.object({}).strict(),
  'case.permitsAllFinal': z.object({}).strict(),
  'case.withdrawn': z.object({ reason: text(2000).optional() }).strict(),
};

function parse<T extends string>(body: unknown, payloads: Record<string, z.ZodObject>, types: readonly string[]): { type: T; payload: Record<string, unknown> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidEventError([{ field: '(body)', code: 'NOT_AN_OBJECT', message: 'The body must be a JSON object {type, ...payload}.' }]);
  }
  const { type, ...rest } = body as Record<string, unknown>;
  if (typeof type !== 'string' || !types.includes(type)) {
    throw new InvalidEventError([{ field: 'type', code: 'UNKNOWN_EVENT_TYPE', message: `type must be one of: ${types.join(', ')}` }]);
  }
  const r = payloads[type].safeParse(rest);
  if (!r.success) {
    throw new InvalidEventError(
      r.error.issues.map((i) => ({
        field: i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(',') ?? '' : ''),
        code: i.code === 'unrecognized_keys' ? 'UNKNOWN_FIELD' : i.code.toUpperCase(),
        message: i.message,
      })),
    );
  }
  return { type: type as T, payload: r.data as Record<string, unknown> };
}

export function parsePermitEvent(body: unknown): { type: PermitEventType; payload: Record<string, unknown> } {
  return parse<PermitEventType>(body, PERMIT_PAYLOADS, PERMIT_EVENT_TYPES);
}

export function parseCaseEvent(body: unknown): { type: string; payload: Record<string, unknown> } {
  return parse<string>(body, CASE_PAYLOADS, Object.keys(CASE_PAYLOADS));
}
