/**
 * Row shapes of the tables the engine reads with SQL (snake_case as stored), and the zod
 * schemas that type them where they leave the database: state, risk and outcome are literal
 * unions, checked on every read. jsonb columns written only by the engine's own typed plans
 * (stops, extensions, prerequisites, reasons, snapshot) are checked for their outer shape.
 */
import { z } from 'zod';
import { CodedError } from '@rl/errors';
import type { ClockExtension, ClockStop } from '@rl/clocks';
import type { MissingItem } from '@rl/permits-catalog';
import type { DecisionOutcome } from '@rl/permits-machines';

/** The leaf states of the permit machine, flattened ('submitted.underReview'). */
export const PERMIT_STATES = [
  'blocked',
  'ready',
  'submitted.completenessCheck',
  'submitted.infoRequested',
  'submitted.underReview',
  'submitted.hearing',
  'decided.appealPeriod',
  'decided.appealed',
  'final',
  'withdrawn',
] as const;
/** Flat state names of permit machine v0 that a row not yet migrated may still carry (see permit-snapshot.ts). */
export const V0_PERMIT_STATES = ['completenessCheck', 'infoRequested', 'inReview', 'hearing', 'appealPeriod', 'appealed'] as const;
export type PermitState = (typeof PERMIT_STATES)[number] | (typeof V0_PERMIT_STATES)[number];

