import { addCalendarDays, addDuration, calendarDaysBetween, compareLocalDates, toCopenhagenDate, type Duration } from '@rl/clocks';
import { applyWhatIf, computeCriticalPath, type CriticalPathResult, type PlanNode, type WhatIf } from '@rl/critical-path';
import { appealPeriodOf, isUnknown, type AppealRule, type ClockRule, type KnownOrUnknown, type PermitType } from '@rl/permits-catalog';
import { getPermitType } from '@rl/permits-catalog';
import { CALENDAR, computeRisk } from './permit-clocks';
import type { PermitRow } from './rows';

const addDur = (d: string, dur: Duration) => addDuration(d, dur, CALENDAR);

/** The appeal period a projection adds: none for notices, opinions and embedded gates (issue 13 item 3). */
function appealOf(p: Pick<PermitType, 'appeal' | 'instrument' | 'embeddedInHostDecision'>): Duration | undefined {
  return appealPeriodOf(p) ?? undefined;
}

/**
 * The appeal period still to run for a decided permit: to the stored klagefrist (rolled by the
 * statute's words, MBL §93(2) / MVL §51(2) / PL §60), not a raw 4 weeks (issue 13 item 10).
 */
function storedAppealOf(p: PermitRow, decidedOn: string, fallback: Duration | undefined, today: string): Duration | undefined {
  const until = appealEndsOn(p, today);
  if (!until) return fallback;
  return { unit: 'calendarDays', length: Math.max(0, calendarDaysBetween(decidedOn, until)) };
}

/**
 * The last day of a decided permit's appeal period as the plan counts it (the permit is final the
 * day after): its stored klagefrist. For a permit under appeal (`decided.appealed`) the appeal ends
 * when the board decides — the permit is then final at once, possibly today — and how long that
 * takes is not in the research (inference: today is the earliest final day the plan can honestly
 * show; it moves with each day the appeal runs), so not before yesterday.
 */
export function appealEndsOn(p: Pick<PermitRow, 'state' | 'appeal_deadline_on'>, today: string): string | null {
  if (p.state === 'decided.appealed') {
    const yesterday = addCalendarDays(today, -1);
    return p.appeal_deadline_on ? laterOf(p.appeal_deadline_on, yesterday) : yesterday;
  }
  return p.appeal_deadline_on;
}

/** Planned processing time: the servicemål, else the statutory deadline, else the typical duration. */
export function plannedDuration(p: { serviceTarget: KnownOrUnknown<ClockRule>; statutoryDeadline: KnownOrUnknown<ClockRule>; typicalDuration: Duration }): Duration {
  if (!isUnknown(p.serviceTarget)) return p.serviceTarget.duration;
  if (!isUnknown(p.statutoryDeadline)) return p.statutoryDeadline.duration;
  return p.typicalDuration;
}

/**
 * The catalogue entry of `catalogVersion` (the version a permit runs under); if this code no longer
 * knows that version (e.g. an unreadable old snapshot), the current version's entry, so one odd
 * permit cannot break a whole plan, dashboard or public page.
 */
export function permitTypeAt(code: string, catalogVersion: string | null | undefined) {
  try {
    return getPermitType(code, catalogVersion ?? undefined);
  } catch {
    return getPermitType(code);
  }
}

/** The catalogue entry a permit runs under, read from its machine snapshot (see `permitTypeAt`). */
export function permitTypeOf(p: Pick<PermitRow, 'code' | 'snapshot'>) {
  return permitTypeAt(p.code, (p.snapshot as { context?: { catalogVersion?: string } } | null)?.context?.catalogVersion);
}

/** Plan for a screening preview: nothing has started; the plan starts `today`. */
export function planForScreening(
  permits: {
    code: string;
    serviceTarget: KnownOrUnknown<ClockRule>;
    statutoryDeadline: KnownOrUnknown<ClockRule>;
    typicalDuration: Duration;
    appeal: KnownOrUnknown<AppealRule>;
    embeddedInHostDecision: boolean;
    instrument?: PermitType['instrument'];
    prerequisites: { code: string; requires: 'decided' | 'final' }[];
  }[],
  today: string,
  ceilingDueOn?: string,
): CriticalPathResult {
  const nodes: PlanNode[] = permits.map((p) => ({
    code: p.code,
    remaining: plannedDuration(p),
    prerequisites: p.prerequisites.map((x) => ({ code: x.code, requires: x.requires })),
    // Screening results do not carry the instrument; it is the same in every catalogue version.
    appealPeriod: appealOf({ ...p, instrument: p.instrument ?? getPermitType(p.code).instrument }),
  }));
  return computeCriticalPath({ nodes, projectStart: today, addDuration: addDur, ceilingDueOn });
}

/**
 * Plan for a running case: decided and final permits contribute their actual dates; running
 * ones their remaining target time (due date − today); blocked/ready ones their full planned
 * duration. Withdrawn permits drop out. `waitUntil` (issue 17): per permit id, the latest answer
 * date of its open referrals — the authority waits for the other authority's answer until then,
 * so a running permit is not planned to be decided before it.
 */
