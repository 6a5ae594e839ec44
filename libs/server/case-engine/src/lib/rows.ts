/** Row shapes of the tables the cases module reads with raw SQL (snake_case as stored). */
import type { ClockExtension, ClockStop } from '@rl/clocks';

export interface CaseRow {
  id: string;
  reference: string;
  organisation_id: string;
  title: string;
  description: string;
  facts: Record<string, unknown>;
  catalog_version: string;
  state: string;
  machine_id: string;
  machine_version: number;
  snapshot: object;
  version: number;
  simple: boolean;
  ceiling_months: 12 | 18;
  national_strategic: boolean;
  submitted_at: Date | null;
  ceiling_due_on: string | null;
  completed_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface PermitRow {
  id: string;
  case_id: string;
  code: string;
  authority_id: string;
  state: string;
  outcome: string | null;
  machine_id: string;
  machine_version: number;
  snapshot: object;
  version: number;
  prerequisites: { code: string; requires: 'decided' | 'final'; via?: string[] }[];
  reasons: { ruleId: string; da: string; en: string; statute?: string }[];
  assigned_to: string | null;
  received_at: Date | null;
  /** Fyldestgørende ansøgning: the day the application was confirmed complete (clock start). */
  complete_on: string | null;
  target_unit: string | null;
  target_length: number | null;
  /** 'statutory' | 'serviceTarget' | 'planning' (catalogue typical duration when no target exists). */
  target_kind: string | null;
  target_due_on: string | null;
  statutory_unit: string | null;
  statutory_length: number | null;
  statutory_due_on: string | null;
  stops: ClockStop[];
  extensions: ClockExtension[];
  decided_at: Date | null;
  /** Klagefrist: last day to lodge an appeal (moved to the next business day). */
  appeal_deadline_on: string | null;
  final_at: Date | null;
  usable_from: string | null;
  risk: string;
  created_at: Date;
  updated_at: Date;
}

/** A row of `permits` joined with its authority (what list/detail queries select). */
export interface PermitWithAuthority extends PermitRow {
  authority_code: string;
  authority_name_da: string;
  authority_name_en: string;
  authority_kind: string;
}

export const PERMIT_SELECT = `p.*, a.code AS authority_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en, a.kind AS authority_kind`;

/** Date columns come back from pg as JS Dates at local midnight; we keep them as 'YYYY-MM-DD'. */
export function localDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.slice(0, 10);
  if (v instanceof Date) {
    const y = v.getFullYear();
    const m = String(v.getMonth() + 1).padStart(2, '0');
    const d = String(v.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(v);
}
