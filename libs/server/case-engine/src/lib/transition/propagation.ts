/**
 * Propagation rules between the permits of one case, as a pure step function; ../propagate.ts
 * applies the step and asks again until nothing is left to do.
 *
 * 0. revoke: a permit that was unblocked (ready or filed) but whose prerequisite no longer holds
 *    — overturned on appeal (now refused) or remitted (no decision) — is blocked again and, if
 *    filed, taken out of its authority's inbox (issue 13 item 1);
 * 1. satisfy: a blocked permit whose open prerequisites became decided (or final, where the
 *    catalogue requires finality) and were not refused gets `prerequisites.satisfied`;
 * 2. file: in a submitted case, a permit that became ready is filed on the applicant's behalf
 *    (the one application covers every permit once it can start);
 * 3. complete: a case in progress whose permits are all final or withdrawn completes.
 * Each rule runs only when the rules before it have nothing to do.
 */
import { restorePermitSnapshot } from '@rl/permits-machines';
import type { CaseRow, PermitRow } from '../rows';
import { isDecidedOrFinal, TERMINAL_PERMIT_STATES } from '../state-value';

export type PropagationStep =
  | { kind: 'revoke'; items: { permit: PermitRow; codes: string[] }[] }
  | { kind: 'satisfy'; items: { permit: PermitRow; codes: string[] }[] }
  | { kind: 'file'; permits: PermitRow[] }
  | { kind: 'complete' }
  | { kind: 'settled' };

/** Whether sibling `pre` satisfies the requirement (`decided` / `final`): never when refused. */
export function prerequisiteHolds(pre: Pick<PermitRow, 'state' | 'outcome'>, requires: 'decided' | 'final' | undefined): boolean {
  if (pre.outcome === 'refused') return false;
  return requires === 'final' ? pre.state === 'final' : isDecidedOrFinal(pre.state);
}

/** Prerequisite codes of a blocked permit that its siblings now satisfy. */
export function satisfiedPrerequisites(p: PermitRow, byCode: ReadonlyMap<string, PermitRow>): string[] {
  const open = restorePermitSnapshot(p.snapshot, p.machine_version).context.prerequisitesOpen;
  return open.filter((code) => {
    const pre = byCode.get(code);
    return pre !== undefined && prerequisiteHolds(pre, p.prerequisites.find((x) => x.code === code)?.requires);
  });
}

/** States in which a permit has been unblocked but not decided: what a fallen prerequisite takes back. */
const isUnblockedUndecided = (p: PermitRow) => p.state === 'ready' || p.state.startsWith('submitted');

/**
 * Prerequisite codes of an unblocked, undecided permit that no longer hold because an appeal
 * board took the sibling's decision away (overturned → refused, remitted → back in review).
 * Nothing else un-decides a permit, so nothing else revokes.
 */
export function revokedPrerequisites(p: PermitRow, byCode: ReadonlyMap<string, PermitRow>): string[] {
  return p.prerequisites
    .filter((req) => {
      const pre = byCode.get(req.code);
      return pre !== undefined && TAKEN_AWAY.has(appealOutcomeOf(pre)) && !prerequisiteHolds(pre, req.requires);
    })
    .map((req) => req.code);
}

const TAKEN_AWAY: ReadonlySet<unknown> = new Set(['overturned', 'remitted']);
const appealOutcomeOf = (p: PermitRow): unknown => (p.snapshot as { context?: { appealOutcome?: unknown } }).context?.appealOutcome;

export function nextPropagationStep(caseRow: Pick<CaseRow, 'state'>, allPermits: readonly PermitRow[]): PropagationStep {
  // A permit replaced by a new application is history: dependants follow the new one.
  const permits = allPermits.filter((p) => p.superseded_by === null);
  const byCode = new Map(permits.map((p) => [p.code, p]));
  const revoked = permits.filter(isUnblockedUndecided).map((permit) => ({ permit, codes: revokedPrerequisites(permit, byCode) }));
  const revocable = revoked.filter((i) => i.codes.length > 0);
  if (revocable.length > 0) return { kind: 'revoke', items: revocable };
  const items = permits.filter((p) => p.state === 'blocked').map((permit) => ({ permit, codes: satisfiedPrerequisites(permit, byCode) }));
  const satisfiable = items.filter((i) => i.codes.length > 0);
  if (satisfiable.length > 0) return { kind: 'satisfy', items: satisfiable };
  if (caseRow.state === 'inProgress' || caseRow.state === 'submitted') {
    // A permit the company held back when submitting (issue 14) waits until it files it itself.
    const ready = permits.filter((p) => p.state === 'ready' && !p.filing_held);
    if (ready.length > 0) return { kind: 'file', permits: ready };
  }
  if (caseRow.state === 'inProgress' && permits.length > 0 && permits.every((p) => TERMINAL_PERMIT_STATES.includes(p.state))) return { kind: 'complete' };
  return { kind: 'settled' };
}
