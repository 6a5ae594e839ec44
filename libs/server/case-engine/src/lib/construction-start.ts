/**
 * May the company start building? The construction-start gate (catalogue `CONSTRUCTION_START_GATE`,
 * issue 13 item 17: MBL §33(1) "må ikke påbegyndes" before the environmental permit) evaluated
 * over the case's permits. Requirements whose permit the case does not have (or withdrew) do not
 * apply; a refused one keeps the gate shut until a new decision grants it.
 */
import { CONSTRUCTION_START_GATE, type ConstructionStartRequirement } from '@rl/permits-catalog';
import type { PermitRow } from './rows';
import { prerequisiteHolds } from './transition/propagation';

export interface ConstructionStart {
  allowed: boolean;
  /** Requirements not met yet, each with the permit's state now. */
  waitingFor: Array<ConstructionStartRequirement & { state: string; outcome: PermitRow['outcome'] }>;
  /** Requirements that apply to this case and are met. */
  met: ConstructionStartRequirement[];
}

export function constructionStartOf(permits: ReadonlyArray<Pick<PermitRow, 'code' | 'state' | 'outcome'>>): ConstructionStart {
  const waitingFor: ConstructionStart['waitingFor'] = [];
  const met: ConstructionStartRequirement[] = [];
  for (const req of CONSTRUCTION_START_GATE) {
    const p = permits.find((x) => x.code === req.code && x.state !== 'withdrawn');
    if (!p) continue;
    if (prerequisiteHolds(p, req.requires)) met.push(req);
    else waitingFor.push({ ...req, state: p.state, outcome: p.outcome });
  }
  return { allowed: waitingFor.length === 0, waitingFor, met };
}
