import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { lockCase, PermitHostService, permitTypeOf } from '@rl/case-engine';
import { compareLocalDates, isLocalDate, toCopenhagenDate } from '@rl/clocks';
import { execute, queryRows, sql } from '@rl/db';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { CaseService } from '../cases/case.service';
import { assertCaseRowVisible, assertOwnAuthorityPermits, auditCaseEvent, CASE_SCOPED_COLUMNS, caseRowById, lockAtVersion, PERMIT_AUTHORITY_COLS, PERMIT_AUTHORITY_ROW, permitRef } from '../cases/case-scoped';
import { ApiError } from '../common/problem';
import type { BundleAnswersDto, BundleQuestionsDto } from './info-bundles.dto';

/** The states in which a permit's machine accepts `authority.infoRequested` (completeness check, review). */
export const ASKABLE_STATES = ['submitted.completenessCheck', 'submitted.underReview'] as const;

/**
 * The merge key of a question: the same question asked by several permits is asked (and answered)
 * once. Case, surrounding white space, repeated spaces and a final full stop do not make a
 * question different.
 */
export function questionKey(question: string): string {
  const normal = question.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').toLocaleLowerCase('da');
  return createHash('sha256').update(normal).digest('hex');
}

/** One permit's part of a bundle as ONE info request text: its questions, numbered when more than one. */
export function permitQuestionText(questions: readonly string[]): string {
  return questions.length === 1 ? questions[0] : questions.map((q, i) => `${i + 1}. ${q}`).join('\n');
}

/** One permit's part of the company's answer: each of its questions with the one answer. */
export function permitAnswerText(items: readonly { question: string; answer: string }[]): string {
  return items.length === 1 ? items[0].answer : items.map((x, i) => `${i + 1}. ${x.question}\n${x.answer}`).join('\n\n');
}

const BUNDLE_ROW = z.object({
  ...CASE_SCOPED_COLUMNS,
  status: z.enum(['draft', 'sent', 'answered']),
  due_on: z.string(),
  created_by: z.string(),
  created_at: z.date(),
  sent_at: z.date().nullable(),
  answered_at: z.date().nullable(),
});
type BundleRow = z.infer<typeof BUNDLE_ROW>;
const BUNDLE_COLS = sql.raw(`id, case_id, status, to_char(due_on, 'YYYY-MM-DD') AS due_on, version, created_by, created_at, sent_at, answered_at`);
const QUESTION_ROW = z.object({
  id: z.string(),
  question_key: z.string(),
  question: z.string(),
  position: z.number(),
  answer: z.string().nullable(),
  document_ids: z.array(z.string()),
  answered_at: z.date().nullable(),
});
const LINK_ROW = z.object({ question_id: z.string(), permit_id: z.string(), asked_by: z.string(), ...PERMIT_AUTHORITY_ROW });
const PERMIT_ROW = z.object({ id: z.string(), case_id: z.string(), state: z.string(), authority_id: z.string(), version: z.number() });
const OPEN_ROW = z.object({ bundle_id: z.string(), status: z.string(), permit_id: z.string() });
const KEY_ROW = z.object({ bundle_id: z.string(), question_key: z.string(), permit_id: z.string() });

const notFound = (id: string) => new ApiError('INFO_BUNDLE.NOT_FOUND', `Information request ${id} was not found.`);

/**
 * One information request across authorities (issue 17 item 2). Authorities' caseworkers add the
 * questions of their own permits to the case's one draft (a coordinator may open it: an
 * invitation); identical questions merge. Sending runs, for every covered permit, the permit's
 * own `authority.infoRequested` transition (planner → writer: the clock stops by that permit's
 * own rule); the company's one answer runs `applicant.infoProvided` on each (the clock resumes).
 * Everything happens under the case lock, in one transaction: all or nothing.
 */
