import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { addDuration, toCopenhagenDate } from '@rl/clocks';
import { CALENDAR, CrossAuthorityHostService, loadAuthority, loadTransition, VersionConflictError, type AuthorityWithCaseworkers } from '@rl/case-engine';
import { queryRows, sql, type Sql } from '@rl/db';
import { getMunicipality, getPermitType, isMunicipalityCode, referralRulesFor, referralTargetCode, REFERRAL_RULES, type ReferralRule } from '@rl/permits-catalog';
import { restorePermitSnapshot } from '@rl/permits-machines';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { CLOSED_PERMIT_STATES } from '../common/closed-permit-states';
import { ApiError } from '../common/problem';
import { documentFilter, DocumentNotFoundError } from '../documents';
import { UUID } from '../common/uuid';
import { authorityNames } from '../common/row-columns';

export const REFERRAL_ROW = z.object({
  id: z.string(),
  case_id: z.string(),
  permit_id: z.string(),
  permit_code: z.string(),
  case_reference: z.string(),
  case_title: z.string(),
  from_authority_id: z.string(),
  from_authority_code: z.string(),
  from_authority_name_da: z.string(),
  from_authority_name_en: z.string(),
  to_authority_id: z.string(),
  to_authority_code: z.string(),
  to_authority_name_da: z.string(),
  to_authority_name_en: z.string(),
  kind: z.enum(['opinion', 'consent']),
  rule_id: z.string().nullable(),
  question: z.string(),
  shared_part: z.boolean(),
  document_ids: z.array(z.string()),
  due_on: z.string(),
  stops_clock: z.boolean(),
  status: z.enum(['open', 'answered', 'proceeded']),
  requested_at: z.date(),
  answer_text: z.string().nullable(),
  answer_document_ids: z.array(z.string()),
  answer_consent: z.enum(['given', 'refused']).nullable(),
  answered_at: z.date().nullable(),
  answered_late: z.boolean().nullable(),
  proceeded_at: z.date().nullable(),
  proceed_note: z.string().nullable(),
  version: z.number().int(),
});
export type ReferralRow = z.infer<typeof REFERRAL_ROW>;

const SELECT = sql.raw(`SELECT r.id, r.case_id, r.permit_id, p.code AS permit_code, c.reference AS case_reference, c.title AS case_title,
         r.from_authority_id, fa.code AS from_authority_code, fa.name_da AS from_authority_name_da, fa.name_en AS from_authority_name_en,
         r.to_authority_id, ta.code AS to_authority_code, ta.name_da AS to_authority_name_da, ta.name_en AS to_authority_name_en,
         r.kind, r.rule_id, r.question, r.shared_part, r.document_ids::text[] AS document_ids, r.due_on::text AS due_on, r.stops_clock, r.status, r.requested_at,
         r.answer_text, r.answer_document_ids::text[] AS answer_document_ids, r.answer_consent, r.answered_at, r.answered_late, r.proceeded_at, r.proceed_note, r.version
    FROM referrals r JOIN permits p ON p.id = r.permit_id JOIN cases c ON c.id = r.case_id
    JOIN authorities fa ON fa.id = r.from_authority_id JOIN authorities ta ON ta.id = r.to_authority_id`);

/** The API view of a referral (`overdue`: open past its deadline — the requester may proceed). */
export function referralDto(r: ReferralRow, today: string) {
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.case_reference,
    caseTitle: r.case_title,
    permitId: r.permit_id,
    permitCode: r.permit_code,
    from: authorityNames(r, 'from_authority_'),
    to: authorityNames(r, 'to_authority_'),
    kind: r.kind,
    ruleId: r.rule_id,
    question: r.question,
    sharedPart: r.shared_part,
    documentIds: r.document_ids,
    dueOn: r.due_on,
    stopsClock: r.stops_clock,
    status: r.status,
    overdue: r.status === 'open' && today > r.due_on,
    requestedAt: r.requested_at.toISOString(),
    answer: r.answered_at ? { text: r.answer_text, consent: r.answer_consent, documentIds: r.answer_document_ids, answeredAt: r.answered_at.toISOString(), late: r.answered_late === true } : null,
    proceeded: r.proceeded_at ? { at: r.proceeded_at.toISOString(), note: r.proceed_note } : null,
    version: r.version,
  };
}
export type ReferralView = ReturnType<typeof referralDto>;

