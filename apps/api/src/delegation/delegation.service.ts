import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { CrossAuthorityHostService, loadAuthority, loadTransition, VersionConflictError } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AUTHORITY_CHANGE_RULES, authorityChangeViolation } from '@rl/permits-catalog';
import { AccessService, PermitNotFoundError } from '../access';
import type { Principal } from '../auth';
import { CLOSED_PERMIT_STATES } from '../common/closed-permit-states';
import { ApiError } from '../common/problem';
import { DocumentNotFoundError } from '../documents';
import { UUID } from '../common/uuid';
import { authorityNames } from '../common/row-columns';

const CHANGE_ROW = z.object({
  id: z.string(),
  kind: z.enum(['delegation', 'callIn']),
  from_code: z.string(),
  from_name_da: z.string(),
  from_name_en: z.string(),
  from_authority_id: z.string(),
  to_code: z.string(),
  to_name_da: z.string(),
  to_name_en: z.string(),
  reason: z.string(),
  legal_basis: z.string(),
  changed_at: z.date(),
});
type ChangeRow = z.infer<typeof CHANGE_ROW>;
const changeDto = (c: ChangeRow) => ({
  id: c.id,
  kind: c.kind,
  from: authorityNames(c, 'from_'),
  to: authorityNames(c, 'to_'),
  reason: c.reason,
  legalBasis: c.legal_basis,
  changedAt: c.changed_at.toISOString(),
});
const CHANGES = sql.raw(`SELECT x.id, x.kind, x.from_authority_id, fa.code AS from_code, fa.name_da AS from_name_da, fa.name_en AS from_name_en,
         ta.code AS to_code, ta.name_da AS to_name_da, ta.name_en AS to_name_en, x.reason, x.legal_basis, x.changed_at
    FROM permit_authority_changes x JOIN authorities fa ON fa.id = x.from_authority_id JOIN authorities ta ON ta.id = x.to_authority_id`);

/**
 * Delegation and call-in (issue 17 item 5). The write is a transition effect of the case engine
 * (`planAuthorityChange`: authority_id, the task, the audit row, notifications, one statement).
 * Access follows by itself — every rule reads the permit's current `authority_id` — and the
 * former authority keeps read access to what it did (`formerRecord`: the audit trail and
 * documents up to the change), no more: the permit, its new documents and events answer 404.
 */
