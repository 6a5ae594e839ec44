import { Body, Module, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CaseEngineModule } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { BearerController } from '../common/bearer-controller';
import { CaseEndpoint, CaseRead, IfMatch, PublicPages, readOf, scopedEndpoint, withETag } from '../common/endpoint';
import { bodySchema, parseBody } from '../decisions/decision-input';
import { DecisionsModule } from '../decisions/decisions.module';
import { COMMENT_INPUT, COMMENT_PROBLEMS } from '../decisions/hearings.service';
import { JointHearingCommentReceiptDto, JointHearingDraftDto, JointHearingDto, JointHearingListDto, PublicJointHearingDto } from './joint-hearings.dto';
import { JointHearingsService } from './joint-hearings.service';

const JointHearingEndpoint = scopedEndpoint({ param: 'id', notFound: 'JOINT_HEARING.NOT_FOUND' });
const JointHearingRead = readOf(JointHearingEndpoint);
/** Start or end: every covered permit moves with the joint hearing (If-Match: its version). */
const Transition = (action: 'start' | 'end', summary: string, problem: string) =>
  JointHearingEndpoint('POST', `joint-hearings/:id/${action}`, {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary,
    ifMatch: 'The joint hearing version you last read',
    ok: { type: JointHearingDto },
    problems: ['JOINT_HEARING.WRONG_STATUS', problem, 'PERMIT.EVENT_NOT_ALLOWED'],
  });

/** A public comment to a joint hearing: the comment of a single hearing, optionally for some of the covered permits only. */
const JOINT_COMMENT_INPUT = COMMENT_INPUT.extend({ permitIds: z.array(z.uuid()).min(1).max(20).optional() }).strict();

/** Joint hearings (issue 17 item 3); see JointHearingsService. */
@BearerController('joint-hearings')
export class JointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @CaseRead('cases/:id/joint-hearings', "The case's joint hearings (the company sees them once open)", { ok: { type: JointHearingListDto } })
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.joint.list(p, id);
  }

  @CaseEndpoint('POST', 'cases/:id/joint-hearings', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Add permits to the case's draft joint hearing (opened if there is none)",
    description: "A caseworker adds their own authority's permits under review (with the legal basis of each one's minimum); a coordinator opens the draft (an invitation to the case's authorities).",
    ok: { type: JointHearingDto },
    problems: [
      'PERMIT.NOT_FOUND',
      'DOCUMENT.NOT_FOUND',
      'JOINT_HEARING.PERMIT_NOT_IN_CASE',
      'JOINT_HEARING.NOT_YOUR_PERMIT',
      'JOINT_HEARING.PERMIT_BUSY',
      'JOINT_HEARING.PERMIT_NOT_UNDER_REVIEW',
      'JOINT_HEARING.TOO_FEW_PERMITS',
    ],
  })
  async add(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: JointHearingDraftDto, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.addPermits(p, id, dto));
  }

  @JointHearingRead('joint-hearings/:id', 'One joint hearing: the permits it covers, each with its own minimum, and the one period (ETag = version)', { ok: { type: JointHearingDto } })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.get(p, id));
  }

  @Transition('start', 'Start: every covered permit enters its own hearing; one period whose earliest end is the longest minimum', 'JOINT_HEARING.TOO_FEW_PERMITS')
  async start(@CurrentPrincipal() p: Principal, @Param('id') id: string, @IfMatch() version: number, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.start(p, id, version));
  }

  @Transition('end', 'End (not before the earliest end): every covered permit leaves its hearing', 'JOINT_HEARING.MINIMUM_NOT_REACHED')
  async end(@CurrentPrincipal() p: Principal, @Param('id') id: string, @IfMatch() version: number, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.end(p, id, version));
  }
}

/** The joint hearing's one public page (no login). */
@PublicPages()
export class PublicJointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @JointHearingEndpoint('GET', 'joint-hearings/:id', {
    summary: 'A joint hearing: the permits it covers, one period, the proposal documents (no login)',
    ok: { type: PublicJointHearingDto },
  })
  page(@Param('id') id: string) {
    return this.joint.publicView(id);
  }

  @JointHearingEndpoint('POST', 'joint-hearings/:id/comments', {
    code: 201,
    summary: "A comment to a joint hearing (no login): reaches every covered permit's hearing (or those named in permitIds), each permit's caseworker considers it",
    body: bodySchema(JOINT_COMMENT_INPUT),
    created: { type: JointHearingCommentReceiptDto, description: "One comment row per covered permit's hearing it reached" },
    problems: COMMENT_PROBLEMS,
  })
  comment(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { permitIds, ...input } = parseBody(JOINT_COMMENT_INPUT, body);
    return this.joint.comment(id, req.ip, input, permitIds);
  }
}

@Module({
  controllers: [JointHearingsController, PublicJointHearingsController],
  imports: [AccessModule, CaseEngineModule, CasesModule, DecisionsModule],
  providers: [JointHearingsService],
  exports: [JointHearingsService],
})
export class JointHearingsModule {}
