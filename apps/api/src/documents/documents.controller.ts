import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '../auth';
import { ProblemDto } from '../common/problem.dto';
import { DocumentDto, DocumentPageDto, UploadDocumentBodyDto, UploadDocumentDto } from './documents.dto';
import { DocumentsService, type IncomingFile } from './documents.service';
import { attachmentDisposition } from './filename';
import { PageQueryDto } from './pagination.dto';
import { UploadPrecheckInterceptor } from './upload.interceptor';

const API_BASE = '/api/v1';

@ApiTags('documents')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ProblemDto, description: 'No or invalid bearer token.' })
@ApiResponse({ status: 403, type: ProblemDto, description: 'Role may not use documents (admin).' })
@Roles('applicant', 'caseworker', 'coordinator')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('cases/:id/documents')
  @HttpCode(201)
  @UseInterceptors(UploadPrecheckInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a document to a case',
    description:
      'multipart/form-data with `file` (required), optional `permitId` (a permit of this case) and `description` (≤ 500 characters). ' +
      'The type is detected from the content (magic bytes) and must match the file extension. The document is registered with its SHA-256 ' +
      'and an audit event in one transaction. Applicants of the case organisation and caseworkers who see the case; ' +
      'coordinators do not upload into a company\'s case (403 ACCESS.APPLICANT_ACTION_FORBIDDEN).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentBodyDto })
  @ApiCreatedResponse({ type: DocumentDto, description: 'Registered; `Location` points at the document.' })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'DOCUMENT.MISSING_FILE, DOCUMENT.EMPTY, REQUEST.VALIDATION_FAILED, REQUEST.MALFORMED_MULTIPART' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'AUTH.FORBIDDEN (admin); ACCESS.APPLICANT_ACTION_FORBIDDEN (coordinator)' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'CASE.NOT_FOUND / PERMIT.NOT_FOUND (also when not visible to the caller)' })
  @ApiResponse({ status: 413, type: ProblemDto, description: 'DOCUMENT.TOO_LARGE (MAX_UPLOAD_BYTES)' })
  @ApiResponse({ status: 415, type: ProblemDto, description: 'DOCUMENT.TYPE_NOT_ALLOWED, REQUEST.UNSUPPORTED_MEDIA_TYPE' })
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

  @Get('cases/:id/documents')
  @ApiOperation({ summary: 'Documents of a case, oldest first (paginated)' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiOkResponse({ type: DocumentPageDto })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'CASE.NOT_FOUND' })
  list(@CurrentPrincipal() principal: Principal, @Param('id') caseId: string, @Query() q: PageQueryDto): Promise<DocumentPageDto> {
    return this.documents.list(principal, caseId, q.page, q.pageSize);
  }

  @Get('documents/:id')
  @ApiOperation({ summary: 'Metadata of one document (filename, type, size, SHA-256)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'DOCUMENT.NOT_FOUND' })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentDto> {
    const { storageKey: _key, ...doc } = await this.documents.findVisible(principal, id);
    return doc;
  }

  @Get('documents/:id/content')
  @ApiOperation({ summary: 'Download the stored bytes (always as an attachment)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The bytes, with the detected Content-Type and `Repr-Digest: sha-256=…`.' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'DOCUMENT.NOT_FOUND' })
  async content(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { document, body } = await this.documents.content(principal, id);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
    const options = { type: document.contentType, disposition: attachmentDisposition(document.filename), length: document.sizeBytes };
    return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
  }
}