@Injectable()
export class DelegationService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly host: CrossAuthorityHostService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async change(p: Principal, permitId: string, expectedVersion: number, input: { kind: 'delegation' | 'callIn'; toAuthorityCode: string; reason: string; legalBasis?: string }) {
    return this.ds.transaction(async (m) => {
      await this.access.assertPermitVisible(p, permitId, m, true);
      // A call-in is the minister's act, recorded by the one-stop-shop; a caseworker may only delegate their own authority's permit.
      if (input.kind === 'callIn' && p.role !== 'coordinator') throw new ApiError('AUTH.FORBIDDEN', 'A call-in (L 206) is recorded by the one-stop-shop coordinators.');
      const { row, ctx } = await loadTransition(m, permitId, this.clock.now());
      if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
      if (CLOSED_PERMIT_STATES.has(row.state)) throw new ApiError('AUTHORITY_CHANGE.PERMIT_CLOSED', `Permit ${permitId} is ${row.state}: its authority can no longer change.`, { state: row.state });
      const to = await loadAuthority(m, { code: input.toAuthorityCode });
      if (!to) throw new ApiError('AUTHORITY_CHANGE.UNKNOWN_AUTHORITY', `There is no authority with code ${input.toAuthorityCode}.`, { field: 'toAuthorityCode' });
      const broken = authorityChangeViolation(input.kind, ctx.authority.kind, to.kind, to.id === row.authority_id);
      if (broken) {
        throw new ApiError('AUTHORITY_CHANGE.NOT_ALLOWED', `${broken.rule.en} (${ctx.authority.code} → ${to.code})`, {
          rule: { id: broken.ruleId, da: broken.rule.da, en: broken.rule.en, legalBasis: broken.legalBasis, inference: broken.inference },
          fromKind: ctx.authority.kind,
          toKind: to.kind,
        });
      }
      const legalBasis = input.legalBasis ?? AUTHORITY_CHANGE_RULES[input.kind].legalBasis;
      const updated = await this.host.changeAuthority(m, permitId, expectedVersion, { kind: input.kind, to, reason: input.reason, legalBasis }, { userId: p.userId, role: p.role === 'coordinator' ? 'coordinator' : 'caseworker' });
      return { permitId, version: updated.version, kind: input.kind, authority: { code: to.code, nameDa: to.name_da, nameEn: to.name_en }, legalBasis };
    });
  }

  async list(p: Principal, permitId: string) {
    await this.access.assertPermitVisible(p, permitId);
    const rows = await queryRows(this.ds, CHANGE_ROW, sql`${CHANGES} WHERE x.permit_id = ${permitId} ORDER BY x.changed_at, x.id`);
    return rows.map(changeDto);
  }

  /** The caller's authority's last hand-over of this permit (it decided it before); 404 otherwise. */
  private async handOver(m: EntityManager, p: Principal, permitId: string): Promise<ChangeRow> {
    if (!UUID.test(permitId) || p.role !== 'caseworker') throw new PermitNotFoundError(permitId);
    const [row] = await queryRows(m, CHANGE_ROW, sql`${CHANGES} WHERE x.permit_id = ${permitId} AND x.from_authority_id = ${p.authorityId} ORDER BY x.changed_at DESC LIMIT 1`);
    if (!row) throw new PermitNotFoundError(permitId);
    return row;
  }

  /** What the former authority did: the change, the permit's audit trail and documents up to it — nothing newer. */
  async formerRecord(p: Principal, permitId: string) {
    const change = await this.handOver(this.ds.manager, p, permitId);
    const [permit] = await queryRows(this.ds, z.object({ code: z.string(), case_id: z.string(), reference: z.string() }), sql`SELECT p.code, p.case_id, c.reference FROM permits p JOIN cases c ON c.id = p.case_id WHERE p.id = ${permitId}`);
    const events = await queryRows(
      this.ds,
      z.object({ event_type: z.string(), actor_role: z.string(), from_state: z.string().nullable(), to_state: z.string().nullable(), reason: z.string().nullable(), occurred_at: z.date() }),
      sql`SELECT event_type, actor_role, from_state, to_state, reason, occurred_at FROM audit_events WHERE permit_id = ${permitId} AND occurred_at <= ${change.changed_at} ORDER BY occurred_at, id`,
    );
    const documents = await queryRows(
      this.ds,
      z.object({ id: z.string(), filename: z.string(), sha256: z.string(), created_at: z.date() }),
      sql`SELECT id, filename, sha256, created_at FROM documents WHERE permit_id = ${permitId} AND created_at <= ${change.changed_at} ORDER BY created_at, id`,
    );
    return {
      permitId,
      code: permit.code,
      caseReference: permit.reference,
      change: changeDto(change),
      events: events.map((e) => ({ eventType: e.event_type, actorRole: e.actor_role, fromState: e.from_state, toState: e.to_state, reason: e.reason, at: e.occurred_at.toISOString() })),
      documents: documents.map((d) => ({ id: d.id, filename: d.filename, sha256: d.sha256, createdAt: d.created_at.toISOString() })),
    };
  }

  async formerDocument(p: Principal, permitId: string, documentId: string): Promise<{ storageKey: string; filename: string; contentType: string }> {
    const change = await this.handOver(this.ds.manager, p, permitId);
    if (!UUID.test(documentId)) throw new DocumentNotFoundError(documentId);
    const [d] = await queryRows(
      this.ds,
      z.object({ storage_key: z.string(), filename: z.string(), content_type: z.string() }),
      sql`SELECT storage_key, filename, content_type FROM documents WHERE id = ${documentId} AND permit_id = ${permitId} AND created_at <= ${change.changed_at}`,
    );
    if (!d) throw new DocumentNotFoundError(documentId);
    return { storageKey: d.storage_key, filename: d.filename, contentType: d.content_type };
  }
}
