import { parseIfMatch, VersionConflictError } from '@rl/case-engine';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { execute, queryRows, sql } from '@rl/db';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG, CLOCK, type Clock } from '@rl/server-infra';
import type { Principal } from '../auth';
import type { DocumentDto, DocumentVersionsDto } from './documents.dto';
import { DOCUMENT_ROW, documentFilter, DocumentNotFoundError, DocumentsService, SUPERSEDED_BY, toDto } from './documents.service';
import { checkIncomingFile, type IncomingFile } from './incoming-file';
import { documentKey } from './storage/document-storage';

/** PostgreSQL unique_violation: a concurrent upload over the same version won (documents.supersedes_id is UNIQUE). */
const UNIQUE_VIOLATION = '23505';

/**
 * Document versions (issue 14 point 3): a new version supersedes the current one of its lineage;
 * every version is immutable (trigger) and stays readable. The client names the current version
 * it saw in If-Match; a stale one is 409, so two people replacing the same document cannot
 * silently overwrite each other.
 */
@Injectable()
export class DocumentVersionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async supersede(p: Principal, caseId: string, documentId: string, file: IncomingFile | undefined, ifMatch: string | undefined, description?: string): Promise<DocumentDto> {
    // Visibility of the case and who may add material: UploadPrecheckInterceptor; the document must be one of this case's, visible to the caller.
    const seen = await this.documents.findVisible(p, documentId);
    if (seen.caseId !== caseId.toLowerCase()) throw new DocumentNotFoundError(documentId);
    const expected = parseIfMatch(ifMatch);
    const checked = checkIncomingFile(file, this.config.MAX_UPLOAD_BYTES);
    const id = randomUUID();
    const key = documentKey(seen.caseId, id);
    const now = this.clock.now();

    try {
      return await this.documents.storeThenRegister(key, checked, () =>
        this.ds.transaction(async (m) => {
          // The lineage's current version, locked: versions of one document are added one at a time.
          // A new version keeps the permit and the catalogue requirement it meets (issue 14).
          const [current] = await queryRows(m, DOCUMENT_ROW, sql`SELECT d.* FROM documents d WHERE d.lineage_id = ${seen.lineageId} ORDER BY d.version DESC LIMIT 1 FOR UPDATE`);
          if (current.version !== expected) throw new VersionConflictError(current.version);
          const [inserted] = await queryRows(
            m,
            DOCUMENT_ROW,
            sql`INSERT INTO documents (id, case_id, permit_id, filename, content_type, size_bytes, sha256, storage_key, description, requirement_key, document_type, uploaded_by, created_at, lineage_id, version, supersedes_id)
                VALUES (${id}, ${current.case_id}, ${current.permit_id}, ${checked.filename}, ${checked.contentType}, ${checked.sizeBytes}, ${checked.sha256}, ${key},
                        ${description ?? current.description}, ${current.requirement_key}, ${current.document_type}, ${p.userId}, ${now}, ${current.lineage_id}, ${current.version + 1}, ${current.id})
                RETURNING *`,
          );
          await execute(
            m,
            sql`INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, payload, occurred_at)
                VALUES (${current.case_id}, ${current.permit_id}, ${p.userId}, ${p.role}, 'document.superseded',
                        ${JSON.stringify({ documentId: id, lineageId: current.lineage_id, version: current.version + 1, supersedesId: current.id, supersededSha256: current.sha256, filename: checked.filename, sha256: checked.sha256, sizeBytes: checked.sizeBytes })}, ${now})`,
          );
          return toDto(inserted);
        }),
      );
    } catch (e) {
      // The bytes are already removed again (storeThenRegister).
      if ((e as { code?: string })?.code === UNIQUE_VIOLATION) throw new VersionConflictError(expected + 1);
      throw e;
    }
  }

  /** Every version of the document `id` belongs to, newest first (404 unless the caller sees `id`). */
  async versions(p: Principal, id: string): Promise<DocumentVersionsDto> {
    const seen = await this.documents.findVisible(p, id);
    // Each version passes the caller's document rule itself (a version's permit link may have been changed since).
    const rows = await queryRows(
      this.ds,
      DOCUMENT_ROW,
      sql`SELECT d.*, ${SUPERSEDED_BY} FROM documents d LEFT JOIN permits dp ON dp.id = d.permit_id
           WHERE d.lineage_id = ${seen.lineageId} AND d.case_id = ${seen.caseId} AND ${documentFilter(p)} ORDER BY d.version DESC`,
    );
    return { items: rows.map(toDto) };
  }
}
