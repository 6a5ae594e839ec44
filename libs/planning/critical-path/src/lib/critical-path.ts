/**
 * Critical path method over the permit prerequisite graph (product capability 6).
 *
 * Forward pass in real dates through the injected `addDuration`, so business-day clocks, holidays
 * and appeal deadlines are exact. The backward pass cannot subtract business durations with
 * only `addDuration`, so it reuses each node's calendar-day span measured in the forward pass:
 * exact for calendar-day clocks, and for business-day clocks off by at most the holidays that a
 * shifted window would cross. Slack and margins are therefore reported in calendar days.
 */
import type { Duration } from '@rl/permits-catalog';
import { assertAcyclic } from './cycles';
import { PlanInputError } from './errors';
import { fromEpochDay, toEpochDay } from './local-date';
import type {
  CeilingComparison,
  CriticalPathInput,
  CriticalPathResult,
  DaysDuration,
  PlanNode,
  PlanNodeStatus,
  ScheduledNode,
  UnknownPrerequisite,
} from './types';

interface Working {
  node: PlanNode;
  status: PlanNodeStatus;
  esDay: number;
  efDay: number;
  finalDay: number;
  lsDay: number;
  lfDay: number;
}

/** Turns the `{days}` shorthand into a catalogue Duration in calendar days. */
export function toDuration(d: Duration | DaysDuration): Duration {
  return 'days' in d ? { unit: 'calendarDays', length: d.days } : d;
}

export function compareWithCeiling(projectedCompletion: string, ceilingDueOn: string): CeilingComparison {
  const marginDays = toEpochDay(ceilingDueOn, 'ceilingDueOn') - toEpochDay(projectedCompletion, 'projectedCompletion');
  return { projectedCompletion, ceilingDueOn, withinCeiling: marginDays >= 0, marginDays };
}

export function computeCriticalPath(input: CriticalPathInput): CriticalPathResult {
  const { nodes, projectStart, addDuration, ceilingDueOn } = input;
  const startDay = toEpochDay(projectStart, 'projectStart');
  const add = (day: number, d: Duration): number => toEpochDay(addDuration(fromEpochDay(day), d), 'addDuration result');

  const byCode = new Map<string, Working>();
  for (const node of nodes) {
    if (byCode.has(node.code)) throw new PlanInputError(`Duplicate plan node '${node.code}'`);
    const length = toDuration(node.remaining).length;
    if (!Number.isFinite(length) || length < 0) {
      throw new PlanInputError(`Node '${node.code}' has an invalid remaining duration`);
    }
    byCode.set(node.code, { node, status: node.status ?? 'notStarted', esDay: 0, efDay: 0, finalDay: 0, lsDay: 0, lfDay: 0 });
  }

  const unknownPrerequisites: UnknownPrerequisite[] = [];
  for (const node of nodes) {
    for (const p of node.prerequisites) {
      if (!byCode.has(p.code)) unknownPrerequisites.push({ code: node.code, prerequisite: p.code });
    }
  }
  const knownPrereqs = (n: PlanNode) => n.prerequisites.filter((p) => byCode.has(p.code));

  assertAcyclic(nodes);
  const order = topologicalOrder(nodes, knownPrereqs);

  // A decision with an appeal period is final from the day AFTER the period's last day (the
  // klagefrist runs to the end of that day; the deadline sweep moves the permit to `final` the next
  // day, as `usableFrom` of @rl/clocks counts). The node's final day is that first final day.
  const finalAfter = (efDay: number, appealPeriod: Duration): number => add(efDay, appealPeriod) + 1;

  // The date a dependant may start because of one prerequisite edge.
  const releaseDay = (w: Working, requires: 'decided' | 'final') => (requires === 'final' ? w.finalDay : w.efDay);

  // Forward pass.
  for (const n of order) {
    const w = byCode.get(n.code)!;
    const fromPrereqs = Math.max(startDay, ...knownPrereqs(n).map((p) => releaseDay(byCode.get(p.code)!, p.requires)));
    const finished = w.status === 'decided' || w.status === 'final' || w.status === 'done';
    if (finished) {
      // Past facts win over the plan. A finished node without a recorded end is treated as
      // ending at projectStart: it happened, and "not later than now" is all we know.
      w.efDay = n.actualEnd ? toEpochDay(n.actualEnd, `${n.code}.actualEnd`) : startDay;
      w.esDay = n.actualStart ? Math.min(toEpochDay(n.actualStart, `${n.code}.actualStart`), w.efDay) : w.efDay;
      w.finalDay = w.status === 'decided' && n.appealPeriod ? finalAfter(w.efDay, n.appealPeriod) : w.efDay;
    } else if (w.status === 'inProgress' && n.actualStart) {
      // Already running: the remaining time counts from "now" (projectStart), not from the start.
      w.esDay = toEpochDay(n.actualStart, `${n.code}.actualStart`);
      const from = Math.max(w.esDay, startDay);
      // A what-if offset (the forecast's rule): not decided before today, nor before what it waits for.
      const notBefore = n.decisionNotBefore ? toEpochDay(n.decisionNotBefore, `${n.code}.decisionNotBefore`) : from;
      w.efDay = Math.max(from, notBefore, add(from, toDuration(n.remaining)) + (n.durationOffsetDays ?? 0));
      w.finalDay = n.appealPeriod ? finalAfter(w.efDay, n.appealPeriod) : w.efDay;
    } else {
      w.esDay = Math.max(startDay, fromPrereqs - (n.startAdvanceDays ?? 0));
      w.efDay = Math.max(w.esDay, add(w.esDay, toDuration(n.remaining)) + (n.durationOffsetDays ?? 0));
      w.finalDay = n.appealPeriod ? finalAfter(w.efDay, n.appealPeriod) : w.efDay;
    }
  }

  const endDay = order.length ? Math.max(...order.map((n) => byCode.get(n.code)!.finalDay)) : startDay;

  // Dependants per node, for the backward pass.
  const dependants = new Map<string, { code: string; requires: 'decided' | 'final' }[]>();
  for (const n of nodes) {
    for (const p of knownPrereqs(n)) {
      dependants.set(p.code, [...(dependants.get(p.code) ?? []), { code: n.code, requires: p.requires }]);
    }
  }

  // Backward pass in calendar-day spans measured by the forward pass.
  for (const n of [...order].reverse()) {
    const w = byCode.get(n.code)!;
    const appealDays = w.finalDay - w.efDay;
    let lf = endDay - appealDays;
    for (const d of dependants.get(n.code) ?? []) {
      const dw = byCode.get(d.code)!;
      lf = Math.min(lf, dw.lsDay - (d.requires === 'final' ? appealDays : 0));
    }
    w.lfDay = lf;
    w.lsDay = lf - (w.efDay - w.esDay);
  }

  const scheduled: ScheduledNode[] = order.map((n) => {
    const w = byCode.get(n.code)!;
    const slackDays = w.lfDay - w.efDay;
    return {
      code: n.code,
      status: w.status,
      earliestStart: fromEpochDay(w.esDay),
      earliestFinish: fromEpochDay(w.efDay),
      earliestFinal: fromEpochDay(w.finalDay),
      latestStart: fromEpochDay(w.lsDay),
      latestFinish: fromEpochDay(w.lfDay),
      slackDays,
      critical: slackDays <= 0,
      durationDays: w.efDay - w.esDay,
      appealDays: w.finalDay - w.efDay,
    };
  });
  const scheduledByCode = Object.fromEntries(scheduled.map((s) => [s.code, s]));

  const criticalPath = traceCriticalPath(nodes, byCode, knownPrereqs, endDay, releaseDay);
  const projectedCompletion = fromEpochDay(endDay);
  return {
    nodes: scheduled,
    byCode: scheduledByCode,
    criticalPath,
    projectedCompletion,
    ...(ceilingDueOn !== undefined ? { ceiling: compareWithCeiling(projectedCompletion, ceilingDueOn) } : {}),
    unknownPrerequisites,
  };
}

