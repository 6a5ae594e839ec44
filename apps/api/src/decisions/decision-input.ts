import { z } from 'zod';
import type { DecisionTemplate } from '@rl/permits-catalog';
import { ApiError } from '../common/problem';

const OUTCOMES = ['granted', 'grantedWithConditions', 'refused'] as const;

/** What the caseworker writes into a decision letter (the rest comes from the catalogue and the case). */
export const DECISION_INPUT = z
  .object({
    outcome: z.enum(OUTCOMES).optional(),
    conditions: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
    reasons: z.string().trim().max(10000).default(''),
    locale: z.enum(['da', 'en']).default('da'),
  })
  .strict();
export type DecisionInput = z.infer<typeof DECISION_INPUT>;
export type CompleteDecisionInput = DecisionInput & { outcome: (typeof OUTCOMES)[number] };

/** A zod schema as an OpenAPI body schema (JSON Schema without its `$schema` key). */
export function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** JSON schema of the body (OpenAPI). */
export const DECISION_INPUT_SCHEMA = bodySchema(DECISION_INPUT);

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  throw new ApiError('REQUEST.VALIDATION_FAILED', 'The request body is invalid.', {
    errors: r.error.issues.map((i) => ({
      field: i.path.join('.') || (i.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys?.join(',') ?? '') : ''),
      code: i.code === 'unrecognized_keys' ? 'UNKNOWN_FIELD' : i.code.toUpperCase(),
      message: i.message,
    })),
  });
}

/**
 * 422 DECISION.TEMPLATE_INCOMPLETE listing every required template section the input leaves
 * empty (issue 15: "a decision without a required template section → 422 listing what is missing").
 */
export function assertComplete(input: DecisionInput, template: DecisionTemplate): asserts input is CompleteDecisionInput {
  const missing: string[] = [];
  if (template.requiredSections.includes('outcome') && !input.outcome) missing.push('outcome');
  if (template.requiredSections.includes('reasons') && input.reasons.length === 0) missing.push('reasons');
  if (input.outcome === 'grantedWithConditions' && input.conditions.length === 0) missing.push('conditions');
  if (input.outcome !== 'grantedWithConditions' && input.conditions.length > 0) {
    throw new ApiError('REQUEST.VALIDATION_FAILED', "Conditions belong to outcome 'grantedWithConditions' only.", {
      errors: [{ field: 'conditions', code: 'NOT_ALLOWED', message: "conditions are allowed with outcome 'grantedWithConditions' only" }],
    });
  }
  if (missing.length > 0) {
    throw new ApiError('DECISION.TEMPLATE_INCOMPLETE', `The decision letter lacks required sections: ${missing.join(', ')}.`, { missing });
  }
}
