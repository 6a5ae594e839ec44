import { CALENDAR, computeRisk, permitTypeOf, validityOf, type PermitComputed, type Risk, CaseRow, PermitWithAuthority } from '@rl/case-engine';
import { addDuration, toCopenhagenDate, type ClockComputation, type ClockUnit } from '@rl/clocks';
import { getPermitType } from '@rl/permits-catalog';
import { mayActFor } from '../access/access.service';
import { allowedCaseEvents, allowedEvents, caseMachine, restorePermitSnapshot, type CaseSnapshot, type Role } from '@rl/permits-machines';
import { authorityNames } from '../common/row-columns';

const RISK_ORDER: Risk[] = ['onTrack', 'atRisk', 'breached'];

export function worstRisk(risks: Risk[]): Risk {
  return risks.reduce<Risk>((w, r) => (RISK_ORDER.indexOf(r) > RISK_ORDER.indexOf(w) ? r : w), 'onTrack');
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** Who has the next move, from the machine's tags. */
function awaiting(state: string): 'applicant' | 'authority' | 'appealBody' | null {
  if (state === 'submitted.infoRequested') return 'applicant';
  if (state.startsWith('submitted')) return 'authority';
  if (state === 'decided.appealed') return 'appealBody';
  return null;
}

/** What a client needs of one computed clock. */
function clockSummary(c: ClockComputation | null) {
  return {
    status: c?.status ?? 'notStarted',
    running: c?.running ?? false,
    elapsed: c?.elapsed ?? 0,
    remaining: c?.remaining ?? null,
    percentUsed: Math.round((c?.percentUsed ?? 0) * 10) / 10,
    dueOnIsProjected: c?.dueOnIsProjected ?? false,
    pausedBy: c?.pausedBy ?? [],
  };
}

/** The receipt's expected decision date: the target due date once the clock runs, else completeness deadline + target (~). */
function expectedDecisionOn(p: PermitWithAuthority, targetDueOn: string | null): string | null {
  if (p.complete_on) return targetDueOn;
  if (!p.completeness_due_on || !p.target_unit || p.target_length === null) return null;
  return addDuration(p.completeness_due_on, { unit: p.target_unit as ClockUnit, length: p.target_length }, CALENDAR);
}

/** The full permit, as `GET /permits/:id` returns it. */
export function permitView(p: PermitWithAuthority, now: Date, caller: Role | null, caseReference?: string, known?: PermitComputed) {
  // A transition's answer reuses what its planner computed for this very row (its machine
  // snapshot and clocks) instead of restoring and recomputing them.
  const snapshot = known?.snapshot ?? restorePermitSnapshot(p.snapshot, p.machine_version);
  const ctx = snapshot.context;
  const type = getPermitType(p.code, ctx.catalogVersion);
  const clocks = known?.clocks ?? computeRisk(p, toCopenhagenDate(now));
  const stateParts = p.state.split('.');
  return {
    id: p.id,
    caseId: p.case_id,
    ...(caseReference ? { caseReference } : {}),
    code: p.code,
    nameDa: type.nameDa,
    nameEn: type.nameEn,
    legalBasis: type.legalBasis,
    authority: { id: p.authority_id, ...authorityNames(p, 'authority_'), kind: p.authority_kind },
    state: p.state,
    phase: stateParts[0],
    outcome: p.outcome,
    version: p.version,
    awaiting: awaiting(p.state),
    risk: clocks.risk,
    reasons: p.reasons,
    prerequisites: p.prerequisites.map((x) => ({ ...x, satisfied: !ctx.prerequisitesOpen.includes(x.code) })),
    clocks: {
      /** Modtaget: the application was filed. */
      receivedAt: iso(p.received_at),
      /** Fyldestgørende ansøgning: the clock starts this day. */
      completeOn: p.complete_on,
      /** Target (servicemål, or statutory/planning when no servicemål exists). */
      dueOn: clocks.target?.dueOn ?? null,
      statutoryDueOn: clocks.statutory?.dueOn ?? null,
      decidedAt: iso(p.decided_at),
      /** Klagefrist, moved to the next business day when it ends on a weekend or holiday. */
      appealDeadlineOn: p.appeal_deadline_on,
      /** First day the permit may be used (after the appeal period where the law says so). */
      usableFrom: p.usable_from,
      finalAt: iso(p.final_at),
      // The three target columns are written together at screening; a row missing one has no usable
      // target (the view does not send a half-described clock the contract documents as whole).
      target: p.target_unit && p.target_length !== null && p.target_kind ? { kind: p.target_kind, unit: p.target_unit, length: p.target_length, ...clockSummary(clocks.target) } : null,
      statutory: p.statutory_unit && p.statutory_length !== null ? { unit: p.statutory_unit, length: p.statutory_length, ...clockSummary(clocks.statutory) } : null,
      stops: p.stops,
      extensions: p.extensions,
      /** The authority's completeness-check deadline while it runs (issue 14; catalogue completenessCheck). */
      completeness: clocks.completeness ? { dueOn: clocks.completeness.dueOn, status: clocks.completeness.status } : null,
    },
    // Filing (issue 14): flagged incomplete with what was missing; the receipt's expected decision
    // date (the authority must state it): the target due date once the clock runs, else projected
    // from the completeness deadline plus the target.
    filing: {
      filedIncomplete: p.filed_incomplete,
      missingItems: p.missing_items,
      completenessDueOn: p.completeness_due_on,
      held: p.filing_held,
      expectedDecisionOn: expectedDecisionOn(p, clocks.target?.dueOn ?? null),
    },
    infoRequests: ctx.infoRequests,
    hearing: ctx.hearingStartedAt ? { startedAt: ctx.hearingStartedAt, earliestEndAt: ctx.hearingEarliestEndAt, endedAt: ctx.hearingEndedAt } : null,
    decision: ctx.outcome ? { outcome: ctx.outcome, conditions: ctx.conditions, reason: ctx.decisionReason, decidedAt: ctx.decidedAt } : null,
    appeal: ctx.appealLodgedAt ? { lodgedAt: ctx.appealLodgedAt, decidedAt: ctx.appealDecidedAt, outcome: ctx.appealOutcome, suspendsPermit: ctx.suspendedByAppeal } : null,
    // A new application after a refusal or an overturn (issue 13 item 1): the link both ways.
    replacesPermitId: p.replaces_permit_id,
    supersededBy: p.superseded_by,
    // How long a granted decision stays valid (issue 13 item 4): MVL §39 lapse, VFL §22 maximum
    // term; null for permit types without such a rule. `validUntil` is null until granted.
    validity: validityOf(p),
    assignedTo: p.assigned_to,
    allowedEvents: caller ? allowedEvents(snapshot, caller, now.toISOString()) : [],
    catalogVersion: ctx.catalogVersion,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

/** What a caseworker sees of another authority's permit in a case they can see. */
export function permitSummary(p: PermitWithAuthority) {
  const type = permitTypeOf(p);
  return {
    id: p.id,
    code: p.code,
    nameDa: type.nameDa,
    nameEn: type.nameEn,
    authority: { id: p.authority_id, ...authorityNames(p, 'authority_'), kind: p.authority_kind },
    state: p.state,
    phase: p.state.split('.')[0],
    outcome: p.outcome,
    restricted: true,
  };
}

export function caseSnapshotOf(c: CaseRow): CaseSnapshot {
  return caseMachine.resolveState(c.snapshot as Parameters<typeof caseMachine.resolveState>[0]) as CaseSnapshot;
}

export function caseSummary(c: CaseRow & { organisation_cvr?: string; organisation_name?: string; permit_count?: number; risk?: Risk }) {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    state: c.state,
    version: c.version,
    organisation: { id: c.organisation_id, cvr: c.organisation_cvr, name: c.organisation_name },
    simple: c.simple,
    ceilingMonths: c.ceiling_months,
    // null months = not under L 206 (issue 13 item 16): an ordinary multi-permit case, no ceiling.
    ceiling: { appliesUnderL206: c.ceiling_months !== null, months: c.ceiling_months, reason: c.ceiling_reason ?? null },
    nationalStrategic: c.national_strategic,
    submittedAt: iso(c.submitted_at),
    ceilingDueOn: c.ceiling_due_on,
    permitCount: c.permit_count ?? undefined,
    risk: c.risk ?? undefined,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
  };
}

export function allowedCaseEventsFor(c: CaseRow, role: Role | null, now: Date): string[] {
  // The machine's role table is narrowed by the API's rule that coordinators never act for the company.
  return role ? allowedCaseEvents(caseSnapshotOf(c), role, now.toISOString()).filter((t) => mayActFor(role, t)) : [];
}
