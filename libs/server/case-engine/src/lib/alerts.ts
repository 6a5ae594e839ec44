import type { EntityManager } from 'typeorm';
import { permitClockSchedule } from '@rl/clocks';
import { CALENDAR, clockDefinitions, clockState, stopsFlagOf } from './permit-clocks';
import type { PermitRow } from './rows';

export interface DesiredAlert {
  clock: 'target' | 'statutory';
  threshold: 'warning' | 'breach';
  dueAt: Date;
}

/** Deterministic BullMQ job id of an alert (no ':' — BullMQ reserves it). */
export function alertJobId(permitId: string, clock: string, threshold: string, dueAt: Date): string {
  return `alert-${permitId}-${clock}-${threshold}-${dueAt.getTime()}`;
}

/**
 * The alerts a permit's clocks call for right now: warning at 80 % and breach at 100 % of the
 * target, breach of the statutory deadline. None while a clock is stopped (info request), not
 * started, or finished (decision, withdrawal).
 */
export function desiredAlerts(row: PermitRow): DesiredAlert[] {
  if (row.state === 'withdrawn' || row.state === 'final' || row.state.startsWith('decided') || row.decided_at) return [];
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
  clock: string;
  threshold: string;
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

/** The `alert.schedule` outbox payload of an inserted alert row. */
export function alertSchedulePayload(permitId: string, a: { id: string; clock: string; threshold: string; dueAt: Date }): Record<string, unknown> {
  return { alertId: String(a.id), jobId: alertJobId(permitId, a.clock, a.threshold, a.dueAt), dueAt: a.dueAt.toISOString() };
}

/** Reads a permit's alert rows in the shape `planAlerts` takes. */
export async function loadAlerts(m: EntityManager, permitId: string): Promise<ExistingAlert[]> {
  const rows: { id: string; clock: string; threshold: string; due_at: Date; fired_at: Date | null }[] = await m.query(
    `SELECT id, clock, threshold, due_at, fired_at FROM deadline_alerts WHERE permit_id = $1`,
    [permitId],
  );
  return rows.map((r) => ({ id: String(r.id), clock: r.clock, threshold: r.threshold, dueMs: new Date(r.due_at).getTime(), fired: r.fired_at !== null }));
}

/**
 * Re-derives the permit's pending alerts inside the transition's transaction: unfired rows that
 * no longer match are deleted (their delayed jobs cancelled through the outbox), new ones are
 * inserted (and scheduled through the outbox). See `planAlerts`.
 */
export async function rescheduleAlerts(
  m: EntityManager,
  row: PermitRow,
  outbox: (type: string, payload: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const { stale, toInsert } = planAlerts(row, await loadAlerts(m, row.id));
  if (stale.length) {
    await m.query(`DELETE FROM deadline_alerts WHERE id = ANY($1::bigint[]) AND fired_at IS NULL`, [stale.map((e) => e.id)]);
    for (const e of stale) await outbox('alert.cancel', { jobId: alertJobId(row.id, e.clock, e.threshold, new Date(e.dueMs)) });
  }
  if (toInsert.length === 0) return;
  const values: unknown[] = [];
  const tuples = toInsert.map((d, i) => {
    values.push(row.id, row.case_id, d.clock, d.threshold, d.dueAt);
    return `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`;
  });
  const inserted: { id: string; clock: string; threshold: string; due_at: Date }[] = await m.query(
    `INSERT INTO deadline_alerts (permit_id, case_id, clock, threshold, due_at) VALUES ${tuples.join(', ')}
     ON CONFLICT (permit_id, clock, threshold, due_at) DO NOTHING RETURNING id, clock, threshold, due_at`,
    values,
  );
  for (const a of inserted) await outbox('alert.schedule', alertSchedulePayload(row.id, { ...a, dueAt: new Date(a.due_at) }));
}