export interface ReferralInput {
  toAuthorityCode: string;
  question: string;
  kind?: 'opinion' | 'consent';
  ruleId?: string;
  dueOn?: string;
  sharedPart?: boolean;
  documentIds?: string[];
}

const notFound = (id: string) => new ApiError('REFERRAL.NOT_FOUND', `Referral ${id} was not found.`);

/**
 * Referrals (issue 17 item 1): the deciding authority of a permit asks another authority for an
 * opinion or consent. Who sees a referral: the asking authority (the permit's current
 * authority), the asked authority (only the referral and the parts it lists — never the case
 * itself: `AccessService.referredTo` stays FALSE), the coordinators, and the applicant (read).
 * Every write goes through the case engine (CrossAuthorityHostService) under the case lock.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly host: CrossAuthorityHostService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return toCopenhagenDate(this.clock.now());
  }

  /** The region of the case's site (from the screening facts), for resolving a 'region' target. */
  private async regionOf(m: EntityManager, caseId: string): Promise<string | null> {
    const [row] = await queryRows(m, z.object({ code: z.string().nullable() }), sql`SELECT facts->>'municipalityCode' AS code FROM cases WHERE id = ${caseId}`);
    return row?.code && isMunicipalityCode(row.code) ? getMunicipality(row.code).regionCode : null;
  }

  /** The catalogue's referrals for the permit, resolved to concrete authorities, and the authorities one may ask. */
  async options(p: Principal, permitId: string) {
    const { caseId } = await this.access.assertPermitVisible(p, permitId);
    const { row } = await loadTransition(this.ds.manager, permitId, this.clock.now());
    const region = await this.regionOf(this.ds.manager, caseId);
    const rules = referralRulesFor(row.code).map((r) => ({ ...r, toAuthorityCode: region || r.target.kind !== 'region' ? referralTargetCode(r.target, region ?? '') : null }));
    const authorities = await queryRows(
      this.ds,
      z.object({ code: z.string(), kind: z.string(), name_da: z.string(), name_en: z.string() }),
      sql`SELECT code, kind, name_da, name_en FROM authorities WHERE kind IN ('region', 'stateAgency', 'museum', 'gridOperator') AND id <> ${row.authority_id} ORDER BY kind, name_da`,
    );
    return { permitId, rules, authorities: authorities.map((a) => ({ code: a.code, kind: a.kind, nameDa: a.name_da, nameEn: a.name_en })) };
  }

  private async byId(m: EntityManager, id: string): Promise<ReferralRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await queryRows(m, REFERRAL_ROW, sql`${SELECT} WHERE r.id = ${id}`);
    return row;
  }

  /** The referral if the caller may see it (asked or asking authority, coordinator, the company), else 404. */
  private async visible(p: Principal, id: string, m: EntityManager = this.ds.manager): Promise<ReferralRow> {
    const r = await this.byId(m, id);
    if (!r) throw notFound(id);
    if (p.role === 'caseworker' && p.authorityId === r.to_authority_id) return r;
    if (p.role === 'caseworker' || p.role === 'applicant' || p.role === 'coordinator') {
      try {
        await this.access.assertPermitVisible(p, r.permit_id, m);
        return r;
      } catch {
        throw notFound(id);
      }
    }
    throw notFound(id);
  }

  /** The caseworker of the permit's authority sends a referral (If-Match: the permit's version). */
  async create(p: Principal, permitId: string, expectedVersion: number, input: ReferralInput): Promise<ReferralView> {
    const id = await this.ds.transaction(async (m) => {
      const { caseId } = await this.access.assertPermitVisible(p, permitId, m, true);
      const { row } = await loadTransition(m, permitId, this.clock.now());
      if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
      if (CLOSED_PERMIT_STATES.has(row.state)) throw new ApiError('REFERRAL.PERMIT_CLOSED', `Permit ${permitId} is ${row.state}: there is nothing left to refer.`, { state: row.state });
      const asked = await loadAuthority(m, { code: input.toAuthorityCode });
      if (!asked) throw new ApiError('REFERRAL.UNKNOWN_AUTHORITY', `There is no authority with code ${input.toAuthorityCode}.`, { field: 'toAuthorityCode' });
      if (asked.id === row.authority_id) throw new ApiError('REFERRAL.TO_SELF', 'An authority cannot refer its own permit to itself.', { field: 'toAuthorityCode' });
      const rule = await this.ruleFor(m, caseId, row.code, asked, input.ruleId);
      const today = this.today();
      const dueOn = input.dueOn ?? (rule ? addDuration(today, rule.answerWithin, CALENDAR) : null);
      if (!dueOn) throw new ApiError('REFERRAL.DUE_REQUIRED', `The catalogue has no referral of ${row.code} to ${asked.code}: choose an answer date (dueOn).`, { field: 'dueOn' });
      if (dueOn < today) throw new ApiError('REFERRAL.DUE_IN_PAST', `The answer date ${dueOn} is in the past (today is ${today}).`, { field: 'dueOn', today });
      const documentIds = [...new Set((input.documentIds ?? []).map((d) => d.toLowerCase()))];
      await this.assertCaseDocuments(m, p, caseId, documentIds);
      const referralId = randomUUID();
      await this.host.sendReferral(
        m,
        permitId,
        expectedVersion,
        {
          id: referralId,
          toAuthorityId: asked.id,
          kind: rule?.kind ?? input.kind ?? 'opinion',
          ruleId: rule?.id ?? null,
          question: input.question,
          sharedPart: input.sharedPart ?? true,
          documentIds,
          dueOn,
          // Only where the catalogue says so (with its source or a marked inference); a referral the catalogue does not know never stops the clock.
          stopsClock: rule?.stopsClock ?? false,
          requestedBy: p.userId,
        },
        asked,
        { userId: p.userId, role: 'caseworker' },
      );
      return referralId;
    });
    return this.get(p, id);
  }

  /** The catalogue rule this referral follows: named (it must fit the permit and the authority), else the one that fits, else none. */
  private async ruleFor(m: EntityManager, caseId: string, permitCode: string, asked: AuthorityWithCaseworkers, ruleId: string | undefined): Promise<ReferralRule | null> {
    const region = (await this.regionOf(m, caseId)) ?? '';
    const fits = (r: ReferralRule) => r.permitCode === permitCode && referralTargetCode(r.target, region) === asked.code;
    if (ruleId !== undefined) {
      const named = REFERRAL_RULES.find((r) => r.id === ruleId);
      if (!named || !fits(named)) throw new ApiError('REQUEST.VALIDATION_FAILED', `Catalogue referral ${ruleId} does not apply to ${permitCode} and ${asked.code}.`, { errors: [{ field: 'ruleId', code: 'INVALID', message: 'not a referral of this permit to this authority' }] });
      return named;
    }
    return REFERRAL_RULES.find(fits) ?? null;
  }

  /**
   * Every id names a document `documents d <join>` that meets `where`; else 404 naming the first
   * that does not (a malformed id before any query).
   */
  private async assertDocuments(m: EntityManager, ids: string[], join: Sql, where: Sql): Promise<void> {
    if (ids.length === 0) return;
    const bad = ids.find((d) => !UUID.test(d));
    if (bad) throw new DocumentNotFoundError(bad);
    const found = await queryRows(m, z.object({ id: z.string() }), sql`SELECT d.id FROM documents d ${join} WHERE d.id = ANY(${ids}::uuid[]) AND ${where}`);
    const missing = ids.find((d) => !found.some((f) => f.id === d));
    if (missing) throw new DocumentNotFoundError(missing);
  }

  /** Documents a referral may show: documents of this case the caller may see (404 otherwise, nothing written). */
  private assertCaseDocuments(m: EntityManager, p: Principal, caseId: string, ids: string[]): Promise<void> {
    return this.assertDocuments(m, ids, sql`LEFT JOIN permits dp ON dp.id = d.permit_id`, sql`d.case_id = ${caseId} AND ${documentFilter(p)}`);
  }

  async get(p: Principal, id: string): Promise<ReferralView> {
    return referralDto(await this.visible(p, id), this.today());
  }

  /** The referrals of a permit (its authority, coordinators, the company). */
  async listForPermit(p: Principal, permitId: string): Promise<ReferralView[]> {
    await this.access.assertPermitVisible(p, permitId);
    const rows = await queryRows(this.ds, REFERRAL_ROW, sql`${SELECT} WHERE r.permit_id = ${permitId} ORDER BY r.requested_at, r.id`);
    const today = this.today();
    return rows.map((r) => referralDto(r, today));
  }

  /** The caller's authority's referrals: `incoming` (its inbox: asked of it) or `outgoing` (it asked). */
  async listForAuthority(p: Principal, box: 'incoming' | 'outgoing', status: 'open' | 'all'): Promise<ReferralView[]> {
    const side = box === 'incoming' ? sql`r.to_authority_id = ${p.authorityId}` : sql`r.from_authority_id = ${p.authorityId}`;
    const open = status === 'open' ? sql.raw(`AND r.status = 'open'`) : sql.raw('');
    const rows = await queryRows(this.ds, REFERRAL_ROW, sql`${SELECT} WHERE ${side} ${open} ORDER BY (r.status = 'open') DESC, r.due_on, r.id LIMIT 200`);
    const today = this.today();
    return rows.map((r) => referralDto(r, today));
  }

  /**
   * What the asked authority reads: the referral, the application's shared part (if listed), the
   * permit's own section, and the metadata of the listed documents — and only those.
   */
  async material(p: Principal, id: string) {
    const r = await this.visible(p, id);
    const [app] = await queryRows(
      this.ds,
      z.object({ shared: z.record(z.string(), z.unknown()), section: z.unknown() }),
      sql`SELECT shared, sections -> ${r.permit_code} AS section FROM case_applications WHERE case_id = ${r.case_id}`,
    );
    const docs = await this.documentsOf(r, [...r.document_ids, ...r.answer_document_ids]);
    const { row } = await loadTransition(this.ds.manager, r.permit_id, this.clock.now());
    const type = getPermitType(row.code, restorePermitSnapshot(row.snapshot, row.machine_version).context.catalogVersion);
    return {
      referral: referralDto(r, this.today()),
      youWereAsked: p.role === 'caseworker' && p.authorityId === r.to_authority_id,
      permit: { code: type.code, nameDa: type.nameDa, nameEn: type.nameEn, legalBasis: type.legalBasis },
      sharedPart: r.shared_part ? (app?.shared ?? {}) : null,
      permitSection: (app?.section as Record<string, unknown> | null | undefined) ?? null,
      documents: docs.filter((d) => r.document_ids.includes(d.id)),
      answerDocuments: docs.filter((d) => r.answer_document_ids.includes(d.id)),
    };
  }

  private documentsOf(r: ReferralRow, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return queryRows(
      this.ds,
      z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.coerce.number(), sha256: z.string(), created_at: z.date() }),
      sql`SELECT id, filename, content_type, size_bytes, sha256, created_at FROM documents WHERE id = ANY(${ids}::uuid[]) AND case_id = ${r.case_id} ORDER BY created_at, id`,
    ).then((rows) => rows.map((d) => ({ id: d.id, filename: d.filename, contentType: d.content_type, sizeBytes: d.size_bytes, sha256: d.sha256, createdAt: d.created_at.toISOString() })));
  }

  /** A document the referral lists (question or answer), if the caller may see the referral: its storage key. */
  async listedDocument(p: Principal, id: string, documentId: string): Promise<{ storageKey: string; filename: string; contentType: string }> {
    const r = await this.visible(p, id);
    const listed = [...r.document_ids, ...r.answer_document_ids].includes(documentId.toLowerCase());
    if (!listed || !UUID.test(documentId)) throw new DocumentNotFoundError(documentId);
    const [d] = await queryRows(this.ds, z.object({ storage_key: z.string(), filename: z.string(), content_type: z.string() }), sql`SELECT storage_key, filename, content_type FROM documents WHERE id = ${documentId} AND case_id = ${r.case_id}`);
    if (!d) throw new DocumentNotFoundError(documentId);
    return { storageKey: d.storage_key, filename: d.filename, contentType: d.content_type };
  }

  /** The asked authority (only it: 404 for anyone else) answers; late answers are kept and marked. */
  async answer(p: Principal, id: string, expectedVersion: number, input: { text: string; consent?: 'given' | 'refused'; documentIds?: string[] }): Promise<ReferralView> {
    await this.ds.transaction(async (m) => {
      const r0 = await this.byId(m, id);
      if (!r0 || p.role !== 'caseworker' || p.authorityId !== r0.to_authority_id) throw notFound(id);
      await m.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [r0.case_id]);
      const r = await this.byId(m, id);
      if (!r) throw notFound(id);
      if (r.version !== expectedVersion) throw new VersionConflictError(r.version);
      if (r.status !== 'open') throw new ApiError('REFERRAL.NOT_OPEN', `Referral ${id} is already ${r.status}.`, { referralStatus: r.status });
      if (r.kind === 'consent' && !input.consent) {
        throw new ApiError('REQUEST.VALIDATION_FAILED', 'A consent referral is answered with consent "given" or "refused".', { errors: [{ field: 'consent', code: 'REQUIRED', message: 'required for a consent' }] });
      }
      const documentIds = [...new Set((input.documentIds ?? []).map((d) => d.toLowerCase()))];
      await this.assertOwnUploads(m, p, r, documentIds);
      const asked = await this.authority(m, r.to_authority_id);
      await this.host.closeReferral(
        m,
        r.permit_id,
        {
          referralId: r.id,
          expectedVersion,
          stoppedClock: r.stops_clock,
          otherStoppingOpen: await this.otherStoppingOpen(m, r),
          dueOn: r.due_on,
          step: { kind: 'answer', text: input.text, documentIds, consent: r.kind === 'consent' ? (input.consent ?? null) : null },
        },
        asked,
        { userId: p.userId, role: 'caseworker' },
      );
    });
    return this.get(p, id);
  }

  /** Answer documents: uploaded to the case by the answering authority's own users. */
  private assertOwnUploads(m: EntityManager, p: Principal, r: ReferralRow, ids: string[]): Promise<void> {
    return this.assertDocuments(m, ids, sql`JOIN users u ON u.id = d.uploaded_by`, sql`d.case_id = ${r.case_id} AND u.authority_id = ${p.authorityId}`);
  }

  /** After the deadline the permit's authority may decide without the answer: recorded and audited. */
  async proceed(p: Principal, id: string, expectedVersion: number, note: string | null): Promise<ReferralView> {
    await this.ds.transaction(async (m) => {
      const r0 = await this.byId(m, id);
      if (!r0 || p.role !== 'caseworker') throw notFound(id);
      try {
        await this.access.assertPermitVisible(p, r0.permit_id, m, true);
      } catch {
        throw notFound(id);
      }
      const r = await this.byId(m, id);
      if (!r) throw notFound(id);
      if (r.version !== expectedVersion) throw new VersionConflictError(r.version);
      if (r.status !== 'open') throw new ApiError('REFERRAL.NOT_OPEN', `Referral ${id} is already ${r.status}.`, { referralStatus: r.status });
      const today = this.today();
      if (today <= r.due_on) throw new ApiError('REFERRAL.DEADLINE_NOT_PASSED', `The answer period runs until ${r.due_on}; you may proceed without the answer from the day after.`, { dueOn: r.due_on });
      const asked = await this.authority(m, r.to_authority_id);
      await this.host.closeReferral(
        m,
        r.permit_id,
        { referralId: r.id, expectedVersion, stoppedClock: r.stops_clock, otherStoppingOpen: await this.otherStoppingOpen(m, r), dueOn: r.due_on, step: { kind: 'proceed', note } },
        asked,
        { userId: p.userId, role: 'caseworker' },
      );
    });
    return this.get(p, id);
  }

  private async otherStoppingOpen(m: EntityManager, r: ReferralRow): Promise<boolean> {
    const [row] = await queryRows(m, z.object({ n: z.number() }), sql`SELECT count(*)::int AS n FROM referrals WHERE permit_id = ${r.permit_id} AND id <> ${r.id} AND status = 'open' AND stops_clock`);
    return row.n > 0;
  }

  private async authority(m: EntityManager, id: string): Promise<AuthorityWithCaseworkers> {
    const a = await loadAuthority(m, { id });
    if (!a) throw new Error(`authority ${id} vanished`);
    return a;
  }

  /** The case a referral belongs to, for the asked authority's answer upload (404 unless the caller is the asked authority and it is open). */
  async caseForAnswerUpload(p: Principal, id: string): Promise<{ caseId: string; permitId: string }> {
    const r = await this.byId(this.ds.manager, id);
    if (!r || p.role !== 'caseworker' || p.authorityId !== r.to_authority_id) throw notFound(id);
    if (r.status !== 'open') throw new ApiError('REFERRAL.NOT_OPEN', `Referral ${id} is already ${r.status}.`, { referralStatus: r.status });
    return { caseId: r.case_id, permitId: r.permit_id };
  }
}