export const CASE_STATES = ['draft', 'submitted', 'inProgress', 'completed', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const RISKS = ['onTrack', 'atRisk', 'breached'] as const;
export type Risk = (typeof RISKS)[number];

export const OUTCOMES = ['granted', 'grantedWithConditions', 'refused'] as const satisfies readonly DecisionOutcome[];

/** One missing item recorded on a filed permit: the catalogue's pre-submission check item, as stored. */
export type FiledMissingItem = MissingItem;

const localDate = z.string(); // 'YYYY-MM-DD': pg's DATE parser is set to return the text (migrations/data-source.ts)
const jsonObject = z.record(z.string(), z.unknown());
const jsonArray = <T>() => z.custom<T[]>((v) => Array.isArray(v), 'expected a JSON array');

export const caseRowSchema = z.object({
  id: z.string(),
  reference: z.string(),
  organisation_id: z.string(),
  title: z.string(),
  description: z.string(),
  facts: jsonObject,
  catalog_version: z.string(),
  state: z.enum(CASE_STATES),
  machine_id: z.string(),
  machine_version: z.number().int(),
  snapshot: jsonObject,
  version: z.number().int(),
  simple: z.boolean(),
  /** null: not eligible for Én indgang (L 206 §2), no statutory ceiling (issue 13 item 16). */
  ceiling_months: z.union([z.literal(12), z.literal(18)]).nullable(),
  /** Why the case has (or has no) ceiling, {da, en}, from screening; null on older rows. */
  ceiling_reason: z.object({ da: z.string(), en: z.string() }).nullable().optional(),
  national_strategic: z.boolean(),
  submitted_at: z.date().nullable(),
  ceiling_due_on: localDate.nullable(),
  completed_at: z.date().nullable(),
  created_by: z.string(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const permitRowSchema = z.object({
  id: z.string(),
  case_id: z.string(),
  code: z.string(),
  authority_id: z.string(),
  state: z.enum([...PERMIT_STATES, ...V0_PERMIT_STATES]),
  outcome: z.enum(OUTCOMES).nullable(),
  machine_id: z.string(),
  machine_version: z.number().int(),
  snapshot: jsonObject,
  version: z.number().int(),
  prerequisites: jsonArray<{ code: string; requires: 'decided' | 'final'; via?: string[] }>(),
  /** The screening rules that routed the permit, as screening gave them (`ScreeningReason`: every writer copies screening's). */
  reasons: jsonArray<{ ruleId: string; da: string; en: string; statute: string }>(),
  assigned_to: z.string().nullable(),
  received_at: z.date().nullable(),
  /** Fyldestgørende ansøgning: the day the application was confirmed complete (clock start). */
  complete_on: localDate.nullable(),
  target_unit: z.string().nullable(),
  target_length: z.number().int().nullable(),
  /** 'statutory' | 'serviceTarget' | 'planning' (catalogue typical duration when no target exists). */
  target_kind: z.string().nullable(),
  target_due_on: localDate.nullable(),
  statutory_unit: z.string().nullable(),
  statutory_length: z.number().int().nullable(),
  statutory_due_on: localDate.nullable(),
  stops: jsonArray<ClockStop>(),
  extensions: jsonArray<ClockExtension>(),
  decided_at: z.date().nullable(),
  /** Klagefrist: last day to lodge an appeal (moved to the next business day). */
  appeal_deadline_on: localDate.nullable(),
  final_at: z.date().nullable(),
  usable_from: localDate.nullable(),
  risk: z.enum(RISKS),
  /** The refused or overturned permit this one is a new application for (issue 13 item 1). */
  replaces_permit_id: z.string().nullable(),
  /** The new application that replaced this permit; a superseded permit is history, not planned or propagated. */
  superseded_by: z.string().nullable(),
  /** Filed with missing items (issue 14): an API client may file an incomplete application; the list is kept. */
  filed_incomplete: z.boolean(),
  /** What the pre-submission check found missing when the permit was filed ([] when complete). */
  missing_items: jsonArray<FiledMissingItem>(),
  /** The day the authority must have checked completeness by (catalogue `completenessCheck`), set at filing. */
  completeness_due_on: localDate.nullable(),
  /** The company held this permit back when submitting the case; propagation does not file it. */
  filing_held: z.boolean(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type PermitRow = z.infer<typeof permitRowSchema>;

/** Raised when a row does not have the shape its type promises: a bug or a schema drift, never the client's fault. */
export class RowShapeError extends CodedError<'INTERNAL.ROW_SHAPE'> {
  constructor(table: string, column: string, value: unknown) {
    super('INTERNAL.ROW_SHAPE', `${table}.${column} does not fit its type: ${JSON.stringify(value)}`);
  }
}

const PERMIT_COLUMNS = Object.keys(permitRowSchema.shape) as (keyof PermitRow)[];
const PERMIT_STATE_SET: ReadonlySet<unknown> = new Set([...PERMIT_STATES, ...V0_PERMIT_STATES]);
const RISK_SET: ReadonlySet<unknown> = new Set(RISKS);
const OUTCOME_SET: ReadonlySet<unknown> = new Set([null, ...OUTCOMES]);

/**
 * `permitRowSchema.parse` for the transition hot path: the same checks on the columns that
 * carry meaning (the literal unions, identity and versions), the rest copied as typed by the
 * pg driver — zod's full parse of this wide row cost ~50 µs, several times per transition.
 * Extra columns of a joined read (ctx_…) are left behind. permit-row.spec.ts keeps the two in step.
 */
export function parsePermitRow(raw: unknown): PermitRow {
  const { r, bad } = checkPermitRiskColumns(raw);
  if (!OUTCOME_SET.has(r.outcome)) throw bad('outcome');
  if (!Number.isInteger(r.version)) throw bad('version');
  if (!Number.isInteger(r.machine_version)) throw bad('machine_version');
  if (!Array.isArray(r.prerequisites)) throw bad('prerequisites');
  return copyColumns(r, PERMIT_COLUMNS, bad) as PermitRow;
}

/** The checks every permit read shares: the row is an object and its risk columns have their types. */
function checkPermitRiskColumns(raw: unknown) {
  const r = raw as Record<string, unknown>;
  const bad = (column: string) => new RowShapeError('permits', column, r?.[column]);
  if (typeof r !== 'object' || r === null) throw new RowShapeError('permits', '*', raw);
  if (!PERMIT_STATE_SET.has(r.state)) throw bad('state');
  if (!RISK_SET.has(r.risk)) throw bad('risk');
  if (typeof r.id !== 'string') throw bad('id');
  if (typeof r.case_id !== 'string') throw bad('case_id');
  if (typeof r.snapshot !== 'object' || r.snapshot === null) throw bad('snapshot');
  if (!Array.isArray(r.stops)) throw bad('stops');
  if (!Array.isArray(r.extensions)) throw bad('extensions');
  return { r, bad };
}

function copyColumns(r: Record<string, unknown>, columns: readonly string[], bad: (column: string) => RowShapeError): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of columns) {
    if (!(c in r)) throw bad(c);
    row[c] = r[c];
  }
  return row;
}

/**
 * What a permit's risk is computed from (`computeRisk`: its clocks and the completeness check),
 * with its identity, stored risk and last change. Where only the risk is wanted (the dashboard's
 * watched cases: ~400 permits per request), this is 17 of a row's 40 columns, without the
 * prerequisites, reasons and missing items to parse.
 */
export const PERMIT_RISK_COLUMNS = [
  'id',
  'case_id',
  'state',
  'risk',
  'received_at',
  'complete_on',
  'completeness_due_on',
  'target_unit',
  'target_length',
  'target_kind',
  'statutory_unit',
  'statutory_length',
  'stops',
  'extensions',
  'decided_at',
  'updated_at',
  'snapshot',
] as const satisfies readonly (keyof PermitRow)[];
export type PermitRiskRow = Pick<PermitRow, (typeof PERMIT_RISK_COLUMNS)[number]>;

/** parsePermitRow for `SELECT ${PERMIT_RISK_SELECT}` rows. */
export function parsePermitRiskRow(raw: unknown): PermitRiskRow {
  const { r, bad } = checkPermitRiskColumns(raw);
  return copyColumns(r, PERMIT_RISK_COLUMNS, bad) as PermitRiskRow;
}

/** Of the machine snapshot, only the context fields the planners read (`permitTypeOf`, `stopsFlagOf`). */
const SNAPSHOT_CONTEXT_SELECT = `jsonb_build_object('context', jsonb_strip_nulls(jsonb_build_object('catalogVersion', p.snapshot->'context'->'catalogVersion', 'clockStopsWhileAwaitingApplicant', p.snapshot->'context'->'clockStopsWhileAwaitingApplicant'))) AS snapshot`;
const selectOf = (columns: readonly string[]) => columns.map((c) => (c === 'snapshot' ? SNAPSHOT_CONTEXT_SELECT : `p.${c}`)).join(', ');

/** The columns of PermitRiskRow, for `parsePermitRiskRow`. Use with alias `p`. */
export const PERMIT_RISK_SELECT = selectOf(PERMIT_RISK_COLUMNS);

export const permitWithAuthoritySchema = permitRowSchema.extend({
  authority_code: z.string(),
  authority_name_da: z.string(),
  authority_name_en: z.string(),
  authority_kind: z.string(),
});
/** A row of `permits` joined with its authority (what list/detail queries select). */
export type PermitWithAuthority = z.infer<typeof permitWithAuthoritySchema>;

/** parsePermitRow for `SELECT ${PERMIT_SELECT}` rows (list and detail reads: many rows, the same cheap checks). */
export function parsePermitWithAuthority(raw: unknown): PermitWithAuthority {
  const r = raw as Record<string, unknown>;
  for (const c of ['authority_code', 'authority_name_da', 'authority_name_en', 'authority_kind'] as const) {
    if (typeof r?.[c] !== 'string') throw new RowShapeError('authorities', c, r?.[c]);
  }
  return { ...parsePermitRow(raw), authority_code: r.authority_code as string, authority_name_da: r.authority_name_da as string, authority_name_en: r.authority_name_en as string, authority_kind: r.authority_kind as string };
}

/**
 * A permit read for planning and risk (critical path, forecasts, the coordinator dashboard): every
 * column, but of the machine snapshot only the context fields the planners read — the catalogue
 * version (`permitTypeOf`) and the clock rule (`stopsFlagOf`). The snapshot is most of a permit
 * row's bytes; the dashboard read ~400 whole rows per request (issue 20). Use with alias `p`.
 */
export const PERMIT_PLANNING_SELECT = selectOf(PERMIT_COLUMNS);

export const PERMIT_SELECT = `p.*, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en, a.kind AS authority_kind`;
