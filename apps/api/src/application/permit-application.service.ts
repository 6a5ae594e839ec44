import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { restorePermitSnapshot } from '@rl/permits-machines';
import { execute, queryRows, sql } from '@rl/db';
import { getPermitSection, getPermitType } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApplicationService } from './application.service';
import { diffFields } from './diff';

const jsonObject = z.record(z.string(), z.unknown());
const PERMIT_ROW = z.object({
  id: z.string(),
  case_id: z.string(),
  code: z.string(),
  snapshot: jsonObject,
  machine_version: z.number().int(),
  received_at: z.date().nullable(),
  complete_on: z.string().nullable(),
  filed_incomplete: z.boolean(),
  missing_items: z.array(z.unknown()),
  completeness_due_on: z.string().nullable(),
  target_due_on: z.string().nullable(),
});
const VERSION_ROW = z.object({ version: z.number().int(), shared: jsonObject, sections: jsonObject });
const READ_ROW = z.object({ version: z.number().int(), read_at: z.date() });
const DOC_ROW = z.object({
  id: z.string(),
  permit_id: z.string().nullable(),
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.union([z.string(), z.number()]),
  description: z.string(),
  requirement_key: z.string().nullable(),
  document_type: z.string().nullable(),
  created_at: z.date(),
});
const ANSWER_ROW = z.object({ payload: jsonObject, occurred_at: z.date() });

/**
 * What an authority decides on (issue 14 point 4): the shared part, its permit's section with the
 * catalogue form, the documents of the case and of this permit (downloadable), every information
 * request with the full answer text and its attachments, the filing flags, and what changed in
 * the application since the caller last marked it seen.
 */
@Injectable()
export class PermitApplicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly applications: ApplicationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(p: Principal, permitId: string) {
    const { caseId } = await this.access.assertPermitVisible(p, permitId);
    const m = this.ds.manager;
    const [permit] = await queryRows(
      m,
      PERMIT_ROW,
      sql`SELECT id, case_id, code, snapshot, machine_version, received_at, complete_on, filed_incomplete, missing_items, completeness_due_on, target_due_on FROM permits WHERE id = ${permitId}`,
    );
    const app = await this.applications.load(m, caseId);
    const type = getPermitType(permit.code, app.catalog_version);
    const section = getPermitSection(permit.code, app.catalog_version);
    // The case's own documents and this permit's (another authority's permit documents are not shown).
    const documents = await queryRows(
      m,
      DOC_ROW,
      sql`SELECT id, permit_id, filename, content_type, size_bytes, description, requirement_key, document_type, created_at FROM documents
           WHERE case_id = ${caseId} AND (permit_id IS NULL OR permit_id = ${permitId}) ORDER BY created_at, id`,
    );
    const answers = await queryRows(
      m,
      ANSWER_ROW,
      sql`SELECT payload, occurred_at FROM audit_events WHERE permit_id = ${permitId} AND event_type = 'applicant.infoProvided' ORDER BY id`,
    );
    const ctx = restorePermitSnapshot(permit.snapshot, permit.machine_version).context;
    const answered = ctx.infoRequests.filter((r) => r.answeredAt !== null);
    const infoRequests = ctx.infoRequests.map((r) => {
      const a = r.answeredAt === null ? undefined : answers[answered.indexOf(r)];
      return {
        ...r,
        answer: typeof a?.payload.answer === 'string' ? a.payload.answer : null,
        answerDocumentIds: Array.isArray(a?.payload.documentIds) ? (a.payload.documentIds as string[]) : [],
      };
    });
    return {
      permitId,
      caseId,
      caseReference: app.reference,
      code: permit.code,
      nameDa: type.nameDa,
      nameEn: type.nameEn,
      catalogVersion: app.catalog_version,
      applicationVersion: app.version,
      shared: app.shared,
      facts: app.facts,
      section: app.sections[permit.code] ?? {},
      form: section,
      documents: documents.map((d) => ({
        id: d.id,
        permitId: d.permit_id,
        filename: d.filename,
        contentType: d.content_type,
        sizeBytes: Number(d.size_bytes),
        description: d.description,
        requirementKey: d.requirement_key,
        documentType: d.document_type,
        createdAt: d.created_at.toISOString(),
      })),
      infoRequests,
      filing: {
        receivedAt: permit.received_at?.toISOString() ?? null,
        filedIncomplete: permit.filed_incomplete,
        missingItems: permit.missing_items,
        completenessDueOn: permit.completeness_due_on,
        completeOn: permit.complete_on,
      },
      changes: await this.changes(p, permitId, permit.code, app.version, caseId, documents),
    };
  }

  /** Fields (shared part + this section) and documents changed since the caller's last look. */
  private async changes(p: Principal, permitId: string, code: string, current: number, caseId: string, documents: readonly { id: string; filename: string; created_at: Date }[]) {
    const m = this.ds.manager;
    const [seen] = await queryRows(m, READ_ROW, sql`SELECT version, read_at FROM application_reads WHERE user_id = ${p.userId} AND permit_id = ${permitId}`);
    if (!seen) return { sinceVersion: null, currentVersion: current, fields: [], documents: [] };
    const rows = await queryRows(m, VERSION_ROW, sql`SELECT version, shared, sections FROM case_application_versions WHERE case_id = ${caseId} AND version = ANY(${[seen.version, current]}::int[])`);
    const before = rows.find((r) => r.version === seen.version);
    const after = rows.find((r) => r.version === current);
    const fields = before && after ? [...diffFields(before.shared, after.shared, '/shared'), ...diffFields(before.sections[code], after.sections[code], `/sections/${code}`)] : [];
    return {
      sinceVersion: seen.version,
      currentVersion: current,
      fields,
      documents: documents.filter((d) => d.created_at > seen.read_at).map((d) => ({ id: d.id, filename: d.filename })),
    };
  }

  /** POST /permits/:id/application/seen: the caller has looked at this application version. */
  async markSeen(p: Principal, permitId: string, version: number): Promise<void> {
    const { caseId } = await this.access.assertPermitVisible(p, permitId);
    const app = await this.applications.load(this.ds.manager, caseId);
    const seen = Math.min(Math.max(1, version), app.version);
    await execute(
      this.ds.manager,
      sql`INSERT INTO application_reads (user_id, permit_id, version, read_at) VALUES (${p.userId}, ${permitId}, ${seen}, ${this.clock.now()})
          ON CONFLICT (user_id, permit_id) DO UPDATE SET version = EXCLUDED.version, read_at = EXCLUDED.read_at`,
    );
  }
}
