import { Body, Inject, Injectable, Module, Param, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CaseEngineModule } from '@rl/case-engine';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { AccessModule } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { PRINCIPAL_KEY } from '../auth/principal';
import { BearerController } from '../common/bearer-controller';
import { DOCUMENT_DOWNLOAD, Endpoint, IfMatch, PermitEndpoint, PermitRead, readOf, scopedEndpoint } from '../common/endpoint';
import { ApiError } from '../common/problem';
import { parseBody } from '../decisions/decision-input';
import { DOCUMENT_STORAGE, documentUploadMulter, DocumentsModule, DocumentsService, sendAttachment, UploadPrecheckInterceptor, type DocumentStorage } from '../documents';
import { UPLOAD_PROBLEMS } from '../documents/documents.controller';
import type { IncomingFile } from '../documents/incoming-file';
import { DocumentDto } from '../documents/documents.dto';
import { ReferralMaterialDto, ReferralOptionsDto } from './referral-views.dto';
import { ReferralDto } from './referrals.dto';
import { ReferralsService } from './referrals.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CREATE_INPUT = z
  .object({
    toAuthorityCode: z.string().trim().min(1).max(64),
    question: z.string().trim().min(1).max(10000),
    kind: z.enum(['opinion', 'consent']).optional(),
    ruleId: z.string().min(1).max(64).optional(),
    dueOn: z.string().regex(DATE).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a date').optional(),
    sharedPart: z.boolean().optional(),
    documentIds: z.array(z.string().max(64)).max(50).optional(),
  })
  .strict();
const ANSWER_INPUT = z
  .object({ text: z.string().trim().min(1).max(20000), consent: z.enum(['given', 'refused']).optional(), documentIds: z.array(z.string().max(64)).max(50).optional() })
  .strict();
const PROCEED_INPUT = z.object({ note: z.string().trim().min(1).max(4000).optional() }).strict();
const ReferralEndpoint = scopedEndpoint({ param: 'id', notFound: 'REFERRAL.NOT_FOUND' });
const ReferralRead = readOf(ReferralEndpoint);

export class ReferralListQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], default: 'incoming', description: 'incoming: asked of your authority (its inbox); outgoing: your authority asked' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  box?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: ['open', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'all'])
  status?: 'open' | 'all';
}

/** Before any byte of an answer document is read: the caller must be the asked authority of an open referral (404/409 otherwise). */
@Injectable()
export class ReferralUploadPrecheck extends UploadPrecheckInterceptor {
  constructor(
    private readonly referrals: ReferralsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(undefined as never, config);
  }

  protected override async precheck(req: Request & { [PRINCIPAL_KEY]?: Principal }): Promise<void> {
    const principal = req[PRINCIPAL_KEY];
    if (!principal) throw new ApiError('AUTH.UNAUTHENTICATED', 'This operation requires a bearer token.');
    await this.referrals.caseForAnswerUpload(principal, String(req.params.id));
    if (!req.is('multipart/form-data')) throw new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Upload documents as multipart/form-data with the file in the field "file".');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.MAX_UPLOAD_BYTES + 64 * 1024) throw this.tooLarge();
  }
}

/**
 * Referrals (issue 17 item 1): a caseworker asks another authority for an opinion or its consent
 * on their permit; the asked authority answers in its referral inbox; after the deadline the
 * caseworker may proceed without the answer.
 */
