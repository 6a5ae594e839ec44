import { parseIfMatch, PermitHostService } from '@rl/case-engine';
import { Body, Controller, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { BearerController } from '../common/bearer-controller';
import { CaseEndpoint, CaseRead, askedVersion, CatalogueVersionRead, Endpoint, withETag, uuidParam } from '../common/endpoint';
import { ApiError } from '../common/problem';
import { z } from 'zod';
import { rawJsonBody } from '../common/raw-json-body';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { getCatalog, listCatalogVersions } from '@rl/permits-catalog';
import { AccessService, withinProxyRole } from '../access';
import { CurrentPrincipal, Public, type Principal } from '../auth';
import type { Role } from '@rl/permits-machines';
import { CaseService } from './case.service';
import { AcceptUnknownsDto, CaseDto, CasePageDto, CreateCaseDto, ListCasesQueryDto, PermitDto, TimelineQueryDto } from './cases.dto';
import { ScreeningResultDto } from './screening.dto';
import { PermitCatalogueDto } from './catalogue.dto';
import { TimelinePageDto } from './timeline.dto';
import { CASE_EVENT_BODY, PERMIT_EVENT_BODY } from './event-schemas';
import { parseCaseEvent, parsePermitEvent } from './event-payloads';
import { CLOCK, type Clock } from '@rl/server-infra';
import { claimForAction, splitTakeOver } from '../tasks/claim-on-act';

const APPLICATION_BODY = z.object({ shared: z.record(z.string(), z.unknown()), sections: z.record(z.string(), z.unknown()) }).strict();

/** The optional `application` of POST /cases: {shared, sections} objects, else 400 like any malformed field. */
function parseApplicationBody(v: unknown): { shared: Record<string, unknown>; sections: Record<string, unknown> } | undefined {
  if (v === undefined) return undefined;
  const r = APPLICATION_BODY.safeParse(v);
  if (!r.success) throw new ApiError('REQUEST.VALIDATION_FAILED', 'application must be {shared: object, sections: object}.', { field: 'application' });
  return r.data;
}

@ApiTags('catalogue')
@Controller()
export class CatalogueController {
  /** The permit catalogue (current version, or ?version=2025.1). */
  @Public()
  @CatalogueVersionRead('permit-types', 'The permit catalogue (current version, or ?version=2025.1)', {
    version: 'Catalogue version, e.g. 2025.1 (as published) or 2025.2 (default: the current one). The answer lists `changes` from the previous version (legalCorrection / newCasesOnly).',
    ok: { type: PermitCatalogueDto, description: 'The catalogue version with its permit types and its changes from the previous version' },
  })
  permitTypes(@Query('version') version?: string) {
    const catalog = getCatalog(askedVersion(version));
    // `changes`: what this version changed from the previous one, each a legal correction (applied
    // to running permits by the audited upgrade) or for new cases only (issue 13 item 13).
    return { version: catalog.version, validFrom: catalog.validFrom, validTo: catalog.validTo, publishedOn: catalog.publishedOn ?? null, versions: listCatalogVersions().map((v) => v.version), permitTypes: catalog.permitTypes, changes: catalog.changes ?? [] };
  }

  /** Which permits does the project need, why, who decides, in which order (no case created). */
  @Public()
  @Endpoint('POST', 'screening', {
    code: 200,
    summary: 'Screen project facts: which permits, why, who decides, in which order (no case created)',
    body: { type: 'object', additionalProperties: true, example: { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, newBuildingOrExtension: true } },
    ok: { type: ScreeningResultDto },
    problems: ['SCREENING.INVALID_FACTS'],
  })
  screening(@Body() body: unknown, @Req() req: Request) {
    // Accept the facts directly or wrapped as {facts}.
    const sent = rawJsonBody(req) ?? body;
    const b = sent as Record<string, unknown> | null;
    const facts = b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 1 && b.facts && typeof b.facts === 'object' ? b.facts : sent;
    return this.cases.preview(facts);
  }

  constructor(private readonly cases: CaseService) {}
}

@BearerController('cases', 'cases')
export class CasesController {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
  ) {}

  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key + same body replays the first response; same key + other body → 422' })
  @ApiHeader({
    name: 'X-Acting-For',
    required: false,
    description: "Organisation id of the company the case is for, when you act under its fuldmagt for all its cases (role prepare or submit); default: your own organisation",
  })
  @Endpoint('POST', '/', {
    roles: ['applicant'],
    summary: "Create a draft case for the applicant's organisation from the project facts",
    created: { type: CaseDto },
    problems: [
      'SCREENING.INVALID_FACTS',
      'CASE.NO_APPLICABLE_PERMITS',
      'CASE.AUTHORITY_NOT_ONBOARDED',
      'APPLICATION.INVALID',
      'IDEMPOTENCY.KEY_INVALID',
      'IDEMPOTENCY.KEY_REUSED',
      'PROXY.GRANT_NOT_FOUND',
      'ACCESS.PROXY_ROLE_INSUFFICIENT',
    ],
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-acting-for') actingFor: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The facts are screened as the client sent them — the copy taken before ValidationPipe
    // deleted `__proto__`/`prototype`/`constructor` keys in place — so POST /cases refuses exactly
    // what POST /screening refuses (issue 13 item 18; see common/raw-json-body.ts).
    const rawFacts = (rawJsonBody(req) as { facts?: unknown } | undefined)?.facts;
    const application = parseApplicationBody(dto.application);
    // A consultant creates the case for the company whose fuldmagt they hold (issue 14 point 6).
    const forCompany = actingFor ? await this.access.actingPrincipal(principal, actingFor.trim()) : principal;
    const r = await this.cases.create(forCompany, { title: dto.title, description: dto.description, facts: rawFacts ?? dto.facts, application }, key);
    res.status(r.status);
    res.setHeader('Location', `/api/v1/cases/${(r.body as { id: string }).id}`);
    withETag(res, r.body as { version: number });
    if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return r.body;
  }

  @Endpoint('GET', '/', { roles: ['applicant', 'caseworker', 'coordinator'], summary: 'Cases visible to the caller (paginated, filter by state, risk, text)', ok: { type: CasePageDto } })
  list(@CurrentPrincipal() principal: Principal, @Query() q: ListCasesQueryDto) {
    return this.cases.list(principal, q);
  }

  @CaseRead(':id', 'One case with its permits, clocks and the events the caller may send (ETag = version)', { ok: { type: CaseDto } })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const c = withETag(res, await this.cases.detail(principal, id));
    // A fuldmægtig is offered only what their role covers (read: nothing; prepare: no filing).
    const role = await this.access.proxyRoleOn(principal, c.id, c.organisation.id);
    if (role === null) return c;
    return { ...c, allowedEvents: withinProxyRole(c.allowedEvents, role), permits: c.permits.map((p) => ('allowedEvents' in p ? { ...p, allowedEvents: withinProxyRole(p.allowedEvents, role) } : p)) };
  }

  @ApiBody({ schema: CASE_EVENT_BODY, examples: { submit: { value: { type: 'case.submitted' } }, withdraw: { value: { type: 'case.withdrawn', reason: 'Project cancelled' } } } })
  @CaseEndpoint('POST', ':id/events', {
    code: 200,
    roles: ['applicant', 'coordinator'],
    summary: 'Send a case event (submit, withdraw), with If-Match',
    ifMatch: 'The case version you last read',
    ok: { type: CaseDto },
    problems: ['CASE.EVENT_NOT_ALLOWED', 'CASE.NO_APPLICABLE_PERMITS', 'CASE.UNSETTLED_FACTS', 'ACCESS.APPLICANT_ACTION_FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT'],
  })
  async event(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCaseVisible(principal, id);
    const version = parseIfMatch(ifMatch);
    const { type, payload } = parseCaseEvent(body);
    this.access.assertMayAct(principal, type);
    const result = await this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [id]);
      // A fuldmægtig's role decides (read/prepare may not file), checked under the case lock.
      await this.access.assertMayActOnCase(principal, id, type, m);
      if (type === 'case.submitted') {
        await this.cases.assertHasPermits(m, id);
        // "Don't know" answers that leave permits open block submission (issue 13 item 15).
        await this.cases.assertSettled(m, id);
      }
      await this.host.sendCaseEvent(m, id, version, type as never, payload, { userId: principal.userId, role: principal.role as Role });
      return this.cases.detail(principal, id, m);
    });
    return withETag(res, result);
  }

  @ApiBody({ type: AcceptUnknownsDto })
  @CaseEndpoint('POST', ':id/unknowns/accept', {
    code: 200,
    roles: ['coordinator'],
    summary: 'Coordinator accepts the open "don\'t know" answers of a draft case so it may be submitted with its possible permits unsettled (audited: case.unknownsAccepted), with If-Match',
    ifMatch: 'The case version you last read',
    ok: { type: CaseDto },
    problems: ['CASE.EVENT_NOT_ALLOWED'],
  })
  async acceptUnknowns(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() dto: AcceptUnknownsDto, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    await this.access.assertCaseVisible(principal, id);
    const version = parseIfMatch(ifMatch);
    const result = await this.ds.transaction(async (m) => {
      await m.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [id]);
      const [c] = await m.query(`SELECT state FROM cases WHERE id = $1`, [id]);
      const s = await this.cases.settlement(m, id);
      if (c.state !== 'draft' || s.possiblePermits.length === 0 || s.acceptedAt !== null) {
        throw new ApiError('CASE.EVENT_NOT_ALLOWED', 'Only a draft case with open "don\'t know" answers not yet accepted can be accepted.');
      }
      await this.host.acceptUnknowns(m, id, version, { userId: principal.userId, role: 'coordinator' }, { reason: dto.reason, unsettledFacts: s.unsettledFacts, possiblePermits: s.possiblePermits.map((p) => p.code) });
      return this.cases.detail(principal, id, m);
    });
    return withETag(res, result);
  }

  @CaseRead(':id/timeline', 'Audit timeline of a case, oldest first (paginated)', { ok: { type: TimelinePageDto, description: "A page of the entries the caller may see (a caseworker: case-level entries and those of their own authority's permits)" } })
  timeline(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() q: TimelineQueryDto) {
    return this.cases.timeline(principal, id, q.page, q.pageSize);
  }
}

