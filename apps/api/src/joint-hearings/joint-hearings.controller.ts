import { Body, Controller, Headers, Module, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, Public, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { Endpoint, withETag, OBJ, uuidParam } from '../common/endpoint';
import { bodySchema, parseBody } from '../decisions/decision-input';
import { DecisionsModule } from '../decisions/decisions.module';
import { COMMENT_INPUT, COMMENT_PROBLEMS } from '../decisions/hearings.service';
import { JointHearingDraftDto } from './joint-hearings.dto';
import { JointHearingsService } from './joint-hearings.service';

const IF_MATCH = 'The joint hearing version you last read';
/** A public comment to a joint hearing: the comment of a single hearing, optionally for some of the covered permits only. */
const JOINT_COMMENT_INPUT = COMMENT_INPUT.extend({ permitIds: z.array(z.uuid()).min(1).max(20).optional() }).strict();

/** Joint hearings (issue 17 item 3); see JointHearingsService. */
@ApiTags('joint-hearings')
@ApiBearerAuth()
@Controller()
export class JointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @Endpoint('GET', 'cases/:id/joint-hearings', {
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: "The case's joint hearings (the company sees them once open)",
    params: [uuidParam('id', 'Case id')],
    ok: { schema: OBJ },
    problems: ['CASE.NOT_FOUND'],
  })
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.joint.list(p, id);
  }

  @Endpoint('POST', 'cases/:id/joint-hearings', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Add permits to the case's draft joint hearing (opened if there is none)",
    description: "A caseworker adds their own authority's permits under review (with the legal basis of each one's minimum); a coordinator opens the draft (an invitation to the case's authorities).",
    params: [uuidParam('id', 'Case id')],
    ok: { schema: OBJ },
    problems: [
      'CASE.NOT_FOUND',
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

  @Endpoint('GET', 'joint-hearings/:id', {
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: 'One joint hearing: the permits it covers, each with its own minimum, and the one period (ETag = version)',
    params: ['id'],
    ok: { schema: OBJ },
    problems: ['JOINT_HEARING.NOT_FOUND'],
  })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.get(p, id));
  }

  @Endpoint('POST', 'joint-hearings/:id/start', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Start: every covered permit enters its own hearing; one period whose earliest end is the longest minimum",
    params: ['id'],
    ifMatch: IF_MATCH,
    ok: { schema: OBJ },
    problems: ['JOINT_HEARING.NOT_FOUND', 'JOINT_HEARING.WRONG_STATUS', 'JOINT_HEARING.TOO_FEW_PERMITS', 'PERMIT.EVENT_NOT_ALLOWED'],
  })
  async start(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.start(p, id, parseIfMatch(ifMatch)));
  }

  @Endpoint('POST', 'joint-hearings/:id/end', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: 'End (not before the earliest end): every covered permit leaves its hearing',
    params: ['id'],
    ifMatch: IF_MATCH,
    ok: { schema: OBJ },
    problems: ['JOINT_HEARING.NOT_FOUND', 'JOINT_HEARING.WRONG_STATUS', 'JOINT_HEARING.MINIMUM_NOT_REACHED', 'PERMIT.EVENT_NOT_ALLOWED'],
  })
  async end(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.joint.end(p, id, parseIfMatch(ifMatch)));
  }
}

/** The joint hearing's one public page (no login). */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicJointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @Endpoint('GET', 'joint-hearings/:id', {
    summary: 'A joint hearing: the permits it covers, one period, the proposal documents (no login)',
    params: ['id'],
    ok: { schema: OBJ },
    problems: ['JOINT_HEARING.NOT_FOUND'],
  })
  page(@Param('id') id: string) {
    return this.joint.publicView(id);
  }

  @Endpoint('POST', 'joint-hearings/:id/comments', {
    code: 201,
    summary: "A comment to a joint hearing (no login): reaches every covered permit's hearing (or those named in permitIds), each permit's caseworker considers it",
    params: ['id'],
    body: bodySchema(JOINT_COMMENT_INPUT),
    created: { schema: OBJ, description: '{ jointHearingId, late, receivedAt, comments: [{ id, hearingId, permitId }] }' },
    problems: ['JOINT_HEARING.NOT_FOUND', ...COMMENT_PROBLEMS],
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
