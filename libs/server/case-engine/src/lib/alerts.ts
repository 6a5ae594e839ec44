import { permitClockSchedule, startOfCopenhagenDay } from '@rl/clocks';
import { CALENDAR, clockDefinitions, clockState, completenessClock, stopsFlagOf } from './permit-clocks';
import type { PermitRow } from './rows';
import { validityReminders, type ValidityThreshold } from './validity';

/** 'validity': the reminders before a granted decision lapses or expires (issue 13 item 4);
 *  'completeness': the authority's period to check a filed application for completeness (issue 14). */
export const ALERT_CLOCKS = ['target', 'statutory', 'validity', 'completeness'] as const;
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
  const out: DesiredAlert[] = completenessAlerts(row);
  for (const [clock, s] of [['target', schedule.target], ['statutory', schedule.statutory]] as const) {
    if (!s || s.state !== 'scheduled') continue;
    for (const t of s.thresholds) {
      // Where the target clock IS the statutory deadline (GMP: BEK 1358/2012 §6(1); VVM
      // screening: MVL §21), both clocks break at the same instant: one deadline, one breach
      // alert and one escalation (issue 13 item 9).
      const sameDeadline = clock === 'statutory' && out.some((o) => o.clock === 'target' && o.threshold === t.kind && o.dueAt.getTime() === t.at.getTime());
      if (!sameDeadline) out.push({ clock, threshold: t.kind, dueAt: t.at });
    }
  }
  return out;
}

/**
 * The completeness deadline's alerts (issue 14): while the filed application waits for the
 * authority's completeness check, a warning at 80 % of the period and a breach when it has run
 * out (00:00 Copenhagen after the last day), like any clock.
 */
function completenessAlerts(row: PermitRow): DesiredAlert[] {
  const c = completenessClock(row);
  if (!c) return [];
  return [
    { clock: 'completeness', threshold: 'warning', dueAt: c.warningAt },
    { clock: 'completeness', threshold: 'breach', dueAt: c.breachAt },
  ];
}

/**
 * When the permit's current deadlines were set (epoch ms): the later of the complete
 * application (a remitted decision or a re-filed application starts a new one) and the last
 * target change. Alerts fired before it belong to an earlier deadline: a new target is a new
 * deadline, warned about and breached again, once each (issue 13 item 11).
 */
export function deadlineSetAtMs(row: Pick<PermitRow, 'snapshot' | 'complete_on' | 'extensions'>): number {
  const completeAt = (row.snapshot as { context?: { completeAt?: unknown } }).context?.completeAt;
  const start = typeof completeAt === 'string' ? Date.parse(completeAt) : row.complete_on ? startOfCopenhagenDay(row.complete_on).getTime() : 0;
  const changes = (row.extensions ?? []).map((e) => (e.grantedAt ? Date.parse(e.grantedAt) : 0));
  return Math.max(start, ...changes);
}

/** A `deadline_alerts` row as the planner needs it (`dueMs`: epoch milliseconds). */
export interface ExistingAlert {
  id: string;
  clock: AlertClock;
  threshold: AlertThreshold;
  dueMs: number;
  fired: boolean;
  /** When it fired (epoch ms); null while unfired (and in rows read before this was recorded). */
  firedMs?: number | null;
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
 * already fired for a clock since its deadline was set (`deadlineSetAtMs`) is not scheduled
 * again, so a stop/resume never repeats a warning or a breach; a new target or a new clock
 * (remitted on appeal, re-filed) is a new deadline and gets its own.
 */
export function planAlerts(row: PermitRow, existing: ExistingAlert[]): AlertPlan {
  const desired = desiredAlerts(row);
  const key = (clock: string, threshold: string, dueMs: number) => `${clock}|${threshold}|${dueMs}`;
  const wanted = new Set(desired.map((d) => key(d.clock, d.threshold, d.dueAt.getTime())));
  const setAt = deadlineSetAtMs(row);
  const fired = new Set(existing.filter((e) => e.fired && (e.firedMs ?? Infinity) >= setAt).map((e) => `${e.clock}|${e.threshold}`));
  const stale = existing.filter((e) => !e.fired && !wanted.has(key(e.clock, e.threshold, e.dueMs)));
  const present = new Set(existing.filter((e) => !stale.includes(e)).map((e) => key(e.clock, e.threshold, e.dueMs)));
  const toInsert = desired.filter((d) => !fired.has(`${d.clock}|${d.threshold}`) && !present.has(key(d.clock, d.threshold, d.dueAt.getTime())));
  return { stale, toInsert };
}
