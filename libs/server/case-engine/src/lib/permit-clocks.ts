import {
  type BusinessCalendar,
  type ClockComputation,
  type ClockDefinition,
  type ClockState,
  type ClockUnit,
  addCalendarDays,
  calendarDaysBetween,
  computePermitClocks,
  createDanishCalendar,
  startOfCopenhagenDay,
  toCopenhagenDate,
} from '@rl/clocks';
import { isUnknown, type ClockRule, type Duration, type KnownOrUnknown } from '@rl/permits-catalog';
import type { PermitRow, Risk } from './rows';

/** The calendar in force; the code calendar until the database's is loaded (./business-calendar-store.ts). */
let current: BusinessCalendar = createDanishCalendar();

/** Puts a calendar in force (built from the database rules and closure days, issue 13 item 12). */
export function useCalendar(calendar: BusinessCalendar): void {
  current = calendar;
}

/**
 * THE business calendar of the engine: delegates to the calendar in force, so every clock,
 * klagefrist and ceiling computed after an admin's change uses it. The clock library stays pure:
 * it receives this object as its calendar input.
 */
export const CALENDAR: BusinessCalendar = {
  isBusinessDay: (d) => current.isBusinessDay(d),
  nonBusinessReason: (d) => current.nonBusinessReason(d),
  nextBusinessDay: (d) => current.nextBusinessDay(d),
  previousBusinessDay: (d) => current.previousBusinessDay(d),
  businessDayOnOrAfter: (d) => current.businessDayOnOrAfter(d),
  addBusinessDays: (d, n) => current.addBusinessDays(d, n),
  businessDaysBetween: (a, b) => current.businessDaysBetween(a, b),
  holidaysInYear: (y) => current.holidaysInYear(y),
};

export interface ClockColumns {
  target_unit: ClockUnit | null;
  target_length: number | null;
  target_kind: 'serviceTarget' | 'statutory' | 'planning' | null;
  statutory_unit: ClockUnit | null;
  statutory_length: number | null;
}

/**
 * Which clocks a permit gets, from the screened catalogue entry:
 * - the target clock is the servicemål if there is one, else the statutory deadline, else the
 *   catalogue's typical duration marked `planning` (so risk and alerts still work, and the UI
 *   says it is an estimate, not a legal target);
 * - the statutory clock exists only where a statute sets a deadline.
 */
export function clockColumnsFor(p: {
  serviceTarget: KnownOrUnknown<ClockRule>;
  statutoryDeadline: KnownOrUnknown<ClockRule>;
  typicalDuration: Duration;
}): ClockColumns & { stopsWhileAwaitingApplicant: boolean } {
  const statutory = isUnknown(p.statutoryDeadline) ? null : p.statutoryDeadline;
  const service = isUnknown(p.serviceTarget) ? null : p.serviceTarget;
  const target = service ?? statutory;
  return {
    target_unit: target ? target.duration.unit : p.typicalDuration.unit,
    target_length: target ? target.duration.length : p.typicalDuration.length,
    target_kind: service ? 'serviceTarget' : statutory ? 'statutory' : 'planning',
    statutory_unit: statutory ? statutory.duration.unit : null,
    statutory_length: statutory ? statutory.duration.length : null,
    stopsWhileAwaitingApplicant: target ? target.stopsWhileAwaitingApplicant : true,
  };
}

export function clockDefinitions(row: Pick<PermitRow, 'target_unit' | 'target_length' | 'target_kind' | 'statutory_unit' | 'statutory_length'>, stopsWhileAwaitingApplicant = true): {
  target: ClockDefinition | null;
  statutory: ClockDefinition | null;
} {
  return {
    target:
      row.target_unit && row.target_length !== null
        ? { unit: row.target_unit as ClockUnit, length: row.target_length, kind: row.target_kind === 'statutory' ? 'statutory' : 'target', stopsWhileAwaitingApplicant }
        : null,
    statutory:
      row.statutory_unit && row.statutory_length !== null
        ? { unit: row.statutory_unit as ClockUnit, length: row.statutory_length, kind: 'statutory', stopsWhileAwaitingApplicant }
        : null,
  };
}

