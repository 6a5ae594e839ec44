/**
 * Issue 15 effects of a permit transition, planned without I/O: the decision letter a decision
 * registers (document + decision row, published when the catalogue says so), and the public
 * hearing a hearing start opens and leaving the hearing closes. The dates a decision letter
 * prints come from `decisionDates`, the same function the transition stores them with, so a
 * preview shows exactly the klagefrist the permit will show.
 */
import { addCalendarDays, addDuration, appealDeadline, startOfCopenhagenDay, toCopenhagenDate } from '@rl/clocks';
import { appealPeriodOf, appealRollOf, decisionTemplateOf, DEFAULT_APPEAL_PERIOD, getCatalog, getPermitType, isUnknown } from '@rl/permits-catalog';
import { restorePermitSnapshot } from '@rl/permits-machines';
import { CALENDAR } from '../permit-clocks';
import type { PermitRow } from '../rows';
import type { DecisionDocumentInput, DecisionWrite, HearingWrite } from './types';

export interface DecisionDates {
  /** Klagefrist (last day to appeal, rolled), or null when there is nothing to appeal. */
  appealDeadlineOn: string | null;
  /** The instant the appeal period has run out (start of the day after the klagefrist). */
  appealPeriodEndsAt: string | null;
  usableFrom: string | null;
}

/** The legal dates of a decision with `outcome` given at `now` on this permit. */
export function decisionDates(row: Pick<PermitRow, 'code' | 'snapshot' | 'machine_version'>, outcome: unknown, now: Date): DecisionDates {
  const context = restorePermitSnapshot(row.snapshot, row.machine_version).context;
  const permitType = getPermitType(row.code, context.catalogVersion);
  const today = toCopenhagenDate(now);
  // A notice or an opinion has no klagefrist (issue 13 item 3): none stored, usable when given
  // (the machine makes it final at once). A gate embedded in a host decision still waits in the
  // machine's appeal period, so it keeps the general 4 weeks the sweep can expire.
  const period = context.appealApplies ? (appealPeriodOf(permitType) ?? DEFAULT_APPEAL_PERIOD) : null;
  const appeal = isUnknown(permitType.appeal) ? null : permitType.appeal;
  // The roll of the permit's catalogue version (2025.1 published the office-day roll; the
  // catalogue upgrade moves running permits to 2025.2's statutory roll, issue 13 item 13).
  const appealDeadlineOn = period ? appealDeadline(today, period, CALENDAR, appealRollOf(row.code, context.catalogVersion)) : null;
  // The appeal period has run out at the start of the day after the klagefrist.
  const appealPeriodEndsAt = appealDeadlineOn ? startOfCopenhagenDay(addCalendarDays(appealDeadlineOn, 1)).toISOString() : null;
  const waitForAppeal = period && appeal ? appeal.usableOnlyAfterAppealPeriod || appeal.suspendsPermit === true : false;
  const usableFrom = outcome === 'refused' ? null : waitForAppeal && appealDeadlineOn ? addCalendarDays(appealDeadlineOn, 1) : today;
  return { appealDeadlineOn, appealPeriodEndsAt, usableFrom };
}

/** The earliest end of a hearing started today with this minimum (machine's hearing guard). */
export function hearingEarliestEnd(minDuration: Parameters<typeof addDuration>[1] | null, now: Date): string {
  return minDuration ? startOfCopenhagenDay(addDuration(toCopenhagenDate(now), minDuration, CALENDAR)).toISOString() : now.toISOString();
}

/** The decision letter row of a decision, or null when the transition is not a decision with a letter. */
export function decisionWriteOf(nextRow: PermitRow, type: string, doc: DecisionDocumentInput | undefined, issuedBy: string | null, now: Date): DecisionWrite | null {
  if (type !== 'authority.decisionIssued' || !doc || nextRow.outcome === null) return null;
  const context = restorePermitSnapshot(nextRow.snapshot, nextRow.machine_version).context;
  const template = decisionTemplateOf(getPermitType(nextRow.code, context.catalogVersion));
  return {
    ...doc,
    caseId: nextRow.case_id,
    permitId: nextRow.id,
    outcome: nextRow.outcome,
    conditions: [...context.conditions],
    appealDeadlineOn: nextRow.appeal_deadline_on,
    usableFrom: nextRow.usable_from,
    publish: template.publication.required,
    // The version the letter was rendered under: a snapshot without one runs under today's catalogue.
    catalogVersion: context.catalogVersion ?? getCatalog().version,
    issuedBy,
    issuedAt: now.toISOString(),
  };
}

/** Opens the public hearing when the permit enters it; closes it when the permit leaves it. */
export function hearingWriteOf(row: Pick<PermitRow, 'state'>, nextState: string, payload: Record<string, unknown>, defaultAudience: string, earliestEndAt: string | null, now: Date): HearingWrite {
  const was = row.state === 'submitted.hearing';
  const is = nextState === 'submitted.hearing';
  if (!was && is && earliestEndAt) {
    const audience = typeof payload.audience === 'string' ? payload.audience : defaultAudience;
    const documentIds = Array.isArray(payload.documentIds) ? payload.documentIds.filter((d): d is string => typeof d === 'string') : [];
    return { kind: 'open', audience, documentIds, startedAt: now.toISOString(), earliestEndAt };
  }
  if (was && !is) return { kind: 'close', at: now.toISOString() };
  return { kind: 'none' };
}
