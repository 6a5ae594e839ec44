import { applyDecorators, Body, Controller, Param, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '../auth';
import { BINARY, CaseEndpoint, Endpoint } from '../common/endpoint';
import { DocumentDto, DocumentPageDto, UploadDocumentBodyDto, UploadDocumentDto } from './documents.dto';
import { DocumentsService, type IncomingFile } from './documents.service';
import { sendAttachment } from './download';
import { PageQueryDto } from './pagination.dto';
import { UploadPrecheckInterceptor } from './upload.interceptor';

const API_BASE = '/api/v1';

/** What any multipart document upload can answer: no file or an empty one, too large, a refused type, not (well-formed) multipart. */
export const UPLOAD_PROBLEMS = ['DOCUMENT.MISSING_FILE', 'DOCUMENT.EMPTY', 'DOCUMENT.TOO_LARGE', 'DOCUMENT.TYPE_NOT_ALLOWED', 'REQUEST.MALFORMED_MULTIPART', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'] as const;

/** The documents API's controllers: for the company, caseworkers and coordinators (each operation checks the case). */
export function DocumentsApi(): ClassDecorator {
  return applyDecorators(ApiTags('documents'), ApiBearerAuth(), Roles('applicant', 'caseworker', 'coordinator'), Controller());
}

/** A multipart upload (`file`, optional `description`): the precheck refuses before a byte is read, then multer parses it. */
export function DocumentUpload(): MethodDecorator {
  return applyDecorators(ApiBody({ type: UploadDocumentBodyDto }), ApiConsumes('multipart/form-data'), UseInterceptors(UploadPrecheckInterceptor, FileInterceptor('file')));
}

@DocumentsApi()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @DocumentUpload()
  @ApiResponse({ status: 404, description: 'Also when the case or permit is not visible to the caller.' })
  @ApiResponse({ status: 413, description: 'The file is over MAX_UPLOAD_BYTES (DOCUMENT.TOO_LARGE) or the whole body over its limit.' })
  @CaseEndpoint('POST', 'cases/:id/documents', {
    code: 201,
    summary: 'Upload a document to a case',
    description:
      'multipart/form-data with `file` (required), optional `permitId` (a permit of this case) and `description` (≤ 500 characters). ' +
      'The type is detected from the content (magic bytes) and must match the file extension. The document is registered with its SHA-256 ' +
      'and an audit event in one transaction. Applicants of the case organisation and caseworkers who see the case; ' +
      'coordinators do not upload into a company\'s case (403 ACCESS.APPLICANT_ACTION_FORBIDDEN).',
    created: { type: DocumentDto, description: 'Registered; `Location` points at the document.' },
    problems: [...UPLOAD_PROBLEMS, 'REQUEST.VALIDATION_FAILED', 'PERMIT.NOT_FOUND', 'REQUEST.TOO_LARGE', 'ACCESS.APPLICANT_ACTION_FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'DOCUMENT.UNKNOWN_REQUIREMENT'],
  })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('id') caseId: string,
    @UploadedFile() file: IncomingFile | undefined,
    @Body() body: UploadDocumentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDto> {
    const doc = await this.documents.upload(principal, caseId, file, body);
    res.setHeader('Location', `${API_BASE}/documents/${doc.id}`);
    return doc;
  }

  @CaseEndpoint('GET', 'cases/:id/documents', {
    summary: 'Documents of a case, oldest first (paginated)',
    ok: { type: DocumentPageDto },
  })
  list(@CurrentPrincipal() principal: Principal, @Param('id') caseId: string, @Query() q: PageQueryDto): Promise<DocumentPageDto> {
    return this.documents.list(principal, caseId, q.page, q.pageSize);
  }

  @Endpoint('GET', 'documents/:id', { summary: 'Metadata of one document (filename, type, size, SHA-256)', params: ['id'], ok: { type: DocumentDto }, problems: ['DOCUMENT.NOT_FOUND'] })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentDto> {
    const { storageKey: _key, ...doc } = await this.documents.findVisible(principal, id);
    return doc;
  }

  @Endpoint('GET', 'documents/:id/content', {
    summary: 'Download the stored bytes (always as an attachment)',
    params: ['id'],
    produces: 'application/octet-stream',
    ok: { schema: BINARY, description: 'The bytes, with the detected Content-Type and `Repr-Digest: sha-256=…`.' },
    problems: ['DOCUMENT.NOT_FOUND'],
  })
  async content(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { document, body } = await this.documents.content(principal, id);
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
    return sendAttachment(res, { contentType: document.contentType, filename: document.filename, length: document.sizeBytes }, body);
  }
}