@Injectable()
export class InfoBundlesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly host: PermitHostService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return toCopenhagenDate(this.clock.now());
  }

  private bundle(m: EntityManager, id: string, lock = false): Promise<BundleRow> {
    return caseRowById(m, BUNDLE_ROW, sql`SELECT ${BUNDLE_COLS} FROM info_bundles`, id, notFound, lock);
  }

  /** The bundle if the caller may see it (else 404): coordinators all; the company once sent; caseworkers drafts of their cases (the invitation) and bundles covering their permits. */
  private async visibleBundle(p: Principal, id: string, m: EntityManager, lock = false): Promise<BundleRow> {
    const b = await this.bundle(m, id, lock);
    await assertCaseRowVisible(this.access, p, b, m, () => notFound(id));
    if (p.role === 'caseworker' && b.status !== 'draft') {
      const own = await execute(m, sql`SELECT 1 FROM info_bundle_permits bp JOIN permits x ON x.id = bp.permit_id WHERE bp.bundle_id = ${id} AND x.authority_id = ${p.authorityId}`);
      if (own === 0) throw notFound(id);
    }
    return b;
  }

  private async view(p: Principal, b: BundleRow, m: EntityManager) {
    const questions = await queryRows(m, QUESTION_ROW, sql`SELECT id, question_key, question, position, answer, document_ids::text[] AS document_ids, answered_at FROM info_bundle_questions WHERE bundle_id = ${b.id} ORDER BY position`);
    const links = await queryRows(
      m,
      LINK_ROW,
      sql`SELECT qp.question_id, qp.permit_id, qp.asked_by, ${PERMIT_AUTHORITY_COLS}
            FROM info_bundle_question_permits qp JOIN info_bundle_questions q ON q.id = qp.question_id JOIN permits x ON x.id = qp.permit_id JOIN authorities a ON a.id = x.authority_id
           WHERE q.bundle_id = ${b.id} ORDER BY x.code`,
    );
    // A caseworker sees the questions of their own authority's permits (least privilege); the rest as a count.
    const mine = (l: z.infer<typeof LINK_ROW>) => p.role !== 'caseworker' || l.authority_id === p.authorityId;
    const shown = questions.filter((q) => links.some((l) => l.question_id === q.id && mine(l)));
    const permitView = (l: z.infer<typeof LINK_ROW>) => permitRef(l.permit_id, l);
    const permits = new Map<string, ReturnType<typeof permitView>>();
    for (const l of links) if (mine(l)) permits.set(l.permit_id, permitView(l));
    return {
      id: b.id,
      caseId: b.case_id,
      status: b.status,
      dueOn: b.due_on,
      version: b.version,
      createdAt: b.created_at.toISOString(),
      sentAt: b.sent_at?.toISOString() ?? null,
      answeredAt: b.answered_at?.toISOString() ?? null,
      permits: [...permits.values()],
      questions: shown.map((q) => ({
        id: q.id,
        question: q.question,
        permits: links.filter((l) => l.question_id === q.id && mine(l)).map(permitView),
        answer: q.answer,
        documentIds: q.document_ids,
        answeredAt: q.answered_at?.toISOString() ?? null,
      })),
      hiddenQuestions: questions.length - shown.length,
    };
  }

  async list(p: Principal, caseId: string) {
    await this.access.assertCaseVisible(p, caseId);
    const rows = await queryRows(this.ds, BUNDLE_ROW, sql`SELECT ${BUNDLE_COLS} FROM info_bundles WHERE case_id = ${caseId} ORDER BY created_at, id`);
    const items = [];
    for (const b of rows) {
      const visible = await this.visibleBundle(p, b.id, this.ds.manager).then(
        () => true,
        () => false,
      );
      if (visible) items.push(await this.view(p, b, this.ds.manager));
    }
    return { items };
  }

  async get(p: Principal, id: string) {
    const b = await this.visibleBundle(p, id, this.ds.manager);
    return this.view(p, b, this.ds.manager);
  }

  /**
   * Adds questions to the case's one draft (opening it if there is none). Under the case lock, so
   * two caseworkers bundling the same question at once end in ONE request with the question once;
   * a question a permit already asked in a sent request is not asked again (returned as is).
   */
  async addQuestions(p: Principal, caseId: string, dto: BundleQuestionsDto) {
    return this.ds.transaction(async (m) => {
      await this.access.assertCaseVisible(p, caseId, m);
      await lockCase(m, caseId);
      const today = this.today();
      if (!isLocalDate(dto.dueOn) || compareLocalDates(dto.dueOn, today) < 0) {
        throw new ApiError('INFO_BUNDLE.DUE_DATE_INVALID', `The answer deadline must be a real date, not before today (${today}).`, { today });
      }
      const questions = (dto.questions ?? []).map((q) => ({ question: q.question.trim(), key: questionKey(q.question), permitIds: [...new Set(q.permitIds.map((x) => x.toLowerCase()))] }));
      if (p.role === 'caseworker' && questions.length === 0) throw new ApiError('INFO_BUNDLE.EMPTY', 'Add at least one question of one of your permits.');
      if (questions.some((q) => q.question === '')) throw new ApiError('INFO_BUNDLE.EMPTY', 'A question needs text.');
      const ids = [...new Set(questions.flatMap((q) => q.permitIds))];
      const permits = ids.length === 0 ? [] : await queryRows(m, PERMIT_ROW, sql`SELECT id, case_id, state, authority_id, version FROM permits WHERE id = ANY(${ids}::uuid[])`);
      const foreign = ids.filter((id) => permits.find((x) => x.id === id)?.case_id !== caseId);
      // Unknown, or not the caller's to see: 404 like any permit (nothing about other cases leaks).
      for (const id of foreign) await this.access.assertPermitVisible(p, id, m);
      if (foreign.length > 0) {
        throw new ApiError('INFO_BUNDLE.PERMIT_NOT_IN_CASE', 'One request covers permits of ONE case: these permits are not permits of this case.', { permitIds: foreign });
      }
      // An information request is the deciding authority's act (only its caseworkers send
      // `authority.infoRequested`): the coordinator opens, invites and sends, but asks nothing itself.
      assertOwnAuthorityPermits(p, permits, ids, 'INFO_BUNDLE.NOT_YOUR_PERMIT', {
        coordinator: "Questions come from the permits' own authorities; a coordinator opens the request (an invitation) and sends it.",
        caseworker: "A caseworker asks for their own authority's permits; the other authorities add their own questions to the draft.",
      });
      // What is already asked in an open request of this case.
      const open = ids.length === 0 ? [] : await queryRows(m, OPEN_ROW, sql`SELECT bp.bundle_id, b.status, bp.permit_id FROM info_bundle_permits bp JOIN info_bundles b ON b.id = bp.bundle_id WHERE bp.permit_id = ANY(${ids}::uuid[]) AND bp.open`);
      const keys = ids.length === 0 ? [] : await queryRows(
        m,
        KEY_ROW,
        sql`SELECT q.bundle_id, q.question_key, qp.permit_id FROM info_bundle_question_permits qp JOIN info_bundle_questions q ON q.id = qp.question_id JOIN info_bundle_permits bp ON bp.bundle_id = q.bundle_id AND bp.permit_id = qp.permit_id
             WHERE qp.permit_id = ANY(${ids}::uuid[]) AND bp.open`,
      );
      const pending: { question: string; key: string; permitId: string }[] = [];
      let alreadySent: string | null = null;
      for (const q of questions) {
        for (const permitId of q.permitIds) {
          const sentOpen = open.find((o) => o.permit_id === permitId && o.status === 'sent');
          if (sentOpen) {
            if (keys.some((k) => k.bundle_id === sentOpen.bundle_id && k.permit_id === permitId && k.question_key === q.key)) {
              alreadySent = sentOpen.bundle_id;
              continue;
            }
            throw new ApiError('INFO_BUNDLE.PERMIT_ALREADY_ASKED', 'This permit is waiting for the answer to a request already sent; ask again after the answer.', { permitId, infoBundleId: sentOpen.bundle_id });
          }
          pending.push({ question: q.question, key: q.key, permitId });
        }
      }
      // A permit the machine could not ask now (e.g. already decided) is refused before anything is written.
      const notAskable = permits.filter((x) => pending.some((q) => q.permitId === x.id) && !(ASKABLE_STATES as readonly string[]).includes(x.state));
      if (notAskable.length > 0) {
        throw new ApiError('INFO_BUNDLE.PERMIT_NOT_WAITING_FOR_REVIEW', 'Information can be requested only while a permit is in its completeness check or under review.', {
          permits: notAskable.map((x) => ({ permitId: x.id, state: x.state })),
        });
      }
      const now = this.clock.now();
      let [draft] = await queryRows(m, BUNDLE_ROW, sql`SELECT ${BUNDLE_COLS} FROM info_bundles WHERE case_id = ${caseId} AND status = 'draft'`);
      if (pending.length === 0 && alreadySent && !draft) return this.view(p, await this.bundle(m, alreadySent), m);
      if (!draft) {
        [draft] = await queryRows(
          m,
          BUNDLE_ROW,
          sql`INSERT INTO info_bundles (case_id, status, due_on, created_by, created_at) VALUES (${caseId}, 'draft', ${dto.dueOn}, ${p.userId}, ${now}) RETURNING ${BUNDLE_COLS}`,
        );
        await auditCaseEvent(m, caseId, p, 'infoBundle.opened', { infoBundleId: draft.id, dueOn: draft.due_on }, now);
      }
      let added = 0;
      for (const item of pending) {
        await execute(
          m,
          sql`INSERT INTO info_bundle_questions (bundle_id, question_key, question, position, created_at)
              VALUES (${draft.id}, ${item.key}, ${item.question}, (SELECT count(*)::int + 1 FROM info_bundle_questions WHERE bundle_id = ${draft.id}), ${now})
              ON CONFLICT (bundle_id, question_key) DO NOTHING`,
        );
        added += await execute(
          m,
          sql`INSERT INTO info_bundle_question_permits (question_id, permit_id, asked_by)
              SELECT id, ${item.permitId}, ${p.userId} FROM info_bundle_questions WHERE bundle_id = ${draft.id} AND question_key = ${item.key}
              ON CONFLICT DO NOTHING`,
        );
        await execute(m, sql`INSERT INTO info_bundle_permits (bundle_id, permit_id, asked_by) VALUES (${draft.id}, ${item.permitId}, ${p.userId}) ON CONFLICT DO NOTHING`);
      }
      if (added > 0) {
        await execute(m, sql`UPDATE info_bundles SET version = version + 1 WHERE id = ${draft.id}`);
        await auditCaseEvent(m, caseId, p, 'infoBundle.questionsAdded', { infoBundleId: draft.id, questions: added }, now);
      }
      return this.view(p, await this.bundle(m, draft.id), m);
    });
  }

  /**
   * Sends the draft: for every covered permit, its own `authority.infoRequested` (its questions,
   * the one deadline), by the caseworker who asked for it — the permit's clock stops by its own
   * rule. Coordinators and the covered authorities' caseworkers may send.
   */
  async send(p: Principal, id: string, expectedVersion: number) {
    return this.ds.transaction(async (m) => {
      const first = await this.visibleBundle(p, id, m);
      const b = await lockAtVersion(m, first.case_id, () => this.bundle(m, id, true), expectedVersion);
      if (b.status !== 'draft') throw new ApiError('INFO_BUNDLE.NOT_DRAFT', `The request is ${b.status}; only a draft can be sent.`, { requestStatus: b.status });
      const covered = await queryRows(
        m,
        z.object({ permit_id: z.string(), asked_by: z.string(), authority_id: z.string() }),
        sql`SELECT bp.permit_id, bp.asked_by, x.authority_id FROM info_bundle_permits bp JOIN permits x ON x.id = bp.permit_id WHERE bp.bundle_id = ${id} ORDER BY x.code, x.id`,
      );
      if (covered.length === 0) throw new ApiError('INFO_BUNDLE.EMPTY', 'The request has no questions yet.');
      if (p.role === 'caseworker' && !covered.some((c) => c.authority_id === p.authorityId)) throw notFound(id);
      const today = this.today();
      if (compareLocalDates(b.due_on, today) < 0) throw new ApiError('INFO_BUNDLE.DUE_DATE_INVALID', `The answer deadline ${b.due_on} has passed.`, { today });
      const questions = await this.questionsByPermit(m, id);
      const notice = await this.bundleNotice(m, id);
      for (const [i, c] of covered.entries()) {
        const [{ version }] = await queryRows(m, z.object({ version: z.number() }), sql`SELECT version FROM permits WHERE id = ${c.permit_id}`);
        const mine = questions.filter((q) => q.permit_id === c.permit_id).map((q) => q.question);
        // `infoBundleId` makes the planner leave out the permit's own applicant notification; the
        // first event carries the bundle's ONE notice to the company (every question, permit, the one date).
        const payload = { question: permitQuestionText(mine), dueOn: b.due_on, infoBundleId: id, ...(i === 0 ? { bundleNotice: notice } : {}) };
        await this.host.sendPermitEvent(m, c.permit_id, version, 'authority.infoRequested', payload, { userId: c.asked_by, role: 'caseworker' });
      }
      const now = this.clock.now();
      await execute(m, sql`UPDATE info_bundles SET status = 'sent', sent_by = ${p.userId}, sent_at = ${now}, version = version + 1 WHERE id = ${id}`);
      await auditCaseEvent(m, b.case_id, p, 'infoBundle.sent', { infoBundleId: id, permitIds: covered.map((c) => c.permit_id), dueOn: b.due_on }, now);
      return this.view(p, await this.bundle(m, id), m);
    });
  }

  /** The bundle's questions in order, each with the names of the permits that ask it (for the one notification). */
  private async bundleNotice(m: EntityManager, bundleId: string) {
    const rows = await queryRows(
      m,
      z.object({ question_id: z.string(), question: z.string(), code: z.string(), snapshot: z.unknown() }),
      sql`SELECT q.id AS question_id, q.question, x.code, x.snapshot FROM info_bundle_questions q JOIN info_bundle_question_permits qp ON qp.question_id = q.id JOIN permits x ON x.id = qp.permit_id
           WHERE q.bundle_id = ${bundleId} ORDER BY q.position, x.code, x.id`,
    );
    const out: Array<{ question: string; permitsDa: string[]; permitsEn: string[] }> = [];
    const byId = new Map<string, (typeof out)[number]>();
    for (const r of rows) {
      let q = byId.get(r.question_id);
      if (!q) {
        q = { question: r.question, permitsDa: [], permitsEn: [] };
        byId.set(r.question_id, q);
        out.push(q);
      }
      const t = permitTypeOf({ code: r.code, snapshot: r.snapshot as never });
      q.permitsDa.push(t.nameDa);
      q.permitsEn.push(t.nameEn);
    }
    return out;
  }

  private questionsByPermit(m: EntityManager, bundleId: string) {
    return queryRows(
      m,
      z.object({ permit_id: z.string(), question_id: z.string(), question: z.string(), answer: z.string().nullable(), document_ids: z.array(z.string()) }),
      sql`SELECT qp.permit_id, q.id AS question_id, q.question, q.answer, q.document_ids::text[] AS document_ids FROM info_bundle_question_permits qp JOIN info_bundle_questions q ON q.id = qp.question_id
           WHERE q.bundle_id = ${bundleId} ORDER BY q.position`,
    );
  }

  /**
   * The company's one answer: every question exactly once (with documents of the case). Each
   * covered permit gets `applicant.infoProvided` with the answers to its own questions and their
   * documents: its clock resumes by its own rule, exactly as if it had asked alone.
   */
  async answer(p: Principal, id: string, expectedVersion: number, dto: BundleAnswersDto) {
    return this.ds.transaction(async (m) => {
      const first = await this.visibleBundle(p, id, m);
      const [c] = await queryRows(m, z.object({ organisation_id: z.string() }), sql`SELECT organisation_id FROM cases WHERE id = ${first.case_id}`);
      await this.access.assertMayActOnCase(p, first.case_id, 'applicant.infoProvided', m, c.organisation_id);
      const b = await lockAtVersion(m, first.case_id, () => this.bundle(m, id, true), expectedVersion);
      if (b.status !== 'sent') throw new ApiError('INFO_BUNDLE.NOT_SENT', `The request is ${b.status}; only a sent request can be answered.`, { requestStatus: b.status });
      const questions = await queryRows(m, z.object({ id: z.string() }), sql`SELECT id FROM info_bundle_questions WHERE bundle_id = ${id}`);
      const given = dto.answers.map((a) => a.questionId.toLowerCase());
      const missing = questions.map((q) => q.id).filter((q) => !given.includes(q));
      const unknown = given.filter((g) => !questions.some((q) => q.id === g));
      const twice = given.filter((g, i) => given.indexOf(g) !== i);
      if (missing.length + unknown.length + twice.length > 0) {
        throw new ApiError('INFO_BUNDLE.ANSWERS_INCOMPLETE', 'Answer every question of the request exactly once.', { missing, unknown, twice: [...new Set(twice)] });
      }
      await this.cases.assertDocumentsOfCase(m, b.case_id, dto.answers.flatMap((a) => a.documentIds ?? []));
      const now = this.clock.now();
      for (const a of dto.answers) {
        const docs = [...new Set((a.documentIds ?? []).map((d) => d.toLowerCase()))];
        await execute(m, sql`UPDATE info_bundle_questions SET answer = ${a.answer.trim()}, document_ids = ${docs}::uuid[], answered_at = ${now} WHERE id = ${a.questionId.toLowerCase()}`);
      }
      const rows = await this.questionsByPermit(m, id);
      const permitIds = [...new Set(rows.map((r) => r.permit_id))].sort();
      for (const permitId of permitIds) {
        const mine = rows.filter((r) => r.permit_id === permitId);
        const [{ version }] = await queryRows(m, z.object({ version: z.number() }), sql`SELECT version FROM permits WHERE id = ${permitId}`);
        const documentIds = [...new Set(mine.flatMap((r) => r.document_ids))];
        const payload = { answer: permitAnswerText(mine.map((r) => ({ question: r.question, answer: r.answer ?? '' }))), ...(documentIds.length > 0 ? { documentIds } : {}), infoBundleId: id };
        await this.host.sendPermitEvent(m, permitId, version, 'applicant.infoProvided', payload, { userId: p.userId, role: 'applicant' });
      }
      await execute(m, sql`UPDATE info_bundles SET status = 'answered', answered_by = ${p.userId}, answered_at = ${now}, version = version + 1 WHERE id = ${id}`);
      await execute(m, sql`UPDATE info_bundle_permits SET open = false WHERE bundle_id = ${id}`);
      await auditCaseEvent(m, b.case_id, p, 'infoBundle.answered', { infoBundleId: id, permitIds }, now);
      return this.view(p, await this.bundle(m, id), m);
    });
  }
}
