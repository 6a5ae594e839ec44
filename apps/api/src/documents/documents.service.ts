import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG, CLOCK, type Clock } from '@rl/server-infra';
import { AccessService, PermitNotFoundError } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { DocumentDto, DocumentPageDto } from './documents.dto';
import { detectDocumentType } from './file-type';
import { sanitizeFilename } from './filename';
import { DOCUMENT_STORAGE, type DocumentStorage, documentKey } from './storage/document-storage';

/** What the upload route hands over from multer (memory storage). */
export interface IncomingFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export class DocumentNotFoundError extends ApiError {
  constructor(id: string) {
    super('DOCUMENT.NOT_FOUND', `Document ${id} was not found.`);
  }
}

interface DocumentRow {
  id: string;
  case_id: string;
  permit_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: string | number;
  sha256: string;
  storage_key: string;
  description: string;
  uploaded_by: string;
  created_at: Date;
}

function toDto(r: DocumentRow): DocumentDto {
  return {
    id: r.id,
    caseId: r.case_id,
    permitId: r.permit_id,
    filename: r.filename,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    description: r.description,
    uploadedBy: r.uploaded_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  /**
   * Extra row-level rule for caseworkers: beyond a visible case, a document tied to a permit
   * of another authority is not theirs to see (they see only their own permits in full).
   * SQL over aliases `d` (documents) and `dp` (its permit, LEFT JOINed).
   */
  private documentFilter(p: Principal, first: number): { sql: string; params: unknown[] } {
    if (p.role !== 'caseworker') return { sql: 'TRUE', params: [] };
    return { sql: `(d.permit_id IS NULL OR dp.authority_id = $${first} OR d.uploaded_by = $${first + 1})`, params: [p.authorityId, p.userId] };
  }

  async upload(p: Principal, caseId: string, file: IncomingFile | undefined, input: { permitId?: string; description?: string }): Promise<DocumentDto> {
    await this.access.assertCaseVisible(p, caseId);
    this.access.assertMayAct(p, 'document.upload');
    let permitId: string | null = null;
    if (input.permitId) {
      const permit = await this.access.assertPermitVisible(p, input.permitId);
      if (permit.caseId !== caseId) throw new PermitNotFoundError(input.permitId);
      permitId = input.permitId.toLowerCase();
    }
    if (!file) throw new ApiError('DOCUMENT.MISSING_FILE', 'The multipart field "file" is required.', { field: 'file' });
    if (file.size === 0 || file.buffer.length === 0) throw new ApiError('DOCUMENT.EMPTY', 'The file is empty.', { field: 'file' });
    if (file.buffer.length > this.config.MAX_UPLOAD_BYTES) {
      throw new ApiError('DOCUMENT.TOO_LARGE', `Files may be at most ${this.config.MAX_UPLOAD_BYTES} bytes.`, { maxBytes: this.config.MAX_UPLOAD_BYTES });
    }
    const filename = sanitizeFilename(file.originalname);
    const detected = detectDocumentType(file.buffer, filename);
    if (!detected.ok) throw new ApiError('DOCUMENT.TYPE_NOT_ALLOWED', detected.reason);

    const id = randomUUID();
    const key = documentKey(caseId, id);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const sizeBytes = file.buffer.length;
    const description = input.description ?? '';
    const now = this.clock.now();

    await this.storage.put(key, file.buffer, detected.contentType);
    let row: DocumentRow;
    try {
      row = await this.ds.transaction(async (m) => {
        const [inserted]: DocumentRow[] = await m.query(
          `INSERT INTO documents (id, case_id, permit_id, filename, content_type, size_bytes, sha256, storage_key, description, uploaded_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           RETURNING *`,
          [id, caseId, permitId, filename, detected.contentType, sizeBytes, sha256, key, description, p.userId, now],
        );
        await m.query(
          `INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, payload, occurred_at)
           VALUES ($1, $2, $3, $4, 'document.uploaded', $5, $6)`,
          [caseId, permitId, p.userId, p.role, JSON.stringify({ documentId: id, filename, sha256, sizeBytes }), now],
        );
        return inserted;
      });
    } catch (e) {
      await this.storage.delete(key).catch((cleanup: unknown) =>
        this.logger.error(`could not remove orphaned document bytes ${key}: ${(cleanup as Error)?.message ?? cleanup}`),
      );
      throw e;
    }
    this.logger.log(`document ${id} (${detected.kind}, ${sizeBytes} bytes, sha256 ${sha256}) registered on case ${caseId} by ${p.userId}`);
    return toDto(row);
  }

  async list(p: Principal, caseId: string, page: number, pageSize: number): Promise<DocumentPageDto> {
    await this.access.assertCaseVisible(p, caseId);
    const f = this.documentFilter(p, 2);
    const from = `FROM documents d LEFT JOIN permits dp ON dp.id = d.permit_id WHERE d.case_id = $1 AND ${f.sql}`;
    const [{ total }]: { total: number }[] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, [caseId, ...f.params]);
    const n = 2 + f.params.length;
    const rows: DocumentRow[] = await this.ds.query(`SELECT d.* ${from} ORDER BY d.created_at, d.id LIMIT $${n} OFFSET $${n + 1}`, [
      caseId,
      ...f.params,
      pageSize,
      (page - 1) * pageSize,
    ]);
    return { items: rows.map(toDto), page, pageSize, total };
  }

  /** The document row if the caller may see it, else 404 DOCUMENT.NOT_FOUND. */
  async findVisible(p: Principal, id: string): Promise<DocumentDto & { storageKey: string }> {
    if (!UUID.test(id)) throw new DocumentNotFoundError(id);
    const c = this.access.caseFilter(p, 'c', 2);
    const f = this.documentFilter(p, 2 + c.params.length);
    const rows: DocumentRow[] = await this.ds.query(
      `SELECT d.* FROM documents d JOIN cases c ON c.id = d.case_id LEFT JOIN permits dp ON dp.id = d.permit_id
        WHERE d.id = $1 AND ${c.sql} AND ${f.sql}`,
      [id, ...c.params, ...f.params],
    );
    if (rows.length === 0) throw new DocumentNotFoundError(id);
    return { ...toDto(rows[0]), storageKey: rows[0].storage_key };
  }

  async content(p: Principal, id: string): Promise<{ document: DocumentDto; body: Buffer | Readable }> {
    const { storageKey, ...document } = await this.findVisible(p, id);
    return { document, body: await this.storage.get(storageKey) };
  }
}
