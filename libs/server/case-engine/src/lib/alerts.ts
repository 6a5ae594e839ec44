import { permitClockSchedule } from '@rl/clocks';
import { CALENDAR, clockDefinitions, clockState, stopsFlagOf } from './permit-clocks';
import type { PermitRow } from './rows';
import { validityReminders, type ValidityThreshold } from './validity';

/** 'validity': the reminders before a granted decision lapses or expires (issue 13 item 4). */
export const ALERT_CLOCKS = ['target', 'statutory', 'validity'] as const;
export const ALERT_THRESHOLDS = ['warning', 'breach', 'expiry6m', 'expiry3m'] as const satisfies readonly ('warning' | 'breach' | ValidityThreshold)[];
export type AlertClock = (typeof ALERT_CLOCKS)[number];
export type AlertThreshold = (typeof ALERT_THRESHOLDS)[number];

export interface DesiredAlert {
  clock: AlertClock;
  threshold: AlertThreshold;
  dueAt: Date;
}

/** Deterministic BullMQ job id of an alert (no ':' — BullMQ reserves it). */
export function alertJobId(permitId: string, clock: string, threshold: string, dueAt: Date): string {
  return `alert-${permitId}-${clock}-${threshold}-${dueAt.getTime()}`;
}

/**
 * The alerts a permit's clocks call for right now: warning at 80 % and breach at 100 % of the
 * target, breach of the statutory deadline. None while a clock is stopped (info request), not
 * started, or finished (decision, withdrawal). Once granted, the reminders 6 and 3 months before
 * the decision lapses or expires (catalogue `validity`; issue 13 item 4).
 */
export function desiredAlerts(row: PermitRow): DesiredAlert[] {
  if (row.state === 'withdrawn') return [];
  if (row.state === 'final' || row.state.startsWith('decided') || row.decided_at) {
    return validityReminders(row).map((r): DesiredAlert => ({ clock: 'validity', threshold: r.threshold, dueAt: r.dueAt }));
  }
  const schedule = permitClockSchedule(clockDefinitions(row, stopsFlagOf(row)), clockState(row), CALENDAR);
  const out: DesiredAlert[] = [];
  for (const [clock, s] of [['target', schedule.target], ['statutory', schedule.statutory]] as const) {
    if (!s || s.state !== 'scheduled') continue;
    for (const t of s.thresholds) out.push({ clock, threshold: t.kind, dueAt: t.at });
  }
  return out;
}

/** A `deadline_alerts` row as the planner needs it (`dueMs`: epoch milliseconds). */
export interface ExistingAlert {
  id: string;
  clock: AlertClock;
  threshold: AlertThreshold;
  dueMs: number;
  fired: boolean;
}

/** What re-deriving a permit's alerts changes: unfired rows to delete and new rows to insert. */
export interface AlertPlan {
  /** Unfired rows that no longer match the clocks (their delayed jobs are cancelled). */
  stale: ExistingAlert[];
  /** Wanted rows not present yet (and whose threshold has not fired for that clock). */
  toInsert: DesiredAlert[];
}

/**
 * Compares the alerts the permit's clocks call for with its existing rows. A threshold that
 * already fired for a clock is not scheduled again, so a stop/resume never repeats a warning
 * or a breach.
 */
export function planAlerts(row: PermitRow, existing: ExistingAlert[]): AlertPlan {
  const desired = desiredAlerts(row);
  const key = (clock: string, threshold: string, dueMs: number) => `${clock}|${threshold}|${dueMs}`;
  const wanted = new Set(desired.map((d) => key(d.clock, d.threshold, d.dueAt.getTime())));
  const fired = new Set(existing.filter((e) => e.fired).map((e) => `${e.clock}|${e.threshold}`));
  const stale = existing.filter((e) => !e.fired && !wanted.has(key(e.clock, e.threshold, e.dueMs)));
  const present = new Set(existing.filter((e) => !stale.includes(e)).map((e) => key(e.clock, e.threshold, e.dueMs)));
  const toInsert = desired.filter((d) => !fired.has(`${d.clock}|${d.threshold}`) && !present.has(key(d.clock, d.threshold, d.dueAt.getTime())));
  return { stale, toInsert };
}
