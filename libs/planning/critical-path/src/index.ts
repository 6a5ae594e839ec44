/**
 * @rl/critical-path — projected completion of a case through its permit prerequisite graph.
 * Pure: calendars are injected (`addDuration`); the server passes the Danish business calendar.
 */
export { computeCriticalPath, compareWithCeiling, toDuration } from './lib/critical-path';
export { findCycles, assertAcyclic } from './lib/cycles';
export type { DependencyNode } from './lib/cycles';
export { PlanError, CyclicDependencyError, PlanInputError } from './lib/errors';
export type {
  AddDuration,
  CeilingComparison,
  CriticalPathInput,
  CriticalPathResult,
  DaysDuration,
  PlanNode,
  PlanNodeStatus,
  PlanPrerequisite,
  ScheduledNode,
  UnknownPrerequisite,
} from './lib/types';
