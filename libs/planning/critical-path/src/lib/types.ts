import type { Duration } from '@rl/permits-catalog';

/**
 * Adds a statutory duration to a LocalDate and returns a LocalDate. Injected so that this library
 * stays free of calendars: the server injects the Danish business calendar from `@rl/clocks`
 * (business days, holidays, Europe/Copenhagen), tests inject plain calendar-day arithmetic.
 */
export type AddDuration = (isoDate: string, duration: Duration) => string;

/** Where a permit is in its life, as far as planning cares. */
export type PlanNodeStatus = 'notStarted' | 'inProgress' | 'decided' | 'final' | 'done';

/** A typed dependency edge: the dependant waits for the prerequisite's decision ('decided') or
 *  for its decision to become final, the day after its appeal period ('final'). */
export interface PlanPrerequisite {
  code: string;
  requires: 'decided' | 'final';
}

/** Shorthand for a duration in calendar days. */
export interface DaysDuration {
  days: number;
}

export interface PlanNode {
  /** Permit code, unique within the plan. */
  code: string;
  /**
   * Remaining processing time until the decision, counted from the node's start (or, for an
   * `inProgress` node, from the later of its actual start and the plan's `projectStart`).
   * Typically the catalogue's target/statutory/typical duration minus time already used.
   */
  remaining: Duration | DaysDuration;
  prerequisites: PlanPrerequisite[];
  /** Appeal period after the decision; 'final' edges and the projected completion add it. */
  appealPeriod?: Duration;
  /** Default 'notStarted'. */
  status?: PlanNodeStatus;
  /** LocalDate the node actually started (complete application). */
  actualStart?: string;
  /**
   * LocalDate the node actually ended. For 'decided' nodes: the decision date ('final' edges
   * still add the appeal period). For 'final'/'done' nodes: the date it became final (usable),
   * so both edge kinds use it as is.
   */
  actualEnd?: string;
  /** What-if (`applyWhatIf`): calendar days added to the remaining time (negative = shorter); never before the node's start. */
  durationOffsetDays?: number;
  /** What-if: a not-started permit may start this many days before its prerequisites allow (filed in parallel). */
  startAdvanceDays?: number;
  /** LocalDate before which a running permit cannot be decided (an open joint hearing's end, a referral's answer date): a what-if offset does not move it earlier. */
  decisionNotBefore?: string;
}

export interface CriticalPathInput {
  nodes: readonly PlanNode[];
  /** LocalDate from which remaining durations count: the project start or "today" for a
   *  running case. No node starts earlier. */
  projectStart: string;
  addDuration: AddDuration;
  /** LocalDate of the case's fast-track ceiling (12 / 18 months); enables `ceiling` in the result. */
  ceilingDueOn?: string;
}

export interface ScheduledNode {
  code: string;
  status: PlanNodeStatus;
  /** LocalDate the node can start at the earliest. */
  earliestStart: string;
  /** LocalDate of the earliest decision. */
  earliestFinish: string;
  /** LocalDate the node is earliest final: the decision, or with an appeal period the day after its last day. */
  earliestFinal: string;
  /** LocalDate the node must start by for the projected completion to hold. */
  latestStart: string;
  /** LocalDate the node's decision is due by for the projected completion to hold. */
  latestFinish: string;
  /** Calendar days the node can slip without moving the projected completion. */
  slackDays: number;
  /** True when slackDays <= 0. */
  critical: boolean;
  /** Calendar days from earliestStart to earliestFinish (as scheduled). */
  durationDays: number;
  /** Calendar days from earliestFinish to earliestFinal: the appeal period and the day after it (as scheduled); 0 without one. */
  appealDays: number;
}

export interface CeilingComparison {
  projectedCompletion: string;
  ceilingDueOn: string;
  withinCeiling: boolean;
  /** Calendar days of spare time before the ceiling; negative = breach by that many days. */
  marginDays: number;
}

export interface UnknownPrerequisite {
  /** The node that lists the prerequisite. */
  code: string;
  /** The prerequisite code that no node in the plan has. */
  prerequisite: string;
}

export interface CriticalPathResult {
  /** Nodes in topological order (prerequisites before dependants; ties by input order). */
  nodes: ScheduledNode[];
  byCode: Record<string, ScheduledNode>;
  /** One critical path, ordered from first to last node. Ties broken by input order. */
  criticalPath: string[];
  /** LocalDate when every node is final; `projectStart` for an empty plan. */
  projectedCompletion: string;
  /** Present when `ceilingDueOn` was given. */
  ceiling?: CeilingComparison;
  /** Prerequisite references to codes that are not in the plan. They are ignored for
   *  scheduling (the prerequisite is treated as not constraining) and reported here. */
  unknownPrerequisites: UnknownPrerequisite[];
}
