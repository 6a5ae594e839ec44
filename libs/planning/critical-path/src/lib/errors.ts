/**
 * Error classes of the critical-path library. Each carries a stable `code` that the API maps to
 * an RFC 9457 problem `code`, so callers never match on message text.
 */
import { DomainError } from '@rl/permits-catalog';

export abstract class PlanError<C extends 'PLAN.CYCLE' | 'PLAN.INVALID_INPUT'> extends DomainError<C> {}

/** The prerequisite graph contains a cycle, so no schedule exists. */
export class CyclicDependencyError extends PlanError<'PLAN.CYCLE'> {
  /**
   * The cycle in dependency direction, closed: `['A', 'B', 'A']` means A requires B and B
   * requires A.
   */
  readonly cycle: string[];
  constructor(cycle: string[]) {
    super('PLAN.CYCLE', `Cyclic prerequisite dependency: ${cycle.join(' → ')}`);
    this.cycle = cycle;
  }
}

/** Malformed input (bad date, duplicate node code, negative duration). */
export class PlanInputError extends PlanError<'PLAN.INVALID_INPUT'> {
  constructor(message: string) {
    super('PLAN.INVALID_INPUT', message);
  }
}