/** Whether this permit's clocks stop while waiting for the applicant (kept in the machine context). */
export function stopsFlagOf(row: Pick<PermitRow, 'snapshot'>): boolean {
  const ctx = (row.snapshot as { context?: { clockStopsWhileAwaitingApplicant?: boolean } }).context;
  return ctx?.clockStopsWhileAwaitingApplicant ?? true;
}

export function clockState(row: Pick<PermitRow, 'complete_on' | 'stops' | 'extensions' | 'decided_at' | 'state'>): ClockState {
  // The clock ends for good on the decision day.
  const ended = row.decided_at ? toCopenhagenDate(row.decided_at) : null;
  return { startedOn: row.complete_on, stops: row.stops ?? [], extensions: row.extensions ?? [], stoppedAt: ended };
}

export interface CompletenessClock {
  dueOn: string;
  warningOn: string;
  warningAt: Date;
  breachAt: Date;
}

/**
 * The completeness-check clock of a filed permit (issue 14): from filing to the catalogue's
 * `completenessCheck` period, running while the application waits in the authority's
 * completeness check (not while the applicant is asked for more; not once confirmed complete).
 * Warning at 80 % of the period (as the target clock), breach after its last day.
 */
export function completenessClock(row: Pick<PermitRow, 'state' | 'received_at' | 'complete_on' | 'completeness_due_on'>): CompletenessClock | null {
  if (row.state !== 'submitted.completenessCheck' || row.complete_on || !row.completeness_due_on || !row.received_at) return null;
  const filedOn = toCopenhagenDate(row.received_at);
  const total = Math.max(0, calendarDaysBetween(filedOn, row.completeness_due_on));
  const warningOn = addCalendarDays(filedOn, Math.ceil(total * 0.8));
  return { dueOn: row.completeness_due_on, warningOn, warningAt: startOfCopenhagenDay(warningOn), breachAt: startOfCopenhagenDay(addCalendarDays(row.completeness_due_on, 1)) };
}

export interface PermitClockView {
  target: ClockComputation | null;
  statutory: ClockComputation | null;
  /** The completeness-check deadline while it runs (issue 14), with its status today. */
  completeness: (CompletenessClock & { status: 'onTrack' | 'atRisk' | 'breached' }) | null;
  risk: Risk;
}

/** The columns `computeRisk` reads (a whole PermitRow, or a PermitRiskRow). */
export type PermitRiskInput = Pick<
  PermitRow,
  'state' | 'target_unit' | 'target_length' | 'target_kind' | 'statutory_unit' | 'statutory_length' | 'complete_on' | 'stops' | 'extensions' | 'decided_at' | 'received_at' | 'completeness_due_on' | 'snapshot'
>;

/** Risk = the worse of the two clocks (breached > atRisk > onTrack). */
export function computeRisk(row: PermitRiskInput, today: string, stopsWhileAwaitingApplicant = stopsFlagOf(row)): PermitClockView {
  if (row.state === 'withdrawn') return { target: null, statutory: null, completeness: null, risk: 'onTrack' };
  const clocks = computePermitClocks(clockDefinitions(row, stopsWhileAwaitingApplicant), clockState(row), today, CALENDAR);
  const c = completenessClock(row);
  const completeness = c ? { ...c, status: today > c.dueOn ? ('breached' as const) : today >= c.warningOn ? ('atRisk' as const) : ('onTrack' as const) } : null;
  const statuses = [clocks.target?.status, clocks.statutory?.status, completeness?.status];
  const risk: Risk = statuses.includes('breached') ? 'breached' : statuses.includes('atRisk') ? 'atRisk' : 'onTrack';
  return { ...clocks, completeness, risk };
}
