import { Body, Headers, Param, Res, UploadedFile } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../auth';
import { CaseEndpoint, Endpoint, uuidParam, withETag } from '../common/endpoint';
import { DocumentsApi, DocumentUpload, UPLOAD_PROBLEMS } from './documents.controller';
import { DocumentDto, DocumentVersionsDto, UploadDocumentDto } from './documents.dto';
import { DocumentVersionsService } from './document-versions.service';
import type { IncomingFile } from './incoming-file';

@DocumentsApi()
export class DocumentVersionsController {
  constructor(private readonly versions: DocumentVersionsService) {}

  @DocumentUpload()
  @CaseEndpoint('POST', 'cases/:id/documents/:documentId/versions', {
    code: 201,
    summary: 'Upload a new version of a document: it supersedes the current one, which stays readable',
    description:
      'multipart/form-data like the first upload (`file`, optional `description`; `permitId` is ignored — the version belongs where the document does). ' +
      '`documentId` may name any version of the document. If-Match carries the version number of the current version you saw (`version` of the document); ' +
      'a stale one is 409 CONCURRENCY.VERSION_CONFLICT. The same checks as an upload apply (type by magic bytes, size); SHA-256 per version; audited as `document.superseded`.',
    params: [uuidParam('documentId', 'Any version of the document')],
    ifMatch: 'The current version number you last saw, e.g. "1"',
    created: { type: DocumentDto, description: 'The new current version; `Location` points at it.' },
    problems: ['DOCUMENT.NOT_FOUND', ...UPLOAD_PROBLEMS, 'ACCESS.APPLICANT_ACTION_FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT'],
  })
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
    return withETag(res, doc);
  }

  @Endpoint('GET', 'documents/:id/versions', {
    summary: 'Every version of the document, newest first',
    params: [uuidParam('id', 'Any version of the document')],
    ok: { type: DocumentVersionsDto },
    problems: ['DOCUMENT.NOT_FOUND'],
  })
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DocumentVersionsDto> {
    return this.versions.versions(principal, id);
  }
}
