import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { VersionConflictError } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { checkPermit, draftErrors, getPermitType, type ApplicationDocument, type MissingItem } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApplicationInvalidError } from './errors';

const jsonObject = z.record(z.string(), z.unknown());
export const APPLICATION_ROW = z.object({
  case_id: z.string(),
  version: z.number().int(),
  shared: jsonObject,
  sections: jsonObject,
  updated_at: z.date(),
  catalog_version: z.string(),
  facts: jsonObject,
  case_state: z.string(),
  reference: z.string(),
});
export type ApplicationRow = z.infer<typeof APPLICATION_ROW>;

const LIVE_PERMIT_ROW = z.object({
  id: z.string(),
  code: z.string(),
  state: z.string(),
  filing_held: z.boolean(),
  filed_incomplete: z.boolean(),
  missing_items: z.array(z.unknown()),
  completeness_due_on: z.string().nullable(),
  received_at: z.date().nullable(),
});
const UPLOAD_ROW = z.object({ permitCode: z.string(), requirementKey: z.string() });

export interface SaveApplicationInput {
  shared: Record<string, unknown>;
  sections: Record<string, unknown>;
}

/**
 * The case's structured application (issue 14): read (each role sees the shared part and the
 * sections of the permits it may see), saved as a new version with If-Match (the schema's draft
 * rules, 422 with every failing field, nothing saved), and checked per permit before filing.
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(m: EntityManager, caseId: string): Promise<ApplicationRow> {
    const [row] = await queryRows(
      m,
      APPLICATION_ROW,
      // A case written without the application row (only SQL-seeded test and bench data) reads as
      // an empty version 1; its first save creates the row (writeVersion upserts).
      sql`SELECT c.id AS case_id, COALESCE(ca.version, 1) AS version, COALESCE(ca.shared, '{}'::jsonb) AS shared, COALESCE(ca.sections, '{}'::jsonb) AS sections,
                 COALESCE(ca.updated_at, c.created_at) AS updated_at, c.catalog_version, c.facts, c.state AS case_state, c.reference
            FROM cases c LEFT JOIN case_applications ca ON ca.case_id = c.id WHERE c.id = ${caseId}`,
    );
    return row;
  }

  /** Live permits of the case the principal may see in full (not withdrawn, not superseded). */
  async visiblePermits(m: EntityManager, p: Principal, caseId: string) {
    return queryRows(
      m,
      LIVE_PERMIT_ROW,
      sql`SELECT p.id, p.code, p.state, p.filing_held, p.filed_incomplete, p.missing_items, p.completeness_due_on, p.received_at
            FROM permits p JOIN cases c ON c.id = p.case_id
           WHERE p.case_id = ${caseId} AND p.state <> 'withdrawn' AND p.superseded_by IS NULL AND ${this.access.permitFilter(p, 'p', 'c')}
           ORDER BY p.created_at, p.code`,
    );
  }

  /** GET /cases/:id/application */
  async get(p: Principal, caseId: string, m: EntityManager = this.ds.manager) {
    await this.access.assertCaseVisible(p, caseId, m);
    const app = await this.load(m, caseId);
    const permits = await this.visiblePermits(m, p, caseId);
    const codes = new Set(permits.map((x) => x.code));
    return {
      caseId,
      caseReference: app.reference,
      version: app.version,
      catalogVersion: app.catalog_version,
      updatedAt: app.updated_at.toISOString(),
      shared: app.shared,
      facts: app.facts,
      // Each authority sees its own permits' sections only; the shared part is everyone's.
      sections: Object.fromEntries(Object.entries(app.sections).filter(([code]) => codes.has(code))),
      permits: permits.map((x) => {
        const t = getPermitType(x.code, app.catalog_version);
        return { id: x.id, code: x.code, nameDa: t.nameDa, nameEn: t.nameEn, state: x.state, filingHeld: x.filing_held, filedIncomplete: x.filed_incomplete };
      }),
    };
  }

  /** PUT /cases/:id/application (applicant, If-Match = application version). */
  async save(p: Principal, caseId: string, expectedVersion: number, input: SaveApplicationInput) {
    await this.access.assertCaseVisible(p, caseId);
    // A fuldmægtig edits only with `prepare` or `submit` (issue 14 point 6): 403 for `read`.
    await this.access.assertMayActOnCase(p, caseId, 'application.edit');
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      const app = await this.load(m, caseId);
      if (app.version !== expectedVersion) throw new VersionConflictError(app.version);
      const codes = (await this.visiblePermits(m, p, caseId)).map((x) => x.code);
      const problems = draftErrors(app.catalog_version, input, codes);
      if (problems.length > 0) throw new ApplicationInvalidError(problems);
      await this.writeVersion(m, p, caseId, app.version, input, 'application.saved');
      return this.get(p, caseId, m);
    });
  }

  /** A new application version (version-checked), its history row and the audit, in one statement. */
  async writeVersion(m: EntityManager, p: Principal, caseId: string, fromVersion: number, doc: SaveApplicationInput, eventType: string, extra: Record<string, unknown> = {}): Promise<number> {
    const at = this.clock.now().toISOString();
    const next = fromVersion + 1;
    const shared = JSON.stringify(doc.shared);
    const sections = JSON.stringify(doc.sections);
    const updated = await execute(
      m,
      sql`WITH up AS (INSERT INTO case_applications AS ca (case_id, version, shared, sections, updated_by, updated_at)
                      VALUES (${caseId}::uuid, ${next}::int, ${shared}::jsonb, ${sections}::jsonb, ${p.userId}::uuid, ${at}::timestamptz)
                      ON CONFLICT (case_id) DO UPDATE SET version = EXCLUDED.version, shared = EXCLUDED.shared, sections = EXCLUDED.sections,
                                                          updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                       WHERE ca.version = ${fromVersion}::int RETURNING case_id),
               hv AS (INSERT INTO case_application_versions (case_id, version, shared, sections, created_by, created_at)
                      SELECT case_id, ${next}::int, ${shared}::jsonb, ${sections}::jsonb, ${p.userId}::uuid, ${at}::timestamptz FROM up)
          INSERT INTO audit_events (case_id, actor_user_id, actor_role, event_type, payload, occurred_at)
          SELECT case_id, ${p.userId}::uuid, ${p.role}, ${eventType}, ${JSON.stringify({ version: next, ...extra })}::jsonb, ${at}::timestamptz FROM up`,
    );
    if (updated === 0) throw new VersionConflictError(fromVersion + 1);
    return next;
  }

  /** Uploaded documents that meet a catalogue requirement, per permit code. */
  async requirementUploads(m: EntityManager, caseId: string) {
    return queryRows(
      m,
      UPLOAD_ROW,
      sql`SELECT dp.code AS "permitCode", d.requirement_key AS "requirementKey" FROM documents d JOIN permits dp ON dp.id = d.permit_id
           WHERE d.case_id = ${caseId} AND d.requirement_key IS NOT NULL`,
    );
  }

  /** GET /cases/:id/application/check: per visible permit, what is missing (empty = green). */
  async check(p: Principal, caseId: string) {
    await this.access.assertCaseVisible(p, caseId);
    const m = this.ds.manager;
    const app = await this.load(m, caseId);
    const uploads = await this.requirementUploads(m, caseId);
    const doc: ApplicationDocument = { shared: app.shared, sections: app.sections };
    const permits = await this.visiblePermits(m, p, caseId);
    return {
      caseId,
      version: app.version,
      permits: permits.map((x) => {
        const t = getPermitType(x.code, app.catalog_version);
        const missing: MissingItem[] = checkPermit(app.catalog_version, doc, x.code, uploads);
        return { permitId: x.id, code: x.code, nameDa: t.nameDa, nameEn: t.nameEn, state: x.state, filingHeld: x.filing_held, complete: missing.length === 0, missing };
      }),
    };
  }
}
