import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { lockCase, PermitHostService, permitTypeOf } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import { findMunicipality } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { CaseService } from '../cases/case.service';
import { assertCaseRowVisible, assertOwnAuthorityPermits, auditCaseEvent, CASE_SCOPED_COLUMNS, caseRowById, lockAtVersion, PERMIT_AUTHORITY_COLS, PERMIT_AUTHORITY_ROW, permitRef } from '../cases/case-scoped';
import { ApiError } from '../common/problem';
import { COMMENT_LIMITS, HearingsService, type CommentInput } from '../decisions/hearings.service';
import type { JointHearingDraftDto } from './joint-hearings.dto';

/**
 * The earliest instant a joint hearing may close: the latest of the covered permits' own earliest
 * ends. Each permit's own end is computed by its machine from its lawful minimum with the
 * business calendar, closing after the last day (issue 13 item 6), so this is the longest minimum.
 */
export function jointEarliestEnd(ownEarliestEnds: readonly string[]): string {
  if (ownEarliestEnds.length === 0) throw new Error('a joint hearing covers at least one permit');
  return ownEarliestEnds.reduce((a, b) => (new Date(b).getTime() > new Date(a).getTime() ? b : a));
}

const JOINT_ROW = z.object({
  ...CASE_SCOPED_COLUMNS,
  status: z.enum(['draft', 'open', 'ended']),
  audience: z.string(),
  document_ids: z.array(z.string()),
  created_at: z.date(),
  started_at: z.date().nullable(),
  earliest_end_at: z.date().nullable(),
  ended_at: z.date().nullable(),
});
type JointRow = z.infer<typeof JOINT_ROW>;
const JOINT_COLS = sql.raw(`id, case_id, status, audience, document_ids::text[] AS document_ids, created_at, started_at, earliest_end_at, ended_at, version`);
const MEMBER_ROW = z.object({
  permit_id: z.string(),
  added_by: z.string(),
  minimum_basis: z.string().nullable(),
  state: z.string(),
  version: z.number(),
  ...PERMIT_AUTHORITY_ROW,
  hearing_id: z.string().nullable(),
  own_earliest_end_at: z.date().nullable(),
});
type MemberRow = z.infer<typeof MEMBER_ROW>;
const notFound = (id: string) => new ApiError('JOINT_HEARING.NOT_FOUND', `Joint hearing ${id} was not found.`);

/**
 * Joint hearings (issue 17 item 3): one public hearing covering several permits of one case (e.g.
 * local plan + EIA report + draft environmental permit). Each authority adds its own permits to
 * the case's draft; starting runs every covered permit's own `authority.hearingStarted` (planner →
 * writer: its machine enters its hearing, its own hearing row opens) and fixes ONE period whose
 * earliest end is the longest minimum; ending runs each permit's `authority.hearingEnded`. One
 * public page; a comment reaches every covered permit's hearing, so each caseworker considers it.
 */
