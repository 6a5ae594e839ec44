import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { parseIfMatch } from '@rl/case-engine';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth';
import { ApiProblems } from '../common/openapi';
import { attachmentDisposition } from '../documents/filename';
import { bodySchema, DECISION_INPUT, DECISION_INPUT_SCHEMA, parseBody } from './decision-input';
import { DecisionsService } from './decisions.service';
import { COMMENT_INPUT, HearingsService } from './hearings.service';
import { PartyHearingService } from './party-hearing.service';
import { PublicationService } from './publication.service';

const pdfFile = (pdf: Buffer, filename: string, disposition: 'inline' | 'attachment') =>
  new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length, disposition: disposition === 'inline' ? `inline; filename="${filename}"` : attachmentDisposition(filename) });

const ANSWER_INPUT = z
  .object({ response: z.enum(['accepted', 'commented']), text: z.string().trim().min(1).max(10000).optional() })
  .strict()
  .refine((a) => (a.response === 'commented') === (a.text !== undefined), { path: ['text'], message: "text is required with response 'commented' and not allowed with 'accepted'" });
const CONSIDER_INPUT = z.object({ note: z.string().trim().min(1).max(4000), version: z.number().int().min(1) }).strict();
const OBJ = { type: 'object', additionalProperties: true } as const;

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly hearings: HearingsService,
    private readonly party: PartyHearingService,
  ) {}

  @Post('permits/:id/decision/draft')
  @HttpCode(201)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Send the draft decision to the company (partshøring) with the deadline from the catalogue (If-Match)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The permit version you last read' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: DECISION_INPUT_SCHEMA })
  @ApiCreatedResponse({ schema: OBJ, description: '{ version, draftId }' })
  @ApiProblems('PERMIT.NOT_FOUND', 'PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  sendDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    return this.party.send(p, id, parseIfMatch(req.header('if-match')), parseBody(DECISION_INPUT, body));
  }

  @Get('permits/:id/decision/draft')
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiOperation({ summary: 'The latest draft decision and the company’s answer' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('PERMIT.NOT_FOUND', 'DECISION.DRAFT_NOT_FOUND')
  draft(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.party.current(p, id);
  }

  @Get('permits/:id/decision/draft/pdf')
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiOperation({ summary: 'The latest draft decision as a PDF (marked as a draft)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems('PERMIT.NOT_FOUND', 'DECISION.DRAFT_NOT_FOUND', 'PERMIT.EVENT_NOT_ALLOWED')
  async draftPdf(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return pdfFile(await this.party.pdf(p, id), 'draft.pdf', 'inline');
  }

  @Post('permits/:id/decision/draft/answer')
  @HttpCode(200)
  @Roles('applicant')
  @ApiOperation({ summary: 'The company accepts the draft decision or comments on it (If-Match)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The permit version you last read' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: { type: 'object', required: ['response'], properties: { response: { type: 'string', enum: ['accepted', 'commented'] }, text: { type: 'string', maxLength: 10000 } } } })
  @ApiOkResponse({ schema: OBJ, description: '{ version, draftId }' })
  @ApiProblems('PERMIT.NOT_FOUND', 'DECISION.DRAFT_NOT_FOUND', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  answerDraft(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const a = parseBody(ANSWER_INPUT, body);
    return this.party.answer(p, id, parseIfMatch(req.header('if-match')), a.response, a.text ?? null);
  }

  @Post('permits/:id/decision/preview')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Preview the decision letter as a PDF (watermarked; nothing is stored). Dates are those the decision would get now.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: DECISION_INPUT_SCHEMA })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems('PERMIT.NOT_FOUND', 'PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE')
  async preview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const pdf = await this.decisions.preview(p, id, parseBody(DECISION_INPUT, body));
    res.setHeader('Cache-Control', 'no-store');
    return pdfFile(pdf, 'preview.pdf', 'inline');
  }

  @Post('permits/:id/decision')
  @HttpCode(201)
  @Roles('caseworker')
  @ApiOperation({
    summary: 'Issue the decision (If-Match): the letter is rendered, stored as an immutable document (SHA-256, audited), listed on the permit, published when the catalogue says so, and e-mailed with the company notification',
  })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The permit version you last read' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: DECISION_INPUT_SCHEMA })
  @ApiCreatedResponse({ schema: OBJ, description: '{ permit, decision }' })
  @ApiProblems('PERMIT.NOT_FOUND', 'PERMIT.EVENT_NOT_ALLOWED', 'DECISION.TEMPLATE_INCOMPLETE', 'DECISION.PARTY_HEARING_PENDING', 'REFERRAL.OPEN', 'CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT')
  async issue(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const version = parseIfMatch(req.header('if-match'));
    const result = await this.decisions.issue(p, id, version, parseBody(DECISION_INPUT, body));
    res.setHeader('ETag', `"${result.permit.version}"`);
    return result;
  }

  @Get('permits/:id/decisions')
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiOperation({ summary: 'Decision letters of a permit, newest first (a superseded one names its successor)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: { type: 'array', items: OBJ } })
  @ApiProblems('PERMIT.NOT_FOUND')
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.decisions.list(p, id);
  }

  @Get('permits/:id/hearings')
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiOperation({ summary: "The permit's hearings with the comments received (the deciding authority and coordinators; applicants get an empty list)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('PERMIT.NOT_FOUND')
  permitHearings(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.hearings.forPermit(p, id);
  }

  @Post('hearing-comments/:id/consideration')
  @HttpCode(200)
  @Roles('caseworker', 'coordinator')
  @ApiOperation({ summary: 'Mark a hearing comment as considered, with a note (version-checked)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: bodySchema(CONSIDER_INPUT) })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('HEARING.COMMENT_NOT_FOUND', 'CONCURRENCY.VERSION_CONFLICT', 'AUTH.FORBIDDEN')
  consider(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown) {
    const input = parseBody(CONSIDER_INPUT, body);
    return this.hearings.consider(p, id, input.version, input.note);
  }
}

/** Pages anyone can read and answer without logging in (issue 15 items 3–4). */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicController {
  constructor(
    private readonly hearings: HearingsService,
    private readonly publication: PublicationService,
  ) {}

  @Get('hearings')
  @ApiOperation({ summary: 'Open hearings (no login)' })
  @ApiOkResponse({ schema: OBJ })
  openHearings() {
    return this.hearings.openHearings();
  }

  @Get('hearings/:id')
  @ApiOperation({ summary: 'A hearing: proposal documents, period (start, earliest end by statute), whether it is open (no login)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('HEARING.NOT_FOUND')
  hearing(@Param('id') id: string) {
    return this.hearings.publicHearing(id);
  }

  @Get('hearings/:id/documents/:documentId')
  @ApiOperation({ summary: 'A proposal document of the hearing (no login)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'documentId', format: 'uuid' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems('HEARING.NOT_FOUND', 'DOCUMENT.NOT_FOUND')
  async hearingDocument(@Param('id') id: string, @Param('documentId') documentId: string, @Res({ passthrough: true }) res: Response) {
    const doc = await this.hearings.publicDocument(id, documentId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(doc.body as Buffer, { type: doc.contentType, disposition: attachmentDisposition(doc.filename) });
  }

  @Post('hearings/:id/comments')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit a comment to a hearing (no login). Plain text only; limited size and rate per client; after the hearing closed it is kept and marked late',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: bodySchema(COMMENT_INPUT) })
  @ApiCreatedResponse({ schema: OBJ, description: '{ id, hearingId, late, receivedAt }' })
  @ApiProblems('HEARING.NOT_FOUND', 'HEARING.COMMENT_REFUSED', 'HEARING.COMMENT_TOO_LARGE', 'HEARING.COMMENT_RATE_LIMITED', 'REQUEST.VALIDATION_FAILED', 'REQUEST.TOO_LARGE')
  comment(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    return this.hearings.comment(id, req.ip, parseBody(COMMENT_INPUT, body));
  }

  @Get('decisions')
  @ApiOperation({ summary: 'Published decisions with their klagefrist, until it has passed (JSON; no personal data of private individuals)' })
  @ApiOkResponse({ schema: OBJ })
  decisions() {
    return this.publication.list();
  }

  @Get('decisions/feed.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiOperation({ summary: 'Published decisions as an Atom feed' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ schema: { type: 'string' } })
  feed(@Req() req: Request) {
    return this.publication.atom(`${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }

  @Get('decisions/:id/pdf')
  @ApiOperation({ summary: 'The PDF of a published decision (while it is published)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems('DECISION.NOT_FOUND')
  async decisionPdf(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const { pdf, sha256 } = await this.publication.pdf(id);
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    return pdfFile(pdf, `decision-${id}.pdf`, 'inline');
  }
}
