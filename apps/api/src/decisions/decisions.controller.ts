import { Body, Header, Param, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseIfMatch } from '@rl/case-engine';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { BINARY, Endpoint, IfMatch, PermitEndpoint, PermitRead, PublicPages, withETag } from '../common/endpoint';
import { attachmentDisposition } from '../documents/filename';
import { bodySchema, DECISION_INPUT, DECISION_INPUT_SCHEMA, parseBody } from './decision-input';
import { DecisionDraftAckDto, DecisionDraftDto, DecisionLetterDto, IssuedDecisionDto, PublishedDecisionListDto } from './decisions.dto';
import { DecisionsService } from './decisions.service';
import { HearingCommentDto, HearingCommentReceiptDto, PermitHearingListDto, PublicHearingDto, PublicHearingListDto } from './hearings.dto';
import { COMMENT_INPUT, COMMENT_PROBLEMS, HearingsService } from './hearings.service';
import { PartyHearingService } from './party-hearing.service';
import { PublicationService } from './publication.service';

const pdfFile = (pdf: Buffer, filename: string, disposition: 'inline' | 'attachment') =>
  new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: disposition === 'inline' ? `inline; filename="${filename}"` : attachmentDisposition(filename) });

const ANSWER_INPUT = z
  .object({ response: z.enum(['accepted', 'commented']), text: z.string().trim().min(1).max(10000).optional() })
  .strict()
  .refine((a) => (a.response === 'commented') === (a.text !== undefined), { path: ['text'], message: "text is required with response 'commented' and not allowed with 'accepted'" });
const CONSIDER_INPUT = z.object({ note: z.string().trim().min(1).max(4000), version: z.number().int().min(1) }).strict();

@BearerController('decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly hearings: HearingsService,
    private readonly party: PartyHearingService,
  ) {}

  @PermitEndpoint('POST', 'permits/:id/decision/draft', {
    code: 201,
    roles: ['caseworker'],
    summary: 'Send the draft decision to the company (partshøring) with the deadline from the catalogue (If-Match)',
    ifMatch: 'The permit version you last read',
    body: DECISION_INPUT_SCHEMA,
    created: { type: DecisionDraftAckDto, description: 'The permit version after sending and the draft sent' },
    problems: ['PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE'],
  })
  sendDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() version: number) {
    return this.party.send(p, id, version, parseBody(DECISION_INPUT, body));
  }

  @PermitRead('permits/:id/decision/draft', 'The latest draft decision and the company’s answer', {
    ok: { type: DecisionDraftDto },
    problems: ['DECISION.DRAFT_NOT_FOUND'],
  })
  draft(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.party.current(p, id);
  }

  @PermitRead('permits/:id/decision/draft/pdf', 'The latest draft decision as a PDF (marked as a draft)', {
    produces: 'application/pdf',
    ok: { schema: BINARY },
    problems: ['DECISION.DRAFT_NOT_FOUND', 'PERMIT.EVENT_NOT_ALLOWED'],
  })
  async draftPdf(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return pdfFile(await this.party.pdf(p, id), 'draft.pdf', 'inline');
  }

  @PermitEndpoint('POST', 'permits/:id/decision/draft/answer', {
    code: 200,
    roles: ['applicant'],
    summary: 'The company accepts the draft decision or comments on it (If-Match)',
    ifMatch: 'The permit version you last read',
    body: { type: 'object', required: ['response'], properties: { response: { type: 'string', enum: ['accepted', 'commented'] }, text: { type: 'string', maxLength: 10000 } } },
    ok: { type: DecisionDraftAckDto, description: 'The permit version after the answer and the draft answered' },
    problems: ['DECISION.DRAFT_NOT_FOUND'],
  })
  answerDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const a = parseBody(ANSWER_INPUT, body);
    return this.party.answer(p, id, parseIfMatch(req.header('if-match')), a.response, a.text ?? null);
  }

  @PermitEndpoint('POST', 'permits/:id/decision/preview', {
    code: 200,
    roles: ['caseworker'],
    summary: 'Preview the decision letter as a PDF (watermarked; nothing is stored). Dates are those the decision would get now.',
    body: DECISION_INPUT_SCHEMA,
    produces: 'application/pdf',
    ok: { schema: BINARY },
    problems: ['PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE'],
  })
  async preview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const pdf = await this.decisions.preview(p, id, parseBody(DECISION_INPUT, body));
    res.setHeader('Cache-Control', 'no-store');
    return pdfFile(pdf, 'preview.pdf', 'inline');
  }

  @PermitEndpoint('POST', 'permits/:id/decision', {
    code: 201,
    roles: ['caseworker'],
    summary: 'Issue the decision (If-Match): the letter is rendered, stored as an immutable document (SHA-256, audited), listed on the permit, published when the catalogue says so, and e-mailed with the company notification',
    ifMatch: 'The permit version you last read',
    body: DECISION_INPUT_SCHEMA,
    created: { type: IssuedDecisionDto, description: 'The permit after the decision and the decision letter registered' },
    problems: ['PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE', 'DECISION.PARTY_HEARING_PENDING', 'REFERRAL.OPEN'],
  })
  async issue(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @IfMatch() version: number, @Res({ passthrough: true }) res: Response) {
    const result = await this.decisions.issue(p, id, version, parseBody(DECISION_INPUT, body));
    withETag(res, result.permit);
    return result;
  }

  @PermitRead('permits/:id/decisions', 'Decision letters of a permit, newest first (a superseded one names its successor)', { ok: { type: [DecisionLetterDto] } })
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.decisions.list(p, id);
  }

  @PermitRead('permits/:id/hearings', "The permit's hearings with the comments received (the deciding authority and coordinators; applicants get an empty list)", { ok: { type: PermitHearingListDto } })
  permitHearings(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.hearings.forPermit(p, id);
  }

  @Endpoint('POST', 'hearing-comments/:id/consideration', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: 'Mark a hearing comment as considered, with a note (version-checked)',
    params: ['id'],
    body: bodySchema(CONSIDER_INPUT),
    ok: { type: HearingCommentDto, description: 'The comment as considered' },
    problems: ['HEARING.COMMENT_NOT_FOUND', 'CONCURRENCY.VERSION_CONFLICT', 'AUTH.FORBIDDEN'],
  })
  consider(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const input = parseBody(CONSIDER_INPUT, body);
    return this.hearings.consider(p, id, input.version, input.note);
  }
}