@Injectable()
export class JointHearingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly host: PermitHostService,
    private readonly hearings: HearingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private row(m: EntityManager | DataSource, id: string, lock = false): Promise<JointRow> {
    return caseRowById(m, JOINT_ROW, sql`SELECT ${JOINT_COLS} FROM joint_hearings`, id, notFound, lock);
  }

  private members(m: EntityManager | DataSource, id: string): Promise<MemberRow[]> {
    return queryRows(
      m,
      MEMBER_ROW,
      sql`SELECT jp.permit_id, jp.added_by, jp.minimum_basis, x.state, x.version, ${PERMIT_AUTHORITY_COLS},
                 h.id AS hearing_id, h.earliest_end_at AS own_earliest_end_at
            FROM joint_hearing_permits jp JOIN permits x ON x.id = jp.permit_id JOIN authorities a ON a.id = x.authority_id
            LEFT JOIN hearings h ON h.joint_hearing_id = jp.joint_hearing_id AND h.permit_id = jp.permit_id
           WHERE jp.joint_hearing_id = ${id} ORDER BY x.code, x.id`,
    );
  }

  /** Visible to coordinators, and to caseworkers of the case (a draft is an invitation; their own permits in full). Not to the company before it opens. */
  private async visible(p: Principal, id: string, m: EntityManager | DataSource): Promise<JointRow> {
    const j = await this.row(m, id);
    await assertCaseRowVisible(this.access, p, j, m instanceof DataSource ? m.manager : m, () => notFound(id));
    return j;
  }

  private view(p: Principal, j: JointRow, members: MemberRow[]) {
    return {
      id: j.id,
      caseId: j.case_id,
      status: j.status,
      audience: j.audience,
      documentIds: j.document_ids,
      version: j.version,
      createdAt: j.created_at.toISOString(),
      startedAt: j.started_at?.toISOString() ?? null,
      earliestEndAt: j.earliest_end_at?.toISOString() ?? null,
      endedAt: j.ended_at?.toISOString() ?? null,
      permits: members.map((x) => {
        const own = p.role !== 'caseworker' || x.authority_id === p.authorityId;
        return {
          ...permitRef(x.permit_id, x),
          // The permit's own hearing (its comments: GET /permits/:id/hearings) and its own minimum's end.
          hearingId: own ? x.hearing_id : null,
          ownEarliestEndAt: x.own_earliest_end_at?.toISOString() ?? null,
          minimumBasis: x.minimum_basis,
        };
      }),
      publicUrl: j.status === 'draft' ? null : `/api/v1/public/joint-hearings/${j.id}`,
    };
  }

  async list(p: Principal, caseId: string) {
    await this.access.assertCaseVisible(p, caseId);
    const rows = await queryRows(this.ds, JOINT_ROW, sql`SELECT ${JOINT_COLS} FROM joint_hearings WHERE case_id = ${caseId} ORDER BY created_at, id`);
    const items = [];
    for (const j of rows) if (!(p.role === 'applicant' && j.status === 'draft')) items.push(this.view(p, j, await this.members(this.ds, j.id)));
    return { items };
  }

  async get(p: Principal, id: string) {
    const j = await this.visible(p, id, this.ds);
    return this.view(p, j, await this.members(this.ds, id));
  }

  /** Adds permits to the case's draft joint hearing (opening one if there is none), under the case lock. */
  async addPermits(p: Principal, caseId: string, dto: JointHearingDraftDto) {
    return this.ds.transaction(async (m) => {
      await this.access.assertCaseVisible(p, caseId, m);
      await lockCase(m, caseId);
      const wanted = [...new Map((dto.permits ?? []).map((x) => [x.permitId.toLowerCase(), x])).values()];
      if (p.role === 'caseworker' && wanted.length === 0) throw new ApiError('JOINT_HEARING.TOO_FEW_PERMITS', 'Add at least one of your permits.');
      const ids = wanted.map((x) => x.permitId.toLowerCase());
      const rows = ids.length === 0 ? [] : await queryRows(m, z.object({ id: z.string(), case_id: z.string(), state: z.string(), authority_id: z.string() }), sql`SELECT id, case_id, state, authority_id FROM permits WHERE id = ANY(${ids}::uuid[])`);
      for (const id of ids) {
        const r = rows.find((x) => x.id === id);
        if (r?.case_id === caseId) continue;
        // Unknown, or not the caller's to see: 404 like any permit; a permit the caller sees in another case: 422.
        await this.access.assertPermitVisible(p, id, m);
        throw new ApiError('JOINT_HEARING.PERMIT_NOT_IN_CASE', 'A joint hearing covers permits of ONE case: this permit belongs to another case.', { permitId: id });
      }
      // Starting a hearing is the deciding authority's act: the coordinator opens the draft and may start/end it, but adds no permit itself.
      assertOwnAuthorityPermits(p, rows, ids, 'JOINT_HEARING.NOT_YOUR_PERMIT', {
        coordinator: 'Permits are added by their own authorities; a coordinator opens the joint hearing (an invitation).',
        caseworker: "A caseworker adds their own authority's permits; the other authorities add theirs to the draft.",
      });
      const notReady = rows.filter((x) => x.state !== 'submitted.underReview');
      if (notReady.length > 0) {
        throw new ApiError('JOINT_HEARING.PERMIT_NOT_UNDER_REVIEW', 'A hearing starts from review: these permits are not under review.', { permits: notReady.map((x) => ({ permitId: x.id, state: x.state })) });
      }
      if (ids.length > 0) {
        const busy = await queryRows(m, z.object({ permit_id: z.string(), joint_hearing_id: z.string() }), sql`SELECT permit_id, joint_hearing_id FROM joint_hearing_permits WHERE permit_id = ANY(${ids}::uuid[]) AND open`);
        const [draftNow] = await queryRows(m, z.object({ id: z.string() }), sql`SELECT id FROM joint_hearings WHERE case_id = ${caseId} AND status = 'draft'`);
        const conflict = busy.find((b) => b.joint_hearing_id !== draftNow?.id);
        if (conflict) throw new ApiError('JOINT_HEARING.PERMIT_BUSY', 'This permit is already covered by another joint hearing.', { permitId: conflict.permit_id, jointHearingId: conflict.joint_hearing_id });
      }
      await this.cases.assertDocumentsOfCase(m, caseId, dto.documentIds ?? []);
      const now = this.clock.now();
      let [draft] = await queryRows(m, JOINT_ROW, sql`SELECT ${JOINT_COLS} FROM joint_hearings WHERE case_id = ${caseId} AND status = 'draft'`);
      if (!draft) {
        [draft] = await queryRows(
          m,
          JOINT_ROW,
          sql`INSERT INTO joint_hearings (case_id, status, audience, created_by, created_at) VALUES (${caseId}, 'draft', ${dto.audience ?? 'Offentligheden'}, ${p.userId}, ${now}) RETURNING ${JOINT_COLS}`,
        );
        await auditCaseEvent(m, caseId, p, 'jointHearing.opened', { jointHearingId: draft.id }, now);
      }
      let changed = 0;
      for (const x of wanted) {
        changed += await execute(
          m,
          sql`INSERT INTO joint_hearing_permits (joint_hearing_id, permit_id, added_by, minimum_basis) VALUES (${draft.id}, ${x.permitId.toLowerCase()}, ${p.userId}, ${x.minimumBasis ?? null}) ON CONFLICT DO NOTHING`,
        );
      }
      const docs = [...new Set([...draft.document_ids, ...(dto.documentIds ?? []).map((d) => d.toLowerCase())])];
      if (docs.length !== draft.document_ids.length) changed += 1;
      if (dto.audience !== undefined && dto.audience !== draft.audience) changed += 1;
      if (changed > 0) {
        await execute(m, sql`UPDATE joint_hearings SET document_ids = ${docs}::uuid[], audience = ${dto.audience ?? draft.audience}, version = version + 1 WHERE id = ${draft.id}`);
        await auditCaseEvent(m, caseId, p, 'jointHearing.permitsAdded', { jointHearingId: draft.id, permitIds: ids }, now);
      }
      return this.view(p, await this.row(m, draft.id), await this.members(m, draft.id));
    });
  }

  /**
   * Starts the joint hearing: each covered permit's own `authority.hearingStarted` (by the
   * caseworker who added it, with its chosen minimum basis and the proposal documents); the joint
   * period's earliest end is the latest of the permits' own earliest ends.
   */
  async start(p: Principal, id: string, expectedVersion: number) {
    return this.ds.transaction(async (m) => {
      const first = await this.visible(p, id, m);
      const j = await lockAtVersion(m, first.case_id, () => this.row(m, id, true), expectedVersion);
      if (j.status !== 'draft') throw new ApiError('JOINT_HEARING.WRONG_STATUS', `The joint hearing is ${j.status}; only a draft can start.`, { jointHearingStatus: j.status });
      const members = await this.members(m, id);
      if (members.length < 2) throw new ApiError('JOINT_HEARING.TOO_FEW_PERMITS', 'A joint hearing covers at least two permits.', { permits: members.length });
      if (p.role === 'caseworker' && !members.some((x) => x.authority_id === p.authorityId)) throw notFound(id);
      const ends: string[] = [];
      for (const x of members) {
        const [{ version }] = await queryRows(m, z.object({ version: z.number() }), sql`SELECT version FROM permits WHERE id = ${x.permit_id}`);
        const payload = { audience: j.audience, ...(x.minimum_basis ? { minimumBasis: x.minimum_basis } : {}), ...(j.document_ids.length > 0 ? { documentIds: j.document_ids } : {}), jointHearingId: id };
        const updated = await this.host.sendPermitEvent(m, x.permit_id, version, 'authority.hearingStarted', payload, { userId: x.added_by, role: 'caseworker' });
        const own = updated.computed.snapshot.context.hearingEarliestEndAt;
        if (!own) throw new Error(`permit ${x.permit_id} entered its hearing without an earliest end`);
        ends.push(own);
      }
      const now = this.clock.now();
      const earliestEnd = jointEarliestEnd(ends);
      await execute(m, sql`UPDATE hearings SET joint_hearing_id = ${id} WHERE permit_id = ANY(${members.map((x) => x.permit_id)}::uuid[]) AND ended_at IS NULL`);
      await execute(m, sql`UPDATE joint_hearings SET status = 'open', started_by = ${p.userId}, started_at = ${now}, earliest_end_at = ${earliestEnd}, version = version + 1 WHERE id = ${id}`);
      await auditCaseEvent(m, j.case_id, p, 'jointHearing.started', { jointHearingId: id, permitIds: members.map((x) => x.permit_id), earliestEndAt: earliestEnd }, now);
      return this.view(p, await this.row(m, id), await this.members(m, id));
    });
  }

  /** Ends the joint hearing (not before its earliest end): each covered permit's own `authority.hearingEnded`. */
  async end(p: Principal, id: string, expectedVersion: number) {
    return this.ds.transaction(async (m) => {
      const first = await this.visible(p, id, m);
      const j = await lockAtVersion(m, first.case_id, () => this.row(m, id, true), expectedVersion);
      if (j.status !== 'open') throw new ApiError('JOINT_HEARING.WRONG_STATUS', `The joint hearing is ${j.status}; only an open one can end.`, { jointHearingStatus: j.status });
      const members = await this.members(m, id);
      if (p.role === 'caseworker' && !members.some((x) => x.authority_id === p.authorityId)) throw notFound(id);
      const now = this.clock.now();
      if (j.earliest_end_at && now < j.earliest_end_at) {
        throw new ApiError('JOINT_HEARING.MINIMUM_NOT_REACHED', `The joint hearing may close from ${j.earliest_end_at.toISOString()} (the longest minimum of the permits it covers).`, { earliestEndAt: j.earliest_end_at.toISOString() });
      }
      for (const x of members) {
        const [{ version }] = await queryRows(m, z.object({ version: z.number() }), sql`SELECT version FROM permits WHERE id = ${x.permit_id}`);
        // The permit's own authority ends its hearing: the caller when it is theirs, else who added it.
        const actor = p.role === 'caseworker' && p.authorityId === x.authority_id ? p.userId : x.added_by;
        await this.host.sendPermitEvent(m, x.permit_id, version, 'authority.hearingEnded', { jointHearingId: id }, { userId: actor, role: 'caseworker' });
      }
      await execute(m, sql`UPDATE joint_hearing_permits SET open = false WHERE joint_hearing_id = ${id}`);
      await execute(m, sql`UPDATE joint_hearings SET status = 'ended', ended_by = ${p.userId}, ended_at = ${now}, version = version + 1 WHERE id = ${id}`);
      await auditCaseEvent(m, j.case_id, p, 'jointHearing.ended', { jointHearingId: id }, now);
      return this.view(p, await this.row(m, id), await this.members(m, id));
    });
  }

  /** Whether a permit's hearing is part of an open joint hearing (then it ends only with the joint one). */
  async openJointHearingOf(m: EntityManager, permitId: string): Promise<string | null> {
    const [r] = await queryRows(m, z.object({ joint_hearing_id: z.string() }), sql`SELECT jp.joint_hearing_id FROM joint_hearing_permits jp JOIN joint_hearings j ON j.id = jp.joint_hearing_id WHERE jp.permit_id = ${permitId} AND jp.open AND j.status = 'open'`);
    return r?.joint_hearing_id ?? null;
  }

  /** The one public page (no login): the permits covered, the one period, the proposal documents. */
  async publicView(id: string) {
    const j = await this.row(this.ds, id);
    if (j.status === 'draft') throw notFound(id);
    const members = await this.members(this.ds, id);
    const rows = await this.hearings.hearingsByIds(members.map((x) => x.hearing_id).filter((h): h is string => h !== null));
    const [c] = await queryRows(this.ds, z.object({ title: z.string(), municipality_code: z.string().nullable() }), sql`SELECT title, facts->>'municipalityCode' AS municipality_code FROM cases WHERE id = ${j.case_id}`);
    const docs = j.document_ids.length === 0 ? [] : await queryRows(this.ds, z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.union([z.string(), z.number()]) }), sql`SELECT id, filename, content_type, size_bytes FROM documents WHERE id = ANY(${j.document_ids}::uuid[]) ORDER BY created_at, id`);
    const now = this.clock.now();
    const via = rows[0]?.id;
    return {
      id: j.id,
      projectTitle: c.title,
      municipality: c.municipality_code ? (findMunicipality(c.municipality_code)?.nameDa ?? null) : null,
      audience: j.audience,
      startedAt: j.started_at?.toISOString() ?? null,
      earliestEndAt: j.earliest_end_at?.toISOString() ?? null,
      endedAt: j.ended_at?.toISOString() ?? null,
      open: j.status === 'open',
      permits: rows.map((h) => {
        const x = members.find((mm) => mm.hearing_id === h.id)!;
        const t = permitTypeOf({ code: x.code, snapshot: x.snapshot as never });
        return { hearingId: h.id, permitCode: h.code, permitNameDa: t.nameDa, permitNameEn: t.nameEn, legalBasis: t.legalBasis, authorityNameDa: h.authority_name_da, authorityNameEn: h.authority_name_en, earliestEndAt: h.earliest_end_at.toISOString() };
      }),
      documents: via ? docs.map((d) => ({ id: d.id, filename: d.filename, contentType: d.content_type, sizeBytes: Number(d.size_bytes), url: `/api/v1/public/hearings/${via}/documents/${d.id}` })) : [],
      limits: COMMENT_LIMITS,
      asOf: now.toISOString(),
    };
  }

  /**
   * A comment to the joint hearing (no login): one row per covered permit's hearing — or only the
   * permits the commenter names — so each permit's caseworker sees and considers it.
   */
  async comment(id: string, clientIp: string | undefined, input: CommentInput, permitIds: string[] | undefined) {
    const j = await this.row(this.ds, id);
    if (j.status === 'draft') throw notFound(id);
    const members = await this.members(this.ds, id);
    const chosen = permitIds === undefined ? members : members.filter((x) => permitIds.map((q) => q.toLowerCase()).includes(x.permit_id));
    if (permitIds !== undefined && chosen.length !== new Set(permitIds).size) {
      throw new ApiError('HEARING.COMMENT_REFUSED', 'permitIds names a permit this joint hearing does not cover.', { errors: [{ field: 'permitIds', code: 'NOT_COVERED', message: 'not a permit of this joint hearing' }] });
    }
    const hearingRows = await this.hearings.hearingsByIds(chosen.map((x) => x.hearing_id).filter((h): h is string => h !== null));
    if (hearingRows.length === 0) throw notFound(id);
    const rows = await this.hearings.commentOn(hearingRows, `joint:${id}`, clientIp, input);
    return { jointHearingId: id, late: rows.some((r) => r.late), receivedAt: rows[0].receivedAt, comments: rows.map((r) => ({ id: r.id, hearingId: r.hearingId, permitId: hearingRows.find((h) => h.id === r.hearingId)!.permit_id })) };
  }
}
