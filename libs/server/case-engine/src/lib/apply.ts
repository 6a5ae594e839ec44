/** Read → plan → write, for the transitions the host and propagation run. */
import type { EntityManager } from 'typeorm';
import type { CaseEffect } from '@rl/permits-machines';
import { VersionConflictError } from './errors';
import { loadFilingCheck } from './filing';
import { loadCaseTransition, loadTransition } from './load';
import type { CaseRow, PermitRow } from './rows';
import { planCaseTransition, type CaseCommand } from './transition/case-plan';
import { planPermitTransition, type PermitCommand } from './transition/permit-plan';
import { writePlan } from './writer';

/** One permit transition on a freshly read row (the caller holds the case lock). */
export async function transitionPermit(m: EntityManager, permitId: string, cmd: PermitCommand, now: Date): Promise<PermitRow> {
  const { row, ctx } = await loadTransition(m, permitId, now);
  const filing = cmd.type === 'application.submitted' ? await loadFilingCheck(m, row) : undefined;
  return writePlan(m, planPermitTransition(row, ctx, { ...cmd, filing }, now));
}

/** One case transition; `expectedVersion` (If-Match), when given, is checked against the row read. */
export async function transitionCase(m: EntityManager, caseId: string, cmd: CaseCommand, now: Date, expectedVersion?: number): Promise<{ row: CaseRow; effects: CaseEffect[] }> {
  const { row, directory } = await loadCaseTransition(m, caseId, now);
  if (expectedVersion !== undefined && row.version !== expectedVersion) throw new VersionConflictError(row.version);
  const plan = planCaseTransition(row, directory, cmd, now);
  return { row: await writePlan(m, plan), effects: plan.effects };
}
