/**
 * Permit states in which the permit's handling is over (decided and in or past its appeal period,
 * final, or withdrawn; the v0 machine's names too): its authority can no longer change and there
 * is nothing left to refer to another authority.
 */
export const CLOSED_PERMIT_STATES: ReadonlySet<string> = new Set(['decided.appealPeriod', 'decided.appealed', 'final', 'withdrawn', 'appealPeriod', 'appealed']);