/**
 * An open joint hearing (issue 17 item 3): the permits it covers cannot be decided before its one
 * period ends — the longest minimum of them all (LocalDate of its earliest end).
 */
export interface JointHearingFloor {
  id?: string;
  permitIds: readonly string[];
  earliestEndOn: string;
}

/** Per permit id, the latest earliest end of the open joint hearings covering it. */
export function jointHearingFloorOf(floors: readonly JointHearingFloor[]): Map<string, string> {
  const byPermit = new Map<string, string>();
  for (const f of floors) for (const id of f.permitIds) byPermit.set(id, laterOf(byPermit.get(id) ?? f.earliestEndOn, f.earliestEndOn));
  return byPermit;
}

/**
 * Refused permits that a live, undecided permit waits for. Propagation never releases a dependant
 * on a refusal (`prerequisiteHolds`): the dependant waits for a new application of the refused
 * permit. The plan and the forecast model that application as filed today and taking the permit's
 * full duration — the earliest the case could go on (inference: a company that does not reapply
 * never completes the case; the plan cannot know which it will do). A refusal nothing waits for
 * is an outcome like any other: its actual dates stand.
 */
export function refusedAndAwaited(live: readonly Pick<PermitRow, 'code' | 'state' | 'outcome' | 'prerequisites'>[]): Set<string> {
  const refused = new Set(live.filter((p) => p.outcome === 'refused' && (p.state === 'final' || p.state.startsWith('decided'))).map((p) => p.code));
  const awaited = new Set<string>();
  for (const p of live) {
    if (p.state === 'final' || p.state.startsWith('decided')) continue;
    for (const x of p.prerequisites) if (refused.has(x.code)) awaited.add(x.code);
  }
  return awaited;
}

export function planForCase(
  permits: PermitRow[],
  now: Date,
  ceilingDueOn?: string | null,
  jointHearings: readonly JointHearingFloor[] = [],
  waitUntil?: ReadonlyMap<string, string>,
  /** What-if scenarios (coordinator's forecast tool): applied to the plan as to the forecast. */
  whatIf: readonly WhatIf[] = [],
): CriticalPathResult {
  const today = toCopenhagenDate(now);
  const jointFloor = jointHearingFloorOf(jointHearings);
  // A permit replaced by a new application is history; the new one is planned in its place.
  const live = permits.filter((p) => p.state !== 'withdrawn' && !p.superseded_by);
  const reapply = refusedAndAwaited(live);
  const nodes: PlanNode[] = live.map((p) => {
    const type = permitTypeOf(p);
    const base = {
      code: p.code,
      prerequisites: p.prerequisites.map((x) => ({ code: x.code, requires: x.requires })),
      appealPeriod: appealOf(type),
    };
    if (reapply.has(p.code)) return { ...base, status: 'notStarted' as const, remaining: { unit: (p.target_unit ?? 'calendarDays') as Duration['unit'], length: p.target_length ?? 0 } };
    if (p.state === 'final') {
      const end = p.final_at ? toCopenhagenDate(p.final_at) : today;
      return { ...base, status: 'final' as const, remaining: { days: 0 }, actualStart: p.complete_on ?? end, actualEnd: end };
    }
    if (p.state.startsWith('decided')) {
      const end = p.decided_at ? toCopenhagenDate(p.decided_at) : today;
      // The appeal period still to run: from the decision to the klagefrist.
      return { ...base, appealPeriod: storedAppealOf(p, end, base.appealPeriod, today), status: 'decided' as const, remaining: { days: 0 }, actualStart: p.complete_on ?? end, actualEnd: end };
    }
    if (p.complete_on) {
      const due = computeRisk(p, today).target?.dueOn;
      // In an open joint hearing: not decided before its one period ends; waiting for another
      // authority's answer to a referral: not before its date (issue 17).
      const floor = jointFloor.get(p.id);
      const wait = waitUntil?.get(p.id);
      const notBefore = floor && wait ? laterOf(floor, wait) : (floor ?? wait);
      const days = Math.max(due ? calendarDaysBetween(today, due) : 0, 0);
      return { ...base, status: 'inProgress' as const, remaining: { days }, actualStart: p.complete_on, ...(notBefore ? { decisionNotBefore: notBefore } : {}) };
    }
    const unit = (p.target_unit ?? 'calendarDays') as Duration['unit'];
    return { ...base, status: 'notStarted' as const, remaining: { unit, length: p.target_length ?? 0 } };
  });
  return computeCriticalPath({ nodes: whatIf.length ? applyWhatIf(nodes, whatIf) : nodes, projectStart: today, addDuration: addDur, ceilingDueOn: ceilingDueOn ?? undefined });
}

export function laterOf(a: string, b: string): string {
  return compareLocalDates(a, b) >= 0 ? a : b;
}