@BearerController('permits', 'permits')
export class PermitsController {
  constructor(
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Endpoint('GET', ':id', {
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: 'One permit with its clocks and the events the caller may send (ETag = version)',
    params: [uuidParam('id', 'Permit id')],
    ok: { type: PermitDto },
    problems: ['PERMIT.NOT_FOUND'],
  })
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const p = withETag(res, await this.cases.permitDetail(principal, id));
    const role = await this.access.proxyRoleOn(principal, p.caseId);
    return role === null ? p : { ...p, allowedEvents: withinProxyRole(p.allowedEvents, role) };
  }

  @ApiBody({
    schema: PERMIT_EVENT_BODY,
    examples: {
      infoRequested: { value: { type: 'authority.infoRequested', question: 'Send the noise report', dueOn: '2026-12-15' } },
      decision: { value: { type: 'authority.decisionIssued', outcome: 'grantedWithConditions', conditions: ['Noise ≤ 45 dB(A) at night'], reason: 'Meets BAT' } },
    },
  })
  @Endpoint('POST', ':id/events', {
    code: 200,
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: 'Send a permit event (one workflow transition), with If-Match',
    params: [uuidParam('id', 'Permit id')],
    ifMatch: 'The permit version you last read',
    ok: { type: PermitDto },
    problems: [
      'PERMIT.NOT_FOUND',
      'PERMIT.EVENT_NOT_ALLOWED',
      'PERMIT.SNAPSHOT_VERSION_UNSUPPORTED',
      'ACCESS.APPLICANT_ACTION_FORBIDDEN',
      'DOCUMENT.NOT_FOUND',
      'TASK.ASSIGNED_TO_COLLEAGUE',
      'JOINT_HEARING.END_THROUGH_JOINT_HEARING',
      'REFERRAL.OPEN',
    ],
  })
  async event(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const result = await this.ds.transaction(async (m) => {
      // 404 for a permit the principal may not see; then transitions of one case are serialised
      // (dependants and the case change with them); a caseworker's open task is read and locked
      // for the claim below. One statement for all three.
      const { caseId, organisationId, task } = await this.access.lockPermitForEvent(principal, id, m);
      const version = parseIfMatch(ifMatch);
      const split = splitTakeOver(body);
      const { type, payload } = parsePermitEvent(split.body);
      await this.access.assertMayActOnCase(principal, caseId, type, m, organisationId);
      // Acting claims the task (or, with takeOver: true, takes it over from a colleague; audited).
      await claimForAction(m, principal, id, split.takeOver, this.clock.now(), task);
      if (type === 'applicant.infoProvided' || type === 'authority.hearingStarted') await this.cases.assertDocumentsOfCase(m, caseId, (payload.documentIds as string[] | undefined) ?? []);
      // Issue 17: a permit in an open joint hearing leaves it only with the joint hearing (its one period).
      if (type === 'authority.hearingEnded') await this.cases.assertNotInOpenJointHearing(m, id);
      if (type === 'authority.decisionIssued') await this.cases.assertNoOpenReferral(m, id);
      const updated = await this.host.sendPermitEvent(m, id, version, type, payload, { userId: principal.userId, role: principal.role as Role });
      return this.cases.transitionedPermitView(principal, updated);
    });
    return withETag(res, result);
  }

