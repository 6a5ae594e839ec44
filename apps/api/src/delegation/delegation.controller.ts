import { Body, Inject, Module, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { CaseEngineModule } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { DOCUMENT_DOWNLOAD, IfMatch, PermitEndpoint, PermitRead } from '../common/endpoint';
import { parseBody } from '../decisions/decision-input';
import { DOCUMENT_STORAGE, DocumentsModule, sendAttachment, type DocumentStorage } from '../documents';
import { AuthorityChangeDto, AuthorityChangeResultDto, FormerRecordDto } from './delegation.dto';
import { DelegationService } from './delegation.service';

const CHANGE_INPUT = z
  .object({
    kind: z.enum(['delegation', 'callIn']),
    toAuthorityCode: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(1).max(4000),
    legalBasis: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/**
 * Delegation and call-in (issue 17 item 5): the deciding authority of a permit changes mid-case,
 * through the case engine (a transition effect), audited with reason and legal basis.
 */
@BearerController('delegation')
export class DelegationController {
  constructor(
    private readonly delegation: DelegationService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @PermitEndpoint('POST', 'permits/:id/authority-change', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary:
      "Change the permit's deciding authority (If-Match): `delegation` — a municipality delegates to another municipality by agreement (L 206; its caseworker or a coordinator); `callIn` — a minister takes over municipal powers (L 206; recorded by a coordinator). The task moves, access follows, clocks continue, everyone involved is told",
    ifMatch: 'The permit version you last read',
    body: {
      type: 'object',
      required: ['kind', 'toAuthorityCode', 'reason'],
      additionalProperties: false,
      properties: {
        kind: { type: 'string', enum: ['delegation', 'callIn'] },
        toAuthorityCode: { type: 'string', maxLength: 64, example: 'KOMMUNE-326' },
        reason: { type: 'string', maxLength: 4000 },
        legalBasis: { type: 'string', maxLength: 2000, description: "Default: the rule's (L 206); e.g. the delegation agreement's reference" },
      },
    },
    ok: { type: AuthorityChangeResultDto },
    problems: ['AUTH.FORBIDDEN', 'AUTHORITY_CHANGE.NOT_ALLOWED', 'AUTHORITY_CHANGE.UNKNOWN_AUTHORITY', 'AUTHORITY_CHANGE.PERMIT_CLOSED'],
  })
  change(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() ifMatch: number) {
    return this.delegation.change(p, id, ifMatch, parseBody(CHANGE_INPUT, body));
  }

  @PermitRead('permits/:id/authority-changes', "The permit's changes of deciding authority (delegations, call-ins), oldest first", { ok: { type: [AuthorityChangeDto] } })
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.delegation.list(p, id);
  }

  @PermitEndpoint('GET', 'permits/:id/former-record', {
    roles: ['caseworker'],
    summary: 'For an authority that decided this permit before a delegation or call-in: what it did — the change, its audit trail and the documents until then; nothing newer',
    ok: { type: FormerRecordDto },
  })
  formerRecord(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.delegation.formerRecord(p, id);
  }

  @PermitEndpoint('GET', 'permits/:id/former-record/documents/:documentId/content', {
    roles: ['caseworker'],
    summary: 'A document of the former record (created before the authority change)',
    ...DOCUMENT_DOWNLOAD,
  })
  async formerDocument(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const d = await this.delegation.formerDocument(p, id, documentId);
    // As before this helper existed: the former record's download carries no sandbox CSP.
    return sendAttachment(res, d, await this.storage.get(d.storageKey), { sandbox: false });
  }
}

@Module({ imports: [AccessModule, CaseEngineModule, DocumentsModule], controllers: [DelegationController], providers: [DelegationService] })
export class DelegationModule {}