/** Kahn's algorithm; among ready nodes, input order wins so output is deterministic. */
function topologicalOrder(nodes: readonly PlanNode[], prereqs: (n: PlanNode) => { code: string }[]): PlanNode[] {
  const position = new Map(nodes.map((n, i) => [n.code, i]));
  const indegree = new Map(nodes.map((n) => [n.code, prereqs(n).length]));
  const dependants = new Map<string, string[]>();
  for (const n of nodes) for (const p of prereqs(n)) dependants.set(p.code, [...(dependants.get(p.code) ?? []), n.code]);
  const ready = nodes.filter((n) => indegree.get(n.code) === 0).map((n) => n.code);
  const out: PlanNode[] = [];
  while (ready.length) {
    ready.sort((a, b) => position.get(a)! - position.get(b)!);
    const code = ready.shift()!;
    out.push(nodes[position.get(code)!]);
    for (const d of dependants.get(code) ?? []) {
      indegree.set(d, indegree.get(d)! - 1);
      if (indegree.get(d) === 0) ready.push(d);
    }
  }
  return out;
}

/**
 * Walks back from the node that finishes last along "tight" edges (the prerequisite's release
 * date equals the dependant's start), which is the chain that fixes the projected completion.
 */
function traceCriticalPath(
  nodes: readonly PlanNode[],
  byCode: Map<string, Working>,
  prereqs: (n: PlanNode) => { code: string; requires: 'decided' | 'final' }[],
  endDay: number,
  releaseDay: (w: Working, requires: 'decided' | 'final') => number,
): string[] {
  const last = nodes.find((n) => byCode.get(n.code)!.finalDay === endDay);
  if (!last) return [];
  const path = [last.code];
  let current = byCode.get(last.code)!;
  for (;;) {
    // A node with a recorded actual start is not waiting for anyone.
    if (current.node.actualStart && current.status !== 'notStarted') break;
    const tight = prereqs(current.node).find((p) => releaseDay(byCode.get(p.code)!, p.requires) === current.esDay);
    if (!tight) break;
    path.unshift(tight.code);
    current = byCode.get(tight.code)!;
  }
  return path;
}
