/**
 * What a planner returns and the writer (../writer.ts) writes. A plan is data only: the row as
 * the write leaves it, and every dependent row to insert, update or delete with it. Adding an
 * effect = adding a field here, filling it in the planner, writing it in the writer.
 */
import type { Role } from '@rl/permits-machines';
import type { AlertClock, AlertThreshold, ExistingAlert } from '../alerts';
import type { CaseInfo, Directory, NotificationRow } from '../notifier';
import type { Duration } from '@rl/permits-catalog';
import type { CaseRow, FiledMissingItem, PermitRow } from '../rows';
import type { DraftWrite } from './party-hearing-plan';
import type { AuthorityChangeWrite, ReferralWrite } from './cross-authority-plan';

/** What the host read for a filing (`application.submitted`): the pre-submission check and the completeness period. */
export interface FilingCheck {
  missing: FiledMissingItem[];
  completenessCheck: Duration;
}

/** Who caused a transition. `role` is the machine role; `system` acts on behalf of the host. */
export interface Actor {
  userId: string | null;
  role: Role;
}

export const SYSTEM: Actor = { userId: null, role: 'system' };

/** What a permit transition reads besides the permit row (one query, see ../load.ts). */
export interface TransitionContext {
  caseInfo: CaseInfo & { national_strategic: boolean };
  authority: { code: string; name_da: string; name_en: string; kind: string };
  directory: Directory;
  alerts: ExistingAlert[];
}

/** The append-only audit row of the write. */
export interface AuditWrite {
  caseId: string;
  permitId: string | null;
  actorUserId: string | null;
  actorRole: string;
  eventType: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  /** ISO instant (the host's clock). */
  at: string;
}

/** How the write changes the permit's inbox task. */
export type TaskWrite =
  | { kind: 'none' }
  /** Create or re-route the task (closed at once if the permit is already decided). */
  | { kind: 'route'; task: string; closed: boolean; nationalStrategic: boolean; riskRank: number }
  | { kind: 'close' }
  /** Keep the ranking keys (risk, due date) in step with the permit. */
  | { kind: 'rank'; riskRank: number }
  /** The deciding authority changed (issue 17): the open task moves to it, unassigned. */
  | { kind: 'move' };

/** An alert row to insert; `schedule` is its `alert.schedule` outbox payload without the row id. */
export interface AlertInsert {
  clock: AlertClock;
  threshold: AlertThreshold;
  dueAt: Date;
  schedule: Record<string, unknown>;
}

export interface AlertWrites {
  /** Unfired `deadline_alerts` rows to delete (their jobs are cancelled through `outbox`). */
  cancel: string[];
  insert: AlertInsert[];
  /** The alert this write fires (`fired_at`), if any. */
  fire: { id: string; at: Date } | null;
}

export interface OutboxWrite {
  type: string;
  payload: Record<string, unknown>;
}

interface PlanParts {
  /** Aggregate of every outbox row; `payload` starts the rows the database completes (e-mail, alert job). */
  aggregate: { type: 'permit' | 'case'; id: string; payload: Record<string, unknown> };
  audit: AuditWrite;
  task: TaskWrite;
  notifications: NotificationRow[];
  alerts: AlertWrites;
  /** Outbox rows in order (machine effects, alert cancellations, …); e-mails and alert jobs follow. */
  outbox: OutboxWrite[];
}

/**
 * A decision letter the API rendered (PDF) before the transition (issue 15). Its bytes are
 * already in document storage under `storageKey`; the writer registers it with the transition.
 */
export interface DecisionDocumentInput {
  id: string;
  documentId: string;
  filename: string;
  storageKey: string;
  sha256: string;
  pdf: Uint8Array;
  locale: 'da' | 'en';
  /** The decision letter this one replaces (a new decision after remittal), if any. */
  supersedesId: string | null;
}

/** The decision letter row a decision writes: `documents` + `decision_documents`, FROM up. */
export interface DecisionWrite extends DecisionDocumentInput {
  caseId: string;
  permitId: string;
  outcome: 'granted' | 'grantedWithConditions' | 'refused';
  conditions: string[];
  appealDeadlineOn: string | null;
  usableFrom: string | null;
  /** Published on the public list and feed until the klagefrist (catalogue `publication`). */
  publish: boolean;
  /** The catalogue version the permit ran under when the letter was issued: the legal basis the
   *  letter cites. A later catalogue upgrade moves the permit, not the letter. */
  catalogVersion: string;
  issuedBy: string | null;
  issuedAt: string;
}

/** How the write changes the permit's public hearing (issue 15). */
export type HearingWrite =
  | { kind: 'none' }
  | { kind: 'open'; audience: string; documentIds: string[]; startedAt: string; earliestEndAt: string }
  | { kind: 'close'; at: string };

/** A write to one permit row, version-checked against `row.version`. */
export interface PermitPlan extends PlanParts {
  table: 'permits';
  row: PermitRow;
  nextRow: PermitRow;
  /** (Optional: only a decision has one.) The decision letter to register. */
  decision?: DecisionWrite | null;
  /** (Optional: default none.) Open or close the public hearing. */
  hearing?: HearingWrite;
  /** (Optional.) A draft decision sent to the company, or its answer (partshøring). */
  draft?: DraftWrite;
  /** (Optional, issue 17.) A referral to another authority sent, answered or proceeded without. */
  referral?: ReferralWrite;
  /** (Optional, issue 17.) The deciding authority changed: delegation or call-in. */
  authorityChange?: AuthorityChangeWrite;
}

/** A write to one case row, version-checked against `row.version`. */
export interface CasePlan extends PlanParts {
  table: 'cases';
  row: CaseRow;
  nextRow: CaseRow;
  /**
   * Submitting the case with only some permits (issue 14): the codes filed now; every other
   * unfiled permit is held back (`filing_held`) until the company files it. Absent: file all.
   */
  fileOnly?: string[];
}

export type Plan = PermitPlan | CasePlan;

export const NO_ALERTS: AlertWrites = { cancel: [], insert: [], fire: null };

/** What an audit row records about the change (the rest comes from who, where and when). */
export interface AuditChange {
  eventType: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
}

/** The audit row of a write by `actor` on a case or permit, recorded as `role` when the host acts on someone's behalf. */
export function auditBy(actor: Actor, on: { caseId: string; permitId: string | null }, change: AuditChange, now: Date, role: string = actor.role): AuditWrite {
  return { ...on, actorUserId: actor.userId, actorRole: role, ...change, at: now.toISOString() };
}

/** A string field of an event payload, if it is one. */
export const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Inbox ranking of a risk: breached first. */
export function riskRank(risk: PermitRow['risk']): number {
  return risk === 'breached' ? 0 : risk === 'atRisk' ? 1 : 2;
}
