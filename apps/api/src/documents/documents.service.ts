import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { outboxInsert } from '@rl/case-engine';
import { execute, queryRows, sql, type Sql } from '@rl/db';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG, CLOCK, type Clock } from '@rl/server-infra';
import { getPermitSection } from '@rl/permits-catalog';
import { AccessService, PermitNotFoundError } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { DocumentDto, DocumentPageDto } from './documents.dto';
import { type CheckedFile, checkIncomingFile, type IncomingFile } from './incoming-file';
import { DOCUMENT_STORAGE, type DocumentStorage, documentKey } from './storage/document-storage';
import { UUID } from '../common/uuid';

export type { IncomingFile } from './incoming-file';

export class DocumentNotFoundError extends ApiError {
  constructor(id: string) {
    super('DOCUMENT.NOT_FOUND', `Document ${id} was not found.`);
  }
}

export const DOCUMENT_ROW = z.object({
  id: z.string(),
  case_id: z.string(),
  permit_id: z.string().nullable(),
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.union([z.string(), z.number()]), // bigint: pg gives its text
  sha256: z.string(),
  storage_key: z.string(),
  description: z.string(),
  requirement_key: z.string().nullable(),
  document_type: z.string().nullable(),
  uploaded_by: z.string(),
  created_at: z.date(),
  lineage_id: z.string(),
  version: z.number().int(),
  supersedes_id: z.string().nullable(),
  /** Selected as `(SUPERSEDED_BY)`; absent on an INSERT … RETURNING (a new version supersedes nothing yet). */
  superseded_by_id: z.string().nullable().optional(),
});
export type DocumentRow = z.infer<typeof DOCUMENT_ROW>;
/** The version that replaced `d`, if any (documents.supersedes_id is UNIQUE: at most one). */
export const SUPERSEDED_BY = sql.raw('(SELECT n.id FROM documents n WHERE n.supersedes_id = d.id) AS superseded_by_id');
const TOTAL_ROW = z.object({ total: z.number().int() });
const PERMIT_VERSION_ROW = z.object({ code: z.string(), catalog_version: z.string() });

export function toDto(r: DocumentRow): DocumentDto {
  return {
    id: r.id,
    caseId: r.case_id,
    permitId: r.permit_id,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    description: r.description,
    requirementKey: r.requirement_key,
    documentType: r.document_type,
    uploadedBy: r.uploaded_by,
    createdAt: new Date(r.created_at).toISOString(),
    lineageId: r.lineage_id,
    version: r.version,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by_id ?? null,
    current: !r.superseded_by_id,
  };
}

/**
 * Extra row-level rule for caseworkers: beyond a visible case, a document tied to a permit
 * of another authority is not theirs to see (they see only their own permits in full), unless
 * they uploaded it. SQL over aliases `d` (documents) and `dp` (its permit, LEFT JOINed).
 */
export function documentFilter(p: Principal): Sql {
  if (p.role !== 'caseworker') return sql.raw('TRUE');
  return sql`(d.permit_id IS NULL OR dp.authority_id = ${p.authorityId} OR d.uploaded_by = ${p.userId})`;
}

