import { Body, Controller, Get, Headers, HttpCode, Module, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, Roles, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { ApiProblems } from '../common/openapi';
import { BundleAnswersDto, BundleQuestionsDto } from './info-bundles.dto';
import { InfoBundlesService } from './info-bundles.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The request (bundle) version you last read' };
const VERSIONED = ['CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT'];

/** One information request across authorities (issue 17 item 2); see InfoBundlesService. */
@ApiTags('info-bundles')
@ApiBearerAuth()
@Controller()
export class InfoBundlesController {
  constructor(private readonly bundles: InfoBundlesService) {}

  @Get('cases/:id/info-bundles')
  @ApiOperation({ summary: "The case's bundled information requests (company: sent and answered ones; caseworker: drafts of the case and requests covering their permits, with their own questions)" })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiProblems('CASE.NOT_FOUND')
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.bundles.list(p, id);
  }

  @Post('cases/:id/info-bundles')
  @HttpCode(200)
  @ApiOperation({
    summary: "Bundle questions into the case's one draft request (opened if there is none)",
    description:
      'A caseworker adds questions of their own permits; a coordinator opens the draft (an invitation: every authority of the case sees it and adds its questions). ' +
      'The same question from several permits is kept once (merged); a question a permit already asked in a sent request is not asked again. Under the case lock: two caseworkers bundling at once end in one request.',
  })
  @Roles('caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Case id' })
  @ApiProblems('CASE.NOT_FOUND', 'PERMIT.NOT_FOUND', 'INFO_BUNDLE.PERMIT_NOT_IN_CASE', 'INFO_BUNDLE.NOT_YOUR_PERMIT', 'INFO_BUNDLE.PERMIT_NOT_WAITING_FOR_REVIEW', 'INFO_BUNDLE.PERMIT_ALREADY_ASKED', 'INFO_BUNDLE.DUE_DATE_INVALID', 'INFO_BUNDLE.EMPTY')
  async add(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: BundleQuestionsDto, @Res({ passthrough: true }) res: Response) {
    const v = await this.bundles.addQuestions(p, id, dto);
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Get('info-bundles/:id')
  @ApiOperation({ summary: 'One bundled information request (ETag = version)' })
  @Roles('applicant', 'caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Request id' })
  @ApiProblems('INFO_BUNDLE.NOT_FOUND')
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const v = await this.bundles.get(p, id);
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Post('info-bundles/:id/send')
  @HttpCode(200)
  @ApiOperation({ summary: "Send the draft to the company: each covered permit's own info request (its clock stops by its own rule), with the one deadline" })
  @Roles('caseworker', 'coordinator')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Request id' })
  @ApiHeader(IF_MATCH)
  @ApiProblems('INFO_BUNDLE.NOT_FOUND', 'INFO_BUNDLE.NOT_DRAFT', 'INFO_BUNDLE.EMPTY', 'INFO_BUNDLE.DUE_DATE_INVALID', 'PERMIT.EVENT_NOT_ALLOWED', ...VERSIONED)
  async send(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const v = await this.bundles.send(p, id, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }

  @Post('info-bundles/:id/answers')
  @HttpCode(200)
  @ApiOperation({ summary: "The company's one answer: every question once, with documents; each answer reaches the permits that asked it and their clocks resume" })
  @Roles('applicant')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Request id' })
  @ApiHeader(IF_MATCH)
  @ApiProblems('INFO_BUNDLE.NOT_FOUND', 'INFO_BUNDLE.NOT_SENT', 'INFO_BUNDLE.ANSWERS_INCOMPLETE', 'DOCUMENT.NOT_FOUND', 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'PERMIT.EVENT_NOT_ALLOWED', ...VERSIONED)
  async answer(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: BundleAnswersDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const v = await this.bundles.answer(p, id, parseIfMatch(ifMatch), dto);
    res.setHeader('ETag', `"${v.version}"`);
    return v;
  }
}

@Module({ controllers: [InfoBundlesController], imports: [AccessModule, CaseEngineModule, CasesModule], providers: [InfoBundlesService] })
export class InfoBundlesModule {}