  @Endpoint('POST', ':id/reapplication', {
    code: 201,
    roles: ['applicant'],
    summary: 'File a new application for a refused or overturned permit (issue 13 item 1), with If-Match',
    description:
      'Creates a new permit of the same type in the same case, linked to this one (`replacesPermitId`); this one is kept as history (`supersededBy`). ' +
      'Dependants follow the new permit. Only for a final permit whose outcome is refused (a refusal, or a grant overturned on appeal) that was not replaced yet.',
    params: [uuidParam('id', 'The refused or overturned permit')],
    ifMatch: 'The version of the refused permit you last read',
    created: { type: PermitDto, description: 'The new permit' },
    problems: ['PERMIT.NOT_FOUND', 'PERMIT.REAPPLICATION_NOT_ALLOWED', 'ACCESS.PROXY_ROLE_INSUFFICIENT'],
  })
  async reapply(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) res: Response) {
    const newId = await this.ds.transaction(async (m) => {
      const { caseId, organisationId } = await this.access.assertPermitVisible(principal, id, m, true);
      await this.access.assertMayActOnCase(principal, caseId, 'permit.reapplied', m, organisationId);
      const version = parseIfMatch(ifMatch);
      return this.host.reapply(m, id, version, { userId: principal.userId, role: principal.role as Role });
    });
    const created = withETag(res, await this.cases.permitDetail(principal, newId, this.ds.manager, true));
    res.setHeader('Location', `/api/v1/permits/${newId}`);
    return created;
  }
}
