import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal, Roles } from '../auth';
import { ApiProblems } from '../common/openapi';
import { DocumentDto, DocumentVersionsDto, UploadDocumentBodyDto, UploadDocumentDto } from './documents.dto';
import { DocumentVersionsService } from './document-versions.service';
import type { IncomingFile } from './incoming-file';
import { UploadPrecheckInterceptor } from './upload.interceptor';

@ApiTags('documents')
@ApiBearerAuth()
@Roles('applicant', 'caseworker', 'coordinator')
@Controller()
export class DocumentVersionsController {
  constructor(private readonly versions: DocumentVersionsService) {}

  @Post('cases/:id/documents/:documentId/versions')
  @HttpCode(201)
  @UseInterceptors(UploadPrecheckInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Upload a new version of a document: it supersedes the current one, which stays readable',
    description:
      'multipart/form-data like the first upload (`file`, optional `description`; `permitId` is ignored — the version belongs where the document does). ' +
      '`documentId` may name any version of the document. If-Match carries the version number of the current version you saw (`version` of the document); ' +
      'a stale one is 409 CONCURRENCY.VERSION_CONFLICT. The same checks as an upload apply (type by magic bytes, size); SHA-256 per version; audited as `document.superseded`.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiParam({ name: 'documentId', format: 'uuid', description: 'Any version of the document' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The current version number you last saw, e.g. "1"' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentBodyDto })
  @ApiCreatedResponse({ type: DocumentDto, description: 'The new current version; `Location` points at it.' })
  @ApiProblems(
    'DOCUMENT.NOT_FOUND',
    'CASE.NOT_FOUND',
    'DOCUMENT.MISSING_FILE',
    'DOCUMENT.EMPTY',
    'DOCUMENT.TOO_LARGE',
    'DOCUMENT.TYPE_NOT_ALLOWED',
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    'REQUEST.MALFORMED_MULTIPART',
    'ACCESS.APPLICANT_ACTION_FORBIDDEN',
    'ACCESS.PROXY_ROLE_INSUFFICIENT',
    'CONCURRENCY.PRECONDITION_REQUIRED',
    'CONCURRENCY.IF_MATCH_INVALID',
    'CONCURRENCY.VERSION_CONFLICT',
  )
  async supersede(
    @CurrentPrincipal() principal: Principal,
    @Param('id') caseId: string,
    @Param('documentId') documentId: string,
    @UploadedFile() file: IncomingFile | undefined,
    @Body() body: UploadDocumentDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDto> {
    const doc = await this.versions.supersede(principal, caseId, documentId, file, ifMatch, body.description);
    res.setHeader('Location', `/api/v1/documents/${doc.id}`);
    res.setHeader('ETag', `"${doc.version}"`);
    return doc;
  }

  @Get('documents/:id/versions')
  @ApiOperation({ summary: 'Every version of the document, newest first' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Any version of the document' })
  @ApiOkResponse({ type: DocumentVersionsDto })
  @ApiProblems('DOCUMENT.NOT_FOUND')
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentVersionsDto> {
    return this.versions.versions(principal, id);
  }
}
