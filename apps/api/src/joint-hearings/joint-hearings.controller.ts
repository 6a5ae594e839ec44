import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, Public, Roles, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { ApiProblems } from '../common/openapi';
import { bodySchema, parseBody } from '../decisions/decision-input';
import { DecisionsModule } from '../decisions/decisions.module';
import { COMMENT_INPUT } from '../decisions/hearings.service';
import { JointHearingDraftDto } from './joint-hearings.dto';
import { JointHearingsService } from './joint-hearings.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The joint hearing version you last read' };
const VERSIONED = ['CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT'];
/** A public comment to a joint hearing: the comment of a single hearing, optionally for some of the covered permits only. */
const JOINT_COMMENT_INPUT = COMMENT_INPUT.extend({ permitIds: z.array(z.uuid()).min(1).max(20).optional() }).strict();
const OBJ = { type: 'object', additionalProperties: true } as const;

/** Joint hearings (issue 17 item 3); see JointHearingsService. */
@ApiTags('joint-hearings')
@ApiBearerAuth()
@Controller()
export class JointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @Get('cases/:id/joint-hearings')
  @ApiOperation({ summary: "The case's joint hearings (the company sees them once open)" })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('CASE.NOT_FOUND')
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.joint.list(p, id);
  }

  @Post('cases/:id/joint-hearings')
  @HttpCode(200)
  @ApiOperation({
    summary: "Add permits to the case's draft joint hearing (opened if there is none)",
    description: "A caseworker adds their own authority's permits under review (with the legal basis of each one's minimum); a coordinator opens the draft (an invitation to the case's authorities).",
  })
  @Roles('caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('CASE.NOT_FOUND', 'PERMIT.NOT_FOUND', 'DOCUMENT.NOT_FOUND', 'JOINT_HEARING.PERMIT_NOT_IN_CASE', 'JOINT_HEARING.NOT_YOUR_PERMIT', 'JOINT_HEARING.PERMIT_BUSY', 'JOINT_HEARING.PERMIT_NOT_UNDER_REVIEW', 'JOINT_HEARING.TOO_FEW_PERMITS')
  async add(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: JointHearingDraftDto, @Res({ passthrough: true }) res: Response) {
    const v = await this.joint.addPermits(p, id, dto);
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Get('joint-hearings/:id')
  @ApiOperation({ summary: 'One joint hearing: the permits it covers, each with its own minimum, and the one period (ETag = version)' })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('JOINT_HEARING.NOT_FOUND')
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const v = await this.joint.get(p, id);
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Post('joint-hearings/:id/start')
  @HttpCode(200)
  @ApiOperation({ summary: "Start: every covered permit enters its own hearing; one period whose earliest end is the longest minimum" })
  @Roles('caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('JOINT_HEARING.NOT_FOUND', 'JOINT_HEARING.WRONG_STATUS', 'JOINT_HEARING.TOO_FEW_PERMITS', 'PERMIT.EVENT_NOT_ALLOWED', ...VERSIONED)
  async start(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const v = await this.joint.start(p, id, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Post('joint-hearings/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End (not before the earliest end): every covered permit leaves its hearing' })
  @Roles('caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('JOINT_HEARING.NOT_FOUND', 'JOINT_HEARING.WRONG_STATUS', 'JOINT_HEARING.MINIMUM_NOT_REACHED', 'PERMIT.EVENT_NOT_ALLOWED', ...VERSIONED)
  async end(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const v = await this.joint.end(p, id, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }
}

/** The joint hearing's one public page (no login). */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicJointHearingsController {
  constructor(private readonly joint: JointHearingsService) {}

  @Get('joint-hearings/:id')
  @ApiOperation({ summary: 'A joint hearing: the permits it covers, one period, the proposal documents (no login)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ schema: OBJ })
  @ApiProblems('JOINT_HEARING.NOT_FOUND')
  page(@Param('id') id: string) {
    return this.joint.publicView(id);
  }

  @Post('joint-hearings/:id/comments')
  @HttpCode(201)
  @ApiOperation({ summary: "A comment to a joint hearing (no login): reaches every covered permit's hearing (or those named in permitIds), each permit's caseworker considers it" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: bodySchema(JOINT_COMMENT_INPUT) })
  @ApiCreatedResponse({ schema: OBJ, description: '{ jointHearingId, late, receivedAt, comments: [{ id, hearingId, permitId }] }' })
  @ApiProblems('JOINT_HEARING.NOT_FOUND', 'HEARING.COMMENT_REFUSED', 'HEARING.COMMENT_TOO_LARGE', 'HEARING.COMMENT_RATE_LIMITED', 'REQUEST.VALIDATION_FAILED', 'REQUEST.TOO_LARGE')
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
