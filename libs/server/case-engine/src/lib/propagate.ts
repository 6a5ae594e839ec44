/**
 * Propagation to dependants, until nothing changes (prerequisite chains settle in one go), in
 * the caller's transaction: the rules are the pure `nextPropagationStep`; this applies them.
 */
import type { EntityManager } from 'typeorm';
import { transitionCase, transitionPermit } from './apply';
import { loadCase, loadCasePermits } from './load';
import { nextPropagationStep } from './transition/propagation';
import { SYSTEM } from './transition/types';

/** A chain longer than this is a bug (a cycle the screening should have refused), not work. */
const MAX_ROUNDS = 50;

export async function propagate(m: EntityManager, caseId: string, now: Date): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const caseRow = await loadCase(m, caseId);
    const step = nextPropagationStep(caseRow, await loadCasePermits(m, caseId));
    switch (step.kind) {
      case 'revoke':
        for (const { permit, codes } of step.items) await transitionPermit(m, permit.id, { type: 'prerequisites.revoked', payload: { codes }, actor: SYSTEM }, now);
        break;
      case 'satisfy':
        for (const { permit, codes } of step.items) await transitionPermit(m, permit.id, { type: 'prerequisites.satisfied', payload: { codes }, actor: SYSTEM }, now);
        break;
      case 'file':
        // The one application filed with the case covers every permit once it can start.
        for (const p of step.permits) {
          await transitionPermit(m, p.id, { type: 'application.submitted', payload: {}, actor: { userId: caseRow.created_by, role: 'applicant' }, auditRole: 'system' }, now);
        }
        break;
      case 'complete':
        await transitionCase(m, caseId, { type: 'case.permitsAllFinal', payload: {}, actor: SYSTEM }, now);
        return;
      case 'settled':
        return;
    }
  }
}
