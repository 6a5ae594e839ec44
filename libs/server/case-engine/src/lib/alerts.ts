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

/**
 * Re-derives the permit's pending alerts inside the transition's transaction: unfired rows that
 * no longer match are deleted (their delayed jobs cancelled through the outbox), new ones are
 * inserted (and scheduled through the outbox). A threshold that already fired for a clock is
 * not scheduled again, so a stop/resume never repeats a warning or a breach.
 */
export async function rescheduleAlerts(
  m: EntityManager,
  row: PermitRow,
  outbox: (type: string, payload: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const desired = desiredAlerts(row);
  const existing: { id: string; clock: string; threshold: string; due_at: Date; fired_at: Date | null }[] = await m.query(
    `SELECT id, clock, threshold, due_at, fired_at FROM deadline_alerts WHERE permit_id = $1`,
    [row.id],
  );
  const key = (clock: string, threshold: string, dueAt: Date) => `${clock}|${threshold}|${new Date(dueAt).getTime()}`;
  const wanted = new Map(desired.map((d) => [key(d.clock, d.threshold, d.dueAt), d]));
  const fired = new Set(existing.filter((e) => e.fired_at).map((e) => `${e.clock}|${e.threshold}`));
  const stale = existing.filter((e) => !e.fired_at && !wanted.has(key(e.clock, e.threshold, e.due_at)));
  if (stale.length) {
    await m.query(`DELETE FROM deadline_alerts WHERE id = ANY($1::bigint[]) AND fired_at IS NULL`, [stale.map((e) => e.id)]);
    for (const e of stale) await outbox('alert.cancel', { jobId: alertJobId(row.id, e.clock, e.threshold, new Date(e.due_at)) });
  }
  const present = new Set(existing.filter((e) => !stale.includes(e)).map((e) => key(e.clock, e.threshold, e.due_at)));
  const toInsert = desired.filter((d) => !fired.has(`${d.clock}|${d.threshold}`) && !present.has(key(d.clock, d.threshold, d.dueAt)));
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
  for (const a of inserted) {
    const dueAt = new Date(a.due_at);
    await outbox('alert.schedule', { alertId: String(a.id), jobId: alertJobId(row.id, a.clock, a.threshold, dueAt), dueAt: dueAt.toISOString() });
  }
}
