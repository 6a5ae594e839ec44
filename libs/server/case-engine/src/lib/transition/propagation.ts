/**
 * Propagation rules between the permits of one case, as a pure step function; ../propagate.ts
 * applies the step and asks again until nothing is left to do.
 *
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
  | { kind: 'satisfy'; items: { permit: PermitRow; codes: string[] }[] }
  | { kind: 'file'; permits: PermitRow[] }
  | { kind: 'complete' }
  | { kind: 'settled' };

/** Prerequisite codes of a blocked permit that its siblings now satisfy. */
export function satisfiedPrerequisites(p: PermitRow, byCode: ReadonlyMap<string, PermitRow>): string[] {
  const open = restorePermitSnapshot(p.snapshot, p.machine_version).context.prerequisitesOpen;
  return open.filter((code) => {
    const pre = byCode.get(code);
    if (!pre || pre.outcome === 'refused') return false;
    const req = p.prerequisites.find((x) => x.code === code);
    return req?.requires === 'final' ? pre.state === 'final' : isDecidedOrFinal(pre.state);
  });
}

export function nextPropagationStep(caseRow: Pick<CaseRow, 'state'>, permits: readonly PermitRow[]): PropagationStep {
  const byCode = new Map(permits.map((p) => [p.code, p]));
  const items = permits.filter((p) => p.state === 'blocked').map((permit) => ({ permit, codes: satisfiedPrerequisites(permit, byCode) }));
  const satisfiable = items.filter((i) => i.codes.length > 0);
  if (satisfiable.length > 0) return { kind: 'satisfy', items: satisfiable };
  if (caseRow.state === 'inProgress' || caseRow.state === 'submitted') {
    const ready = permits.filter((p) => p.state === 'ready');
    if (ready.length > 0) return { kind: 'file', permits: ready };
  }
  if (caseRow.state === 'inProgress' && permits.length > 0 && permits.every((p) => TERMINAL_PERMIT_STATES.includes(p.state))) return { kind: 'complete' };
  return { kind: 'settled' };
}
