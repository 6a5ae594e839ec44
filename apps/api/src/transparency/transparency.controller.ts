import { Module, Param } from '@nestjs/common';
import { AccessModule } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { CaseEndpoint, Endpoint, PublicPages } from '../common/endpoint';
import { StatisticsService } from '../statistics/statistics.service';
import { PublicCaseDto } from './public-case.dto';
import { STATISTICS_OPENAPI_SCHEMA } from './statistics-openapi';
import { PublicCaseListDto, PublicationConsentDto } from './transparency.dto';
import { TransparencyService } from './transparency.service';

/** The company gives or revokes its consent (its own case only: 403 for anyone else). */
const ConsentChange = (method: 'PUT' | 'DELETE', summary: string) =>
  CaseEndpoint(method, '/', { code: 200, roles: ['applicant'], summary, ok: { type: PublicationConsentDto }, problems: ['AUTH.FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT'] });

/** The company's consent to a public page of its case (issue 16 item 5). */
@BearerController('transparency', 'cases/:id/publication')
export class PublicationConsentController {
  constructor(private readonly transparency: TransparencyService) {}

  @CaseEndpoint('GET', '/', {
    roles: ['applicant', 'coordinator'],
    summary: "Whether the case has a public page: the company's consent in force and its history (the company and coordinators)",
    ok: { type: PublicationConsentDto },
  })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.transparency.consent(p, id);
  }

  @ConsentChange('PUT', 'The company consents to a public page of the case (recorded and audited; idempotent)')
  give(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.transparency.setConsent(p, id, true);
  }

  @ConsentChange('DELETE', 'The company revokes its consent: the public page answers 404 from now on (recorded and audited; idempotent)')
  revoke(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.transparency.setConsent(p, id, false);
  }
}

/** Public pages (no login): published cases and the aggregate statistics (issue 16 item 5). */
@PublicPages()
export class PublicTransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Endpoint('GET', 'cases', { summary: 'Cases whose company consented to a public page (no login)', ok: { type: PublicCaseListDto } })
  list() {
    return this.transparency.list();
  }

  @Endpoint('GET', 'cases/:reference', {
    summary:
      "A published case (no login): company name and CVR, permits with authority, step, planned (baseline and current) and actual dates, missed dates with the authority's explanation, reasons of plan changes. 404 without the company's consent",
    params: [{ name: 'reference', example: 'RL-2027-000001' }],
    ok: { type: PublicCaseDto },
    problems: ['CASE.NOT_FOUND'],
  })
  one(@Param('reference') reference: string) {
    return this.transparency.publicCase(reference);
  }

  @Endpoint('GET', 'statistics', { summary: 'The aggregate L 206 processing-time statistics (schema rl-l206-statistics/1, docs/statistics.md), no login', ok: { schema: STATISTICS_OPENAPI_SCHEMA } })
  statistics() {
    return this.transparency.statistics();
  }
}

@Module({ imports: [AccessModule], controllers: [PublicationConsentController, PublicTransparencyController], providers: [TransparencyService, StatisticsService] })
export class TransparencyModule {}
