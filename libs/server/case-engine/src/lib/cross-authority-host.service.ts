import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { VersionConflictError } from './errors';
import { toCopenhagenDate } from '@rl/clocks';
import type { DataSource } from 'typeorm';
import { loadTransition, lockCase } from './load';
import type { PermitRow } from './rows';
import {
  planAuthorityChange,
  planReferralClosed,
  planReferralOverdue,
  planReferralSent,
  type AuthorityChange,
  type OtherAuthority,
  type ReferralClose,
  type ReferralInsert,
} from './transition/cross-authority-plan';
import type { Actor } from './transition/types';
import { writePlan } from './writer';
import { NOTIFIABLE_USER } from './transition-read-sql';

const otherAuthoritySchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  name_da: z.string(),
  name_en: z.string(),
  caseworkers: z.array(z.object({ id: z.string(), locale: z.string() })),
});
export type AuthorityWithCaseworkers = OtherAuthority & { kind: string };

/** An authority by id or code, with its active caseworkers (who a referral or a change notifies); undefined if unknown. */
export async function loadAuthority(m: EntityManager, by: { id: string } | { code: string }): Promise<AuthorityWithCaseworkers | undefined> {
  const where = 'id' in by ? sql`a.id = ${by.id}::uuid` : sql`a.code = ${by.code}`;
  const [row] = await queryRows(
    m,
    otherAuthoritySchema,
    sql`SELECT a.id, a.code, a.kind, a.name_da, a.name_en,
               (SELECT coalesce(json_agg(json_build_object('id', u.id, 'locale', u.locale) ORDER BY u.created_at, u.id), '[]')
                  FROM users u WHERE u.role = 'caseworker' AND u.authority_id = a.id AND ${NOTIFIABLE_USER}) AS caseworkers
          FROM authorities a WHERE ${where}`,
  );
  return row;
}

/**
 * The host of issue 17's writes (referrals; delegation and call-in): read → pure plan
 * (./transition/cross-authority-plan.ts) → the one writer, inside the caller's transaction, which
 * holds the case row lock. The permit's version is checked like every permit write.
 */
@Injectable()
export class CrossAuthorityHostService {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  async sendReferral(m: EntityManager, permitId: string, expectedVersion: number, referral: Omit<ReferralInsert, 'requestedAt'>, asked: OtherAuthority, actor: Actor, now = this.now()): Promise<PermitRow> {
    const { row, ctx } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    return writePlan(m, planReferralSent(row, ctx, { ...referral, requestedAt: now.toISOString() }, asked, actor, now));
  }

  /** Answer or proceed; the caller checked the referral's version and status under the case lock. */
  async closeReferral(m: EntityManager, permitId: string, close: ReferralClose, asked: OtherAuthority, actor: Actor & { userId: string }): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    return writePlan(m, planReferralClosed(row, ctx, close, asked, actor, now));
  }

  /**
   * Tells the asking authority once about each open referral whose answer date has passed (run
   * by the deadline sweep: every 30 s in the worker, and by the test clock). Idempotent: the row
   * is re-read under the case lock and marked (`overdue_notified_at`) in the same statement.
   */
  async notifyOverdueReferrals(ds: DataSource, now = this.now()): Promise<number> {
    const due = await queryRows(
      ds,
      z.object({ id: z.string(), case_id: z.string() }),
      sql`SELECT id, case_id FROM referrals WHERE status = 'open' AND overdue_notified_at IS NULL AND due_on < ${toCopenhagenDate(now)}::date ORDER BY due_on, id LIMIT 500`,
    );
    let told = 0;
    for (const d of due) {
      await ds.transaction(async (m) => {
        await lockCase(m, d.case_id);
        const [r] = await queryRows(
          m,
          z.object({ permit_id: z.string(), to_authority_id: z.string(), due_on: z.string() }),
          sql`SELECT permit_id, to_authority_id, due_on::text AS due_on FROM referrals WHERE id = ${d.id} AND status = 'open' AND overdue_notified_at IS NULL`,
        );
        if (!r) return;
        const asked = await loadAuthority(m, { id: r.to_authority_id });
        if (!asked) return;
        const { row, ctx } = await loadTransition(m, r.permit_id, now);
        await writePlan(m, planReferralOverdue(row, ctx, { referralId: d.id, dueOn: r.due_on }, asked, now));
        told++;
      });
    }
    return told;
  }

  async changeAuthority(m: EntityManager, permitId: string, expectedVersion: number, change: AuthorityChange, actor: Actor & { userId: string }): Promise<PermitRow> {
    const now = this.now();
    const { row, ctx } = await loadTransition(m, permitId, now);
    if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
    return writePlan(m, planAuthorityChange(row, ctx, change, actor, now));
  }
}