/** Pages anyone can read and answer without logging in (issue 15 items 3–4). */
@PublicPages()
export class PublicController {
  constructor(
    private readonly hearings: HearingsService,
    private readonly publication: PublicationService,
  ) {}

  @Endpoint('GET', 'hearings', { summary: 'Open hearings (no login)', ok: { type: PublicHearingListDto } })
  openHearings() {
    return this.hearings.openHearings();
  }

  @Endpoint('GET', 'hearings/:id', {
    summary: 'A hearing: proposal documents, period (start, earliest end by statute), whether it is open (no login)',
    params: ['id'],
    ok: { type: PublicHearingDto },
    problems: ['HEARING.NOT_FOUND'],
  })
  hearing(@Param('id') id: string) {
    return this.hearings.publicHearing(id);
  }

  @Endpoint('GET', 'hearings/:id/documents/:documentId', {
    summary: 'A proposal document of the hearing (no login)',
    params: ['id', 'documentId'],
    produces: 'application/octet-stream',
    ok: { schema: BINARY },
    problems: ['HEARING.NOT_FOUND', 'DOCUMENT.NOT_FOUND'],
  })
  async hearingDocument(@Param('id') id: string, @Param('documentId') documentId: string, @Res({ passthrough: true }) res: Response) {
    const doc = await this.hearings.publicDocument(id, documentId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(doc.body as Buffer, { type: doc.contentType, disposition: attachmentDisposition(doc.filename) });
  }

  @Endpoint('POST', 'hearings/:id/comments', {
    code: 201,
    summary: 'Submit a comment to a hearing (no login). Plain text only; limited size and rate per client; after the hearing closed it is kept and marked late',
    params: ['id'],
    body: bodySchema(COMMENT_INPUT),
    created: { type: HearingCommentReceiptDto },
    problems: ['HEARING.NOT_FOUND', ...COMMENT_PROBLEMS],
  })
  comment(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    return this.hearings.comment(id, req.ip, parseBody(COMMENT_INPUT, body));
  }

  @Endpoint('GET', 'decisions', { summary: 'Published decisions with their klagefrist, until it has passed (JSON; no personal data of private individuals)', ok: { type: PublishedDecisionListDto } })
  decisions() {
    return this.publication.list();
  }

  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @Endpoint('GET', 'decisions/feed.atom', { summary: 'Published decisions as an Atom feed', produces: 'application/atom+xml', ok: { schema: { type: 'string' } } })
  feed(@Req() req: Request) {
    return this.publication.atom(`${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }

  @Endpoint('GET', 'decisions/:id/pdf', {
    summary: 'The PDF of a published decision (while it is published)',
    params: ['id'],
    produces: 'application/pdf',
    ok: { schema: BINARY },
    problems: ['DECISION.NOT_FOUND'],
  })
  async decisionPdf(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { pdf, sha256 } = await this.publication.pdf(id);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    return pdfFile(pdf, `decision-${id}.pdf`, 'inline');
  }
}