/**
 * Case documents: registered with checksum in the same transaction as their audit event
 * (product capability 7; journaliseringspligt). The bytes are stored first and removed again
 * if the transaction fails, so there is never a row without bytes.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    p: Principal,
    caseId: string,
    file: IncomingFile | undefined,
    input: { permitId?: string; description?: string; requirementKey?: string; documentType?: string },
    /** `permitChecked`: the caller's route checked its right to add to this permit (issue 17: an asked authority's referral answer). */
    opts: { permitChecked?: boolean } = {},
  ): Promise<DocumentDto> {
    // Visibility and who may upload were checked by UploadInterceptor before the body was read
    // (POST /cases/:id/documents), or by the referral answer's own precheck (POST /referrals/:id/documents).
    let permitId: string | null = null;
    if (input.permitId && opts.permitChecked) {
      permitId = input.permitId.toLowerCase();
    } else if (input.permitId) {
      const permit = await this.access.assertPermitVisible(p, input.permitId);
      if (permit.caseId !== caseId) throw new PermitNotFoundError(input.permitId);
      permitId = input.permitId.toLowerCase();
    }
    const { requirementKey, documentType } = await this.requirementOf(permitId, input);
    const { filename, sha256, sizeBytes, ...detected } = checkIncomingFile(file, this.config.MAX_UPLOAD_BYTES);

    const id = randomUUID();
    const key = documentKey(caseId, id);
    const description = input.description ?? '';
    const now = this.clock.now();

    const row = await this.storeThenRegister(key, detected, () =>
      this.ds.transaction(async (m) => {
        const [inserted] = await queryRows(
          m,
          DOCUMENT_ROW,
          sql`INSERT INTO documents (id, case_id, permit_id, filename, content_type, size_bytes, sha256, storage_key, description, requirement_key, document_type, uploaded_by, created_at)
              VALUES (${id}, ${caseId}, ${permitId}, ${filename}, ${detected.contentType}, ${sizeBytes}, ${sha256}, ${key}, ${description}, ${requirementKey}, ${documentType},
                      ${p.userId}, ${now})
              RETURNING *`,
        );
        await execute(
          m,
          sql`INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, payload, occurred_at)
              VALUES (${caseId}, ${permitId}, ${p.userId}, ${p.role}, 'document.uploaded', ${JSON.stringify({ documentId: id, filename, sha256, sizeBytes, requirementKey, documentType })}, ${now})`,
        );
        // The event log (webhooks relay it as document.added to those who may see the case).
        await outboxInsert(m, [{ aggregateType: 'case', aggregateId: caseId, type: 'document.added', payload: { caseId, permitId, documentId: id, filename, sha256, sizeBytes, at: now.toISOString() } }]);
        return inserted;
      }),
    );
    this.logger.log(`document ${id} (${detected.kind}, ${sizeBytes} bytes, sha256 ${sha256}) registered on case ${caseId} by ${p.userId}`);
    return toDto(row);
  }

  /**
   * Stores the bytes under `key`, then runs `register` (the transaction that records them); if it
   * fails, the bytes are removed again, so there is never a row without bytes. A new version
   * (DocumentVersionsService) is stored the same way.
   */
  async storeThenRegister<T>(key: string, file: Pick<CheckedFile, 'buffer' | 'contentType'>, register: () => Promise<T>): Promise<T> {
    await this.storage.put(key, file.buffer, file.contentType);
    try {
      return await register();
    } catch (e) {
      await this.storage.delete(key).catch((cleanup: unknown) => this.logger.error(`could not remove orphaned document bytes ${key}: ${(cleanup as Error)?.message ?? cleanup}`));
      throw e;
    }
  }

  /**
   * The catalogue requirement an upload meets (issue 14): the key must name a required document
   * of the permit's section (catalogue version of the case), the type defaults to the requirement's.
   */
  private async requirementOf(permitId: string | null, input: { requirementKey?: string; documentType?: string }): Promise<{ requirementKey: string | null; documentType: string | null }> {
    if (!input.requirementKey) return { requirementKey: null, documentType: input.documentType ?? null };
    if (!permitId) throw new ApiError('DOCUMENT.UNKNOWN_REQUIREMENT', 'A requirementKey needs the permitId of the permit that asks for the document.', { field: 'permitId' });
    const [row] = await queryRows(this.ds, PERMIT_VERSION_ROW, sql`SELECT p.code, c.catalog_version FROM permits p JOIN cases c ON c.id = p.case_id WHERE p.id = ${permitId}`);
    const required = getPermitSection(row.code, row.catalog_version).requiredDocuments.find((d) => d.key === input.requirementKey);
    if (!required) throw new ApiError('DOCUMENT.UNKNOWN_REQUIREMENT', `The ${row.code} section asks for no document "${input.requirementKey}".`, { field: 'requirementKey' });
    return { requirementKey: required.key, documentType: input.documentType ?? required.documentType };
  }

  /** The current version of each document of the case, oldest first, each with its earlier versions (`history`, newest first). */
  async list(p: Principal, caseId: string, page: number, pageSize: number): Promise<DocumentPageDto> {
    await this.access.assertCaseVisible(p, caseId);
    const from = sql`FROM documents d LEFT JOIN permits dp ON dp.id = d.permit_id
                     WHERE d.case_id = ${caseId} AND ${documentFilter(p)} AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes_id = d.id)`;
    const [{ total }] = await queryRows(this.ds, TOTAL_ROW, sql`SELECT count(*)::int AS total ${from}`);
    const rows = await queryRows(this.ds, DOCUMENT_ROW, sql`SELECT d.* ${from} ORDER BY d.created_at, d.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
    const versioned = rows.filter((r) => r.version > 1).map((r) => r.lineage_id);
    const older = versioned.length
      ? await queryRows(
          this.ds,
          DOCUMENT_ROW,
          sql`SELECT d.*, ${SUPERSEDED_BY} FROM documents d LEFT JOIN permits dp ON dp.id = d.permit_id
               WHERE d.lineage_id = ANY(${versioned}::uuid[]) AND d.case_id = ${caseId} AND ${documentFilter(p)} ORDER BY d.version DESC`,
        )
      : [];
    const items = rows.map((r) => ({ ...toDto(r), history: older.filter((o) => o.lineage_id === r.lineage_id && o.id !== r.id).map(toDto) }));
    return { items, page, pageSize, total };
  }

  /** The document row if the caller may see it, else 404 DOCUMENT.NOT_FOUND. */
  async findVisible(p: Principal, id: string): Promise<DocumentDto & { storageKey: string }> {
    if (!UUID.test(id)) throw new DocumentNotFoundError(id);
    const rows = await queryRows(
      this.ds,
      DOCUMENT_ROW,
      sql`SELECT d.*, ${SUPERSEDED_BY} FROM documents d JOIN cases c ON c.id = d.case_id LEFT JOIN permits dp ON dp.id = d.permit_id
           WHERE d.id = ${id} AND ${this.access.caseFilter(p, 'c')} AND ${documentFilter(p)}`,
    );
    if (rows.length === 0) throw new DocumentNotFoundError(id);
    return { ...toDto(rows[0]), storageKey: rows[0].storage_key };
  }

  async content(p: Principal, id: string): Promise<{ document: DocumentDto; body: Buffer | Readable }> {
    const { storageKey, ...document } = await this.findVisible(p, id);
    return { document, body: await this.storage.get(storageKey) };
  }
}
