/**
 * The catalogue upgrade of one running permit, planned without I/O (issue 13 item 13): a permit
 * screened with an older catalogue version moves to `toVersion` when a legal correction of that
 * version concerns its type, and the dates the correction changes are recomputed from the stored
 * facts (decision day, hearing start, chosen minimum):
 * - the klagefrist of a permit in its appeal period, by the new version's roll rule (MBL §93(2));
 * - the earliest close of a running hearing, after the last day for objections (PL §24(3));
 * - a notice or an opinion waiting out a klagefrist has none: it becomes final (`finalizeNow`).
 * Changes that are not legal corrections never reach a running case: the permit keeps its stored
 * prerequisites and clock rule, only its catalogue version (and what the corrections touch) moves.
 */
import { addCalendarDays, appealDeadline, hearingEarliestCloseAt, startOfCopenhagenDay, toCopenhagenDate, type Duration } from '@rl/clocks';
import { appealPeriodOf, appealRollOf, DEFAULT_APPEAL_PERIOD, getPermitType, isUnknown, legalCorrectionsFor } from '@rl/permits-catalog';
import { PERMIT_MACHINE_VERSION, permitInputFromCatalog, restorePermitSnapshot, type PermitContext } from '@rl/permits-machines';
import { CALENDAR } from '../permit-clocks';
import type { PermitRow } from '../rows';
import { TERMINAL_PERMIT_STATES } from '../state-value';
import { alertWritesFor } from './alert-plan';
import { type PermitPlan, type TransitionContext, SYSTEM, auditBy } from './types';

export interface CatalogUpgradePlan {
  plan: PermitPlan;
  /** A notice/opinion that was waiting out a klagefrist it does not have: expire it now. */
  finalizeNow: boolean;
}

type DateChange = { field: string; from: string | null; to: string | null };

/** The minimum the running hearing was started under (the recorded basis, else the default). */
function chosenMinimum(c: PermitContext): Duration | null {
  const options = c.hearingMinimumOptions ?? [];
  return options.find((o) => o.id === c.hearingMinimumBasis)?.minDuration ?? c.hearingMinDuration;
}

/** null when the permit stays where it is (finished, already on `toVersion`, or no legal correction concerns it). */
export function planCatalogUpgrade(row: PermitRow, ctx: TransitionContext, toVersion: string, now: Date): CatalogUpgradePlan | null {
  const snapshot = restorePermitSnapshot(row.snapshot, row.machine_version);
  const context = snapshot.context;
  const fromVersion = context.catalogVersion;
  if (fromVersion === toVersion || TERMINAL_PERMIT_STATES.includes(row.state)) return null;
  const corrections = legalCorrectionsFor(row.code, toVersion);
  if (corrections.length === 0) return null;

  const type = getPermitType(row.code, toVersion);
  const input = permitInputFromCatalog(type, toVersion, context.prerequisitesOpen);
  const next: PermitContext = { ...context, catalogVersion: toVersion, appealApplies: input.appealApplies, hearingMinimumOptions: input.hearingMinimumOptions };
  const nextRow: PermitRow = { ...row };
  const dates: DateChange[] = [];
  let finalizeNow = false;

  if (row.state === 'decided.appealPeriod' && row.decided_at) {
    const decidedOn = toCopenhagenDate(row.decided_at);
    if (!input.appealApplies) {
      // A notice/opinion is final when given: no klagefrist, usable from the day it was given.
      next.appealPeriodEndsAt = row.decided_at.toISOString();
      nextRow.appeal_deadline_on = null;
      nextRow.usable_from = row.usable_from ?? decidedOn;
      finalizeNow = true;
    } else if (row.appeal_deadline_on) {
      const deadline = appealDeadline(decidedOn, appealPeriodOf(type) ?? DEFAULT_APPEAL_PERIOD, CALENDAR, appealRollOf(row.code, toVersion));
      next.appealPeriodEndsAt = startOfCopenhagenDay(addCalendarDays(deadline, 1)).toISOString();
      nextRow.appeal_deadline_on = deadline;
      // A permit usable only after the appeal period follows its klagefrist.
      const appeal = isUnknown(type.appeal) ? null : type.appeal;
      if (appeal?.usableOnlyAfterAppealPeriod && row.usable_from === addCalendarDays(row.appeal_deadline_on, 1)) nextRow.usable_from = addCalendarDays(deadline, 1);
    }
  }
  if (row.state === 'submitted.hearing' && context.hearingStartedAt && context.hearingEarliestEndAt) {
    const min = chosenMinimum(context);
    if (min) next.hearingEarliestEndAt = hearingEarliestCloseAt(toCopenhagenDate(new Date(context.hearingStartedAt)), min, CALENDAR).toISOString();
  }
  const track = (field: string, from: string | null, to: string | null) => {
    if (from !== to) dates.push({ field, from, to });
  };
  track('appealDeadlineOn', row.appeal_deadline_on, nextRow.appeal_deadline_on);
  track('usableFrom', row.usable_from, nextRow.usable_from);
  track('appealPeriodEndsAt', context.appealPeriodEndsAt, next.appealPeriodEndsAt);
  track('hearingEarliestEndAt', context.hearingEarliestEndAt, next.hearingEarliestEndAt);

  const persisted = { ...(row.snapshot as Record<string, unknown>), context: next };
  restorePermitSnapshot(persisted, PERMIT_MACHINE_VERSION); // refuses a context the machine cannot run
  Object.assign(nextRow, { snapshot: persisted, machine_version: PERMIT_MACHINE_VERSION, version: row.version + 1, updated_at: now });

  const base = { caseId: row.case_id, permitId: row.id };
  const payload = { fromVersion, toVersion, corrections: corrections.map((c) => ({ id: c.id, source: c.source })), dates };
  const audit = auditBy(SYSTEM, base, { eventType: 'catalog.upgraded', fromState: row.state, toState: row.state, reason: `Catalogue ${fromVersion} → ${toVersion}: legal corrections ${corrections.map((c) => c.id).join(', ')}`, payload }, now);
  const { alerts, cancelOutbox } = alertWritesFor(nextRow, ctx);
  const outbox = [
    { type: 'catalog.upgraded', payload: { ...base, permitCode: row.code, ...payload, at: now.toISOString() } },
    ...(dates.some((d) => d.field === 'appealPeriodEndsAt') && next.appealPeriodEndsAt && !finalizeNow
      ? [{ type: 'deadline.schedule', payload: { ...base, params: { kind: 'appealPeriodEnd', dueAt: next.appealPeriodEndsAt } } }]
      : []),
    ...cancelOutbox,
  ];
  const plan: PermitPlan = { table: 'permits', row, nextRow, aggregate: { type: 'permit', id: row.id, payload: base }, audit, task: { kind: 'none' }, notifications: [], alerts, outbox };
  return { plan, finalizeNow };
}
