import { Body, Headers, Module, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CaseEngineModule, parseIfMatch } from '@rl/case-engine';
import { AccessModule } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { BearerController } from '../common/bearer-controller';
import { CaseEndpoint, CaseRead, IfMatch, readOf, scopedEndpoint, uuidParam, withETag } from '../common/endpoint';
import { BundleAnswersDto, BundleQuestionsDto, InfoBundleDto, InfoBundleListDto } from './info-bundles.dto';
import { InfoBundlesService } from './info-bundles.service';

const IF_MATCH = 'The request (bundle) version you last read';
const BundleEndpoint = scopedEndpoint({ param: uuidParam('id', 'Request id'), notFound: 'INFO_BUNDLE.NOT_FOUND' });
const BundleRead = readOf(BundleEndpoint);

/** One information request across authorities (issue 17 item 2); see InfoBundlesService. */
@BearerController('info-bundles')
export class InfoBundlesController {
  constructor(private readonly bundles: InfoBundlesService) {}

  @CaseRead('cases/:id/info-bundles', "The case's bundled information requests (company: sent and answered ones; caseworker: drafts of the case and requests covering their permits, with their own questions)", {
    ok: { type: InfoBundleListDto, description: 'The requests the caller may see, oldest first' },
  })
  list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.bundles.list(p, id);
  }

  @CaseEndpoint('POST', 'cases/:id/info-bundles', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Bundle questions into the case's one draft request (opened if there is none)",
    description:
      'A caseworker adds questions of their own permits; a coordinator opens the draft (an invitation: every authority of the case sees it and adds its questions). ' +
      'The same question from several permits is kept once (merged); a question a permit already asked in a sent request is not asked again. Under the case lock: two caseworkers bundling at once end in one request.',
    problems: [
      'PERMIT.NOT_FOUND',
      'INFO_BUNDLE.PERMIT_NOT_IN_CASE',
      'INFO_BUNDLE.NOT_YOUR_PERMIT',
      'INFO_BUNDLE.PERMIT_NOT_WAITING_FOR_REVIEW',
      'INFO_BUNDLE.PERMIT_ALREADY_ASKED',
      'INFO_BUNDLE.DUE_DATE_INVALID',
      'INFO_BUNDLE.EMPTY',
    ],
    ok: { type: InfoBundleDto, description: 'The draft with the questions added (or, when every question was already asked in a sent request, that request as it is)' },
  })
  async add(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: BundleQuestionsDto, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.bundles.addQuestions(p, id, dto));
  }

  @BundleRead('info-bundles/:id', 'One bundled information request (ETag = version)', { ok: { type: InfoBundleDto, description: 'The request' } })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.bundles.get(p, id));
  }

  @BundleEndpoint('POST', 'info-bundles/:id/send', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: "Send the draft to the company: each covered permit's own info request (its clock stops by its own rule), with the one deadline",
    ifMatch: IF_MATCH,
    ok: { type: InfoBundleDto, description: 'The request, now sent' },
    problems: ['INFO_BUNDLE.NOT_DRAFT', 'INFO_BUNDLE.EMPTY', 'INFO_BUNDLE.DUE_DATE_INVALID', 'PERMIT.EVENT_NOT_ALLOWED'],
  })
  async send(@CurrentPrincipal() p: Principal, @Param('id') id: string, @IfMatch() version: number, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.bundles.send(p, id, version));
  }

  @BundleEndpoint('POST', 'info-bundles/:id/answers', {
    code: 200,
    roles: ['applicant'],
    summary: "The company's one answer: every question once, with documents; each answer reaches the permits that asked it and their clocks resume",
    ifMatch: IF_MATCH,
    ok: { type: InfoBundleDto, description: 'The request, now answered' },
    problems: ['INFO_BUNDLE.NOT_SENT', 'INFO_BUNDLE.ANSWERS_INCOMPLETE', 'DOCUMENT.NOT_FOUND', 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'PERMIT.EVENT_NOT_ALLOWED'],
  })
  async answer(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: BundleAnswersDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.bundles.answer(p, id, parseIfMatch(ifMatch), dto));
  }
}

@Module({ controllers: [InfoBundlesController], imports: [AccessModule, CaseEngineModule, CasesModule], providers: [InfoBundlesService] })
export class InfoBundlesModule {}