@BearerController('referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly documents: DocumentsService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @PermitEndpoint('GET', 'permits/:id/referral-options', {
    roles: ['caseworker', 'coordinator'],
    summary: "The catalogue's referrals of this permit (authority, opinion/consent, answer period, clock stop — each with its source) and the authorities one may ask",
    ok: { type: ReferralOptionsDto },
  })
  options(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ReferralOptionsDto> {
    return this.referrals.options(p, id);
  }

  @PermitEndpoint('POST', 'permits/:id/referrals', {
    code: 201,
    roles: ['caseworker'],
    summary: 'Ask another authority for an opinion or consent on this permit (If-Match: the permit version); the deadline comes from the catalogue or is chosen',
    ifMatch: 'The permit version you last read',
    body: {
      type: 'object',
      required: ['toAuthorityCode', 'question'],
      additionalProperties: false,
      properties: {
        toAuthorityCode: { type: 'string', maxLength: 64, example: 'REGION-1085' },
        question: { type: 'string', maxLength: 10000 },
        kind: { type: 'string', enum: ['opinion', 'consent'], description: 'Ignored when a catalogue referral applies (it decides)' },
        ruleId: { type: 'string', maxLength: 64, description: 'A catalogue referral (GET …/referral-options); found automatically when omitted' },
        dueOn: { type: 'string', format: 'date', description: "Answer by (YYYY-MM-DD, not in the past); default: the catalogue's answer period from today" },
        sharedPart: { type: 'boolean', default: true, description: "Show the application's shared part" },
        documentIds: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 50, description: 'Documents of this case the asked authority may read (and only those)' },
      },
    },
    created: { type: ReferralDto },
    problems: ['DOCUMENT.NOT_FOUND', 'REFERRAL.TO_SELF', 'REFERRAL.UNKNOWN_AUTHORITY', 'REFERRAL.DUE_IN_PAST', 'REFERRAL.DUE_REQUIRED', 'REFERRAL.PERMIT_CLOSED'],
  })
  create(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() ifMatch: number): Promise<ReferralDto> {
    return this.referrals.create(p, id, ifMatch, parseBody(CREATE_INPUT, body));
  }

  @PermitRead('permits/:id/referrals', 'The referrals of a permit, oldest first', { ok: { type: [ReferralDto] } })
  listForPermit(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ReferralDto[]> {
    return this.referrals.listForPermit(p, id);
  }

  @Endpoint('GET', 'referrals', {
    roles: ['caseworker'],
    summary: "Your authority's referral inbox (incoming: asked of it) or what it asked (outgoing); open first, by answer date",
    ok: { type: [ReferralDto] },
  })
  list(@CurrentPrincipal() p: Principal, @Query() q: ReferralListQueryDto): Promise<ReferralDto[]> {
    return this.referrals.listForAuthority(p, q.box ?? 'incoming', q.status ?? 'open');
  }

  @ReferralRead('referrals/:id', "A referral with the parts it shows: the application's shared part (if listed), the permit's own section, the listed documents — and nothing else of the case", { ok: { type: ReferralMaterialDto } })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ReferralMaterialDto> {
    return this.referrals.material(p, id);
  }

  @ReferralRead('referrals/:id/documents/:documentId/content', 'Download a document the referral lists (question or answer)', DOCUMENT_DOWNLOAD)
  async content(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const d = await this.referrals.listedDocument(p, id, documentId);
    return sendAttachment(res, d, await this.storage.get(d.storageKey));
  }

  @UseInterceptors(ReferralUploadPrecheck, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ReferralEndpoint('POST', 'referrals/:id/documents', {
    code: 201,
    roles: ['caseworker'],
    summary: 'The asked authority uploads a document for its answer (multipart, field "file"); cite it in the answer',
    body: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    created: { type: DocumentDto },
    problems: ['REFERRAL.NOT_OPEN', ...UPLOAD_PROBLEMS],
  })
  async upload(@CurrentPrincipal() p: Principal, @Param('id') id: string, @UploadedFile() file: IncomingFile | undefined): Promise<DocumentDto> {
    const { caseId, permitId } = await this.referrals.caseForAnswerUpload(p, id);
    return this.documents.upload(p, caseId, file, { permitId, description: 'referral answer' }, { permitChecked: true });
  }

  @ReferralEndpoint('POST', 'referrals/:id/answer', {
    code: 200,
    roles: ['caseworker'],
    summary: 'The asked authority answers (If-Match: the referral version); a consent is given or refused. Only the asked authority: 404 for anyone else',
    ifMatch: 'The referral version you last read',
    body: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: {
        text: { type: 'string', maxLength: 20000 },
        consent: { type: 'string', enum: ['given', 'refused'], description: 'Required for a consent' },
        documentIds: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 50, description: 'Documents your authority uploaded (POST /referrals/:id/documents)' },
      },
    },
    ok: { type: ReferralDto },
    problems: ['REFERRAL.NOT_OPEN', 'DOCUMENT.NOT_FOUND'],
  })
  answer(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() ifMatch: number): Promise<ReferralDto> {
    return this.referrals.answer(p, id, ifMatch, parseBody(ANSWER_INPUT, body));
  }

  @ReferralEndpoint('POST', 'referrals/:id/proceed', {
    code: 200,
    roles: ['caseworker'],
    summary: 'After the answer date: proceed without the answer (recorded, audited; If-Match: the referral version)',
    ifMatch: 'The referral version you last read',
    body: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', maxLength: 4000 } } },
    ok: { type: ReferralDto },
    problems: ['REFERRAL.NOT_OPEN', 'REFERRAL.DEADLINE_NOT_PASSED'],
  })
  proceed(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() ifMatch: number): Promise<ReferralDto> {
    return this.referrals.proceed(p, id, ifMatch, parseBody(PROCEED_INPUT, body).note ?? null);
  }
}

@Module({
  imports: [
    AccessModule,
    CaseEngineModule,
    DocumentsModule,
    documentUploadMulter(),
  ],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralUploadPrecheck],
  exports: [ReferralsService],
})
export class ReferralsModule {}
