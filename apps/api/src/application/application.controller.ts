import { Body, Headers, Module, Param, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { parseIfMatch } from '@rl/case-engine';
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, getApplicationForm } from '@rl/permits-catalog';
import { AccessModule } from '../access';
import { CurrentPrincipal, Public, type Principal } from '../auth';
import { CasesModule } from '../cases/cases.module';
import { BearerController } from '../common/bearer-controller';
import { ApiError } from '../common/problem';
import { askedVersion, CatalogueVersionRead, PermitEndpoint, PermitRead, readOf, scopedEndpoint, withETag } from '../common/endpoint';
import { ApplicationFormDto } from './application-form.dto';
import { ApplicationCheckDto, ApplicationDto, ChangeFactsDto, FactsChangeResultDto, MarkSeenDto, PermitApplicationDto, SaveApplicationDto } from './application.dto';
import { ApplicationService } from './application.service';
import { FactsService } from './facts.service';
import { PermitApplicationService } from './permit-application.service';

/** An operation on a case's application (404 CASE.NOT_FOUND for a case the caller may not see). */
const ApplicationEndpoint = scopedEndpoint({ param: 'id', notFound: 'CASE.NOT_FOUND' });
const ApplicationRead = readOf(ApplicationEndpoint);
const CONFIRM = z.object({ added: z.array(z.string().max(60)).max(100), dropped: z.array(z.string().max(60)).max(100) }).strict();

@BearerController('application')
export class ApplicationController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly facts: FactsService,
    private readonly permitApplications: PermitApplicationService,
  ) {}

  @Public()
  @CatalogueVersionRead('application-form', 'The application form of a catalogue version: JSON Schema of the shared part and of each permit section, required documents, completeness periods, document types', {
    version: 'Catalogue version (default: the current one)',
    ok: { type: ApplicationFormDto, description: 'The form of the catalogue version' },
  })
  form(@Query('version') version?: string) {
    const form = getApplicationForm(askedVersion(version));
    return { ...form, documentTypes: DOCUMENT_TYPES.map((code) => ({ code, ...DOCUMENT_TYPE_LABELS[code] })) };
  }

  @ApplicationRead('cases/:id/application', "The case's application (ETag = application version): the shared part, the facts, and the sections of the permits the caller may see", { ok: { type: ApplicationDto } })
  async get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return withETag(res, await this.applications.get(p, id));
  }

  @ApplicationEndpoint('PUT', 'cases/:id/application', {
    roles: ['applicant'],
    summary: 'Save the application (draft; a new version). Schema violations: 422 listing every failing field as a JSON Pointer, nothing saved',
    ifMatch: 'The application version you last read',
    ok: { type: ApplicationDto },
    problems: ['APPLICATION.INVALID', 'ACCESS.PROXY_ROLE_INSUFFICIENT'],
  })
  async save(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: SaveApplicationDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const version = parseIfMatch(ifMatch);
    return withETag(res, await this.applications.save(p, id, version, { shared: dto.shared, sections: dto.sections }));
  }

  @ApplicationRead('cases/:id/application/check', 'Pre-submission check: per permit, the missing fields and required documents with the rule that asks for each (empty = green)', { ok: { type: ApplicationCheckDto } })
  check(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.applications.check(p, id);
  }

  @ApplicationEndpoint('PUT', 'cases/:id/application/facts', {
    roles: ['applicant'],
    summary: 'Edit the screening facts: screening runs again; a changed permit set needs `confirm` (409 lists the change), then permits are added and withdrawn, audited',
    ifMatch: 'The application version you last read',
    ok: { type: FactsChangeResultDto, description: 'The permit-set change, the ceiling and the new application version (ETag = application version)' },
    problems: [
      'CASE.EVENT_NOT_ALLOWED',
      'CASE.NO_APPLICABLE_PERMITS',
      'CASE.AUTHORITY_NOT_ONBOARDED',
      'SCREENING.INVALID_FACTS',
      'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED',
      'ACCESS.PROXY_ROLE_INSUFFICIENT',
    ],
  })
  async changeFacts(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ChangeFactsDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const version = parseIfMatch(ifMatch);
    const confirm = dto.confirm === undefined ? undefined : CONFIRM.safeParse(dto.confirm);
    if (confirm && !confirm.success) throw new ApiError('REQUEST.VALIDATION_FAILED', 'confirm must be {added: string[], dropped: string[]}.', { field: 'confirm' });
    const result = await this.facts.change(p, id, version, { facts: dto.facts, confirm: confirm?.data });
    withETag(res, result.application);
    return result;
  }

  @PermitRead('permits/:id/application', "What the authority decides on: shared part, this permit's section and form, its documents, every information request with its answer, and what changed since the caller last looked", { ok: { type: PermitApplicationDto } })
  permitApplication(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.permitApplications.view(p, id);
  }

  @ApiNoContentResponse()
  @PermitEndpoint('POST', 'permits/:id/application/seen', {
    code: 204,
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: 'Mark the application version as looked at (the next view shows what changed since)',
  })
  async seen(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: MarkSeenDto): Promise<void> {
    await this.permitApplications.markSeen(p, id, dto.version);
  }
}

@Module({
  controllers: [ApplicationController],
  imports: [AccessModule, CasesModule],
  providers: [ApplicationService, FactsService, PermitApplicationService],
})
export class ApplicationModule {}
