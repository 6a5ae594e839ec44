import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addMissingPlanItems, ForecastService, isDecidedOrFinal, PermitHostService, TERMINAL_PERMIT_STATES, VersionConflictError, type PermitState } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import { getPermitType } from '@rl/permits-catalog';
import { screen, type ProjectFacts } from '@rl/permits-screening';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import { CaseService, NoApplicablePermitsError } from '../cases/case.service';
import { ApplicationService } from './application.service';
import { PermitSetChangeUnconfirmedError, type PermitSetEntry } from './errors';

export interface FactsChangeInput {
  facts: unknown;
  confirm?: { added: string[]; dropped: string[] };
}

const WAS_NATIONAL_STRATEGIC_ROW = z.object({ was_national_strategic: z.boolean() });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Editing the screening facts, the part of the shared application that decides the permit set
 * (issue 14): screening runs again; when permits are added or dropped the company must confirm
 * exactly that change (409 with the change otherwise); then the facts are stored, added permits
 * created (filed by propagation in a submitted case), dropped ones withdrawn through the engine,
 * their sections removed, and the change audited with who confirmed it.
 */
@Injectable()
export class FactsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly applications: ApplicationService,
    private readonly cases: CaseService,
    private readonly host: PermitHostService,
    private readonly forecasts: ForecastService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async change(p: Principal, caseId: string, expectedVersion: number, input: FactsChangeInput) {
    await this.access.assertCaseVisible(p, caseId);
    // Changing the facts (and so the permit set) is part of the application: `prepare` or `submit` under a fuldmagt.
    await this.access.assertMayActOnCase(p, caseId, 'application.edit');
    const screening = screen(input.facts as ProjectFacts, { today: toCopenhagenDate(this.clock.now()) });
    if (screening.permits.length === 0) throw new NoApplicablePermitsError();
    const result = await this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      const app = await this.applications.load(m, caseId);
      if (app.version !== expectedVersion) throw new VersionConflictError(app.version);
      if (app.case_state === 'completed' || app.case_state === 'withdrawn') throw new ApiError('CASE.EVENT_NOT_ALLOWED', `The facts of a ${app.case_state} case cannot change.`);
      const live = await this.applications.visiblePermits(m, p, caseId);
      const current = live.map((x) => x.code);
      const next = screening.permits.map((x) => x.code);
      const added = screening.permits.filter((x) => !current.includes(x.code));
      const dropped = live.filter((x) => !next.includes(x.code));
      const entry = (code: string, nameDa: string, nameEn: string): PermitSetEntry => ({ code, nameDa, nameEn });
      const addedEntries = added.map((x) => entry(x.code, x.nameDa, x.nameEn));
      const droppedEntries = dropped.map((x) => {
        const t = getPermitType(x.code, app.catalog_version);
        return entry(x.code, t.nameDa, t.nameEn);
      });
      const changed = added.length > 0 || dropped.length > 0;
      if (changed && !(input.confirm && sameSet(input.confirm.added, added.map((x) => x.code)) && sameSet(input.confirm.dropped, dropped.map((x) => x.code)))) {
        throw new PermitSetChangeUnconfirmedError(addedEntries, droppedEntries);
      }
      // National strategic importance is a fact too: the case's priority lane (and its routed
      // tasks', which the inboxes sort first) follows the new answer.
      const nationalStrategic = (input.facts as { nationalStrategicImportance?: unknown }).nationalStrategicImportance === true;
      const [{ was_national_strategic: wasNationalStrategic }] = await queryRows(
        m,
        WAS_NATIONAL_STRATEGIC_ROW,
        sql`UPDATE cases c SET facts = ${JSON.stringify(input.facts)}::jsonb, national_strategic = ${nationalStrategic}, updated_at = now()
              FROM (SELECT national_strategic FROM cases WHERE id = ${caseId}) old
             WHERE c.id = ${caseId}
            RETURNING old.national_strategic AS was_national_strategic`,
      );
      if (wasNationalStrategic !== nationalStrategic) await execute(m, sql`UPDATE tasks SET national_strategic = ${nationalStrategic} WHERE case_id = ${caseId}`);
      const at = this.clock.now().toISOString();
      if (added.length > 0) {
        const { outbox } = await this.cases.insertPermits(m, caseId, added, app.catalog_version, await this.cases.authorityIds(m, added), at);
        await this.host.insertOutbox(m, outbox);
      }
      const actor = { userId: p.userId, role: 'applicant' as const };
      for (const d of dropped) {
        const state = d.state as PermitState;
        // A decided permit stays decided (its decision exists); only undecided ones are withdrawn.
        if (TERMINAL_PERMIT_STATES.includes(state) || isDecidedOrFinal(state)) continue;
        await this.host.applyToPermit(m, d, 'application.withdrawn', { reason: 'Dropped by a confirmed change of the project facts' }, actor);
      }
      const sections = Object.fromEntries(Object.entries(app.sections).filter(([code]) => !dropped.some((d) => d.code === code)));
      // "Don't know" answers settled by this change (issue 13 item 15): the question, its answer
      // (null = omitted, today's meaning) and the questions still open, in the audit row.
      const newFacts = input.facts as Record<string, unknown>;
      const before = (app.facts as { unknownFacts?: string[] }).unknownFacts ?? [];
      const after = (newFacts.unknownFacts as string[] | undefined) ?? [];
      const settledFacts = before.filter((n) => !after.includes(n)).map((n) => ({ fact: n, answer: newFacts[n] ?? null }));
      await this.applications.writeVersion(m, p, caseId, app.version, { shared: app.shared, sections }, 'application.factsChanged', {
        added: added.map((x) => x.code),
        dropped: dropped.map((x) => x.code),
        confirmed: changed,
        ...(wasNationalStrategic !== nationalStrategic ? { nationalStrategic } : {}),
        ...(before.length > 0 || after.length > 0 ? { settledFacts, unsettledFacts: screening.unsettledFacts, possiblePermits: screening.possiblePermits.map((x) => x.code) } : {}),
      });
      // The simple-case flag and the ceiling follow the new facts (12/18 months, or none outside L 206), audited.
      const ceiling = screening.caseCeiling;
      const ceilingMonths = ceiling.appliesUnderL206 ? ceiling.months : null;
      const rescreened = await this.host.rescreenCeiling(
        m,
        caseId,
        { simple: ceiling.simple, ceilingMonths, reason: ceiling.reason },
        { userId: p.userId, role: 'applicant' },
      );
      await this.host.propagate(m, caseId);
      // A permit the change added to a case with a coordinated plan gets its planned dates there.
      if (added.length > 0) await addMissingPlanItems(m, caseId, this.clock.now());
      return {
        running: rescreened !== null && rescreened.submitted_at !== null,
        body: {
          added: addedEntries,
          dropped: droppedEntries,
          // The ceiling as screening of the new facts sets it (`changed`: it moved; details in the audit row `case.ceilingRescreened`).
          ceiling: { changed: rescreened !== null, simple: ceiling.simple, ceilingMonths },
          application: await this.applications.get(p, caseId, m),
        },
      };
    });
    // The stored forecast's ceiling risk against the new ceiling at once (the worker would redo it within seconds).
    if (result.running) await this.forecasts.refresh(caseId).catch(() => undefined);
    return result.body;
  }
}
