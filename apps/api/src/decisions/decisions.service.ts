import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import { decisionDates, loadPermit, PermitHostService, VersionConflictError, type PermitRow } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { decisionTemplateOf, findMunicipality, getPermitType } from '@rl/permits-catalog';
import { allowedEvents, EventNotAllowedError, restorePermitSnapshot, type Role } from '@rl/permits-machines';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessService, PermitNotFoundError } from '../access';
import type { Principal } from '../auth';
import { CaseService } from '../cases/case.service';
import { ApiError } from '../common/problem';
import { AUTHORITY_NAME_COLUMNS } from '../common/row-columns';
import { DOCUMENT_STORAGE, documentKey, type DocumentStorage } from '../documents';
import { assertComplete, type DecisionInput } from './decision-input';
import { renderDecisionPdf, type DecisionLetter, type HearingResponseSummary } from './decision-letter';

const LETTER_ROW = z.object({
  reference: z.string(),
  title: z.string(),
  municipality_code: z.string().nullable(),
  org_name: z.string(),
  cvr: z.string(),
  ...AUTHORITY_NAME_COLUMNS,
});

const COMMENT_SUMMARY_ROW = z.object({ received_at: z.date(), late: z.boolean(), considered_note: z.string().nullable() });

export const DECISION_ROW = z.object({
  id: z.string(),
  permit_id: z.string(),
  document_id: z.string(),
  filename: z.string(),
  size_bytes: z.union([z.string(), z.number()]),
  locale: z.enum(['da', 'en']),
  outcome: z.enum(['granted', 'grantedWithConditions', 'refused']),
  conditions: z.array(z.string()),
  appeal_deadline_on: z.string().nullable(),
  usable_from: z.string().nullable(),
  sha256: z.string(),
  publish: z.boolean(),
  supersedes_id: z.string().nullable(),
  superseded_by: z.string().nullable(),
  issued_at: z.date(),
});
export type DecisionRow = z.infer<typeof DECISION_ROW>;

export function decisionDto(r: DecisionRow) {
  return {
    id: r.id,
    permitId: r.permit_id,
    documentId: r.document_id,
    filename: r.filename,
    sizeBytes: Number(r.size_bytes),
    locale: r.locale,
    outcome: r.outcome,
    conditions: r.conditions,
    appealDeadlineOn: r.appeal_deadline_on,
    usableFrom: r.usable_from,
    sha256: r.sha256,
    published: r.publish,
    supersedesId: r.supersedes_id,
    supersededById: r.superseded_by,
    issuedAt: r.issued_at.toISOString(),
    contentUrl: `/api/v1/documents/${r.document_id}/content`,
  };
}
export type DecisionDto = ReturnType<typeof decisionDto>;

const DECISION_SELECT = sql`SELECT x.id, x.permit_id, x.document_id, d.filename, d.size_bytes, x.locale, x.outcome, x.conditions, x.appeal_deadline_on::text, x.usable_from::text,
    x.sha256, x.publish, x.supersedes_id, n.id AS superseded_by, x.issued_at
  FROM decision_documents x JOIN documents d ON d.id = x.document_id LEFT JOIN decision_documents n ON n.supersedes_id = x.id`;

const DRAFT_STATE_ROW = z.object({ respond_by: z.string(), response: z.string().nullable() });

/**
 * Where the catalogue asks for partshøring (e.g. the environmental permit: draft to the company
 * for 2–4 weeks, permits-research.md §1 #6), a decision needs a draft sent to the company that it
 * answered or whose deadline has passed: 422 DECISION.PARTY_HEARING_PENDING otherwise.
 */
async function assertPartyHearingDone(m: EntityManager, permitId: string, today: string): Promise<void> {
  const [draft] = await queryRows(m, DRAFT_STATE_ROW, sql`SELECT respond_by::text, response FROM decision_drafts WHERE permit_id = ${permitId} ORDER BY sent_at DESC LIMIT 1`);
  if (!draft) throw new ApiError('DECISION.PARTY_HEARING_PENDING', 'The draft decision must first be sent to the company (partshøring).', { draftSent: false });
  if (draft.response === null && draft.respond_by >= today) {
    throw new ApiError('DECISION.PARTY_HEARING_PENDING', `The company may comment on the draft until ${draft.respond_by}.`, { draftSent: true, respondBy: draft.respond_by });
  }
}

/**
 * Decision letters (issue 15): preview (PDF, nothing stored), issue (PDF rendered HERE, in the
 * API, before the transition — then the transition registers it through the planner and the one
 * writer, in the same database transaction), and the list on the permit.
 */
@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly cases: CaseService,
    private readonly host: PermitHostService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The letter a decision with `input` given at `now` would be (dates exactly as the transition stores them). */
  async letter(m: EntityManager, row: PermitRow, input: DecisionInput, now: Date, watermark: string | null): Promise<DecisionLetter> {
    const snapshot = restorePermitSnapshot(row.snapshot, row.machine_version);
    // The machine decides whether a decision is allowed now (state, hearing, role): ask it before rendering.
    if (!allowedEvents(snapshot, 'caseworker', now.toISOString()).includes('authority.decisionIssued')) {
      throw new EventNotAllowedError('authority.decisionIssued', 'caseworker', snapshot.value, allowedEvents(snapshot, 'caseworker', now.toISOString()), 'PERMIT.EVENT_NOT_ALLOWED');
    }
    const permitType = getPermitType(row.code, snapshot.context.catalogVersion);
    const template = decisionTemplateOf(permitType);
    assertComplete(input, template);
    const [ctx] = await queryRows(
      m,
      LETTER_ROW,
      sql`SELECT c.reference, c.title, c.facts->>'municipalityCode' AS municipality_code, o.name AS org_name, o.cvr, a.name_da AS authority_name_da, a.name_en AS authority_name_en
          FROM permits p JOIN cases c ON c.id = p.case_id JOIN organisations o ON o.id = c.organisation_id JOIN authorities a ON a.id = p.authority_id WHERE p.id = ${row.id}`,
    );
    const comments = await queryRows(
      m,
      COMMENT_SUMMARY_ROW,
      sql`SELECT hc.received_at, hc.late, hc.considered_note FROM hearing_comments hc JOIN hearings h ON h.id = hc.hearing_id WHERE h.permit_id = ${row.id} ORDER BY hc.received_at, hc.id`,
    );
    const [previous] = await queryRows(m, DECISION_ROW, sql`${DECISION_SELECT} WHERE x.permit_id = ${row.id} AND n.id IS NULL ORDER BY x.issued_at DESC LIMIT 1`);
    const dates = decisionDates(row, input.outcome, now);
    const municipality = ctx.municipality_code ? findMunicipality(ctx.municipality_code) : undefined;
    const hearingResponses: HearingResponseSummary[] = comments.map((c) => ({ receivedOn: toCopenhagenDate(c.received_at), late: c.late, consideredNote: c.considered_note }));
    return {
      locale: input.locale,
      permitType,
      template,
      authorityName: input.locale === 'en' ? ctx.authority_name_en : ctx.authority_name_da,
      caseReference: ctx.reference,
      caseTitle: ctx.title,
      permitId: row.id,
      company: { name: ctx.org_name, cvr: ctx.cvr },
      siteMunicipality: municipality ? (input.locale === 'en' ? municipality.nameEn : municipality.nameDa) : null,
      issuedOn: toCopenhagenDate(now),
      outcome: input.outcome as DecisionLetter['outcome'],
      conditions: input.conditions,
      reasons: input.reasons,
      appealDeadlineOn: dates.appealDeadlineOn,
      usableFrom: dates.usableFrom,
      hearingResponses,
      watermark,
      supersedes: previous ? { issuedOn: toCopenhagenDate(previous.issued_at) } : null,
    };
  }

  async permitOf(m: EntityManager, permitId: string): Promise<PermitRow> {
    const row = await loadPermit(m, permitId);
    if (!row) throw new PermitNotFoundError(permitId);
    return row;
  }

  /** The PDF the decision would be, marked as a preview; nothing is stored. */
  async preview(p: Principal, permitId: string, input: DecisionInput): Promise<Buffer> {
    await this.access.assertPermitVisible(p, permitId);
    const row = await this.permitOf(this.ds.manager, permitId);
    const watermark = input.locale === 'en' ? 'PREVIEW – NOT A DECISION' : 'UDKAST – IKKE EN AFGØRELSE';
    return renderDecisionPdf(await this.letter(this.ds.manager, row, input, this.clock.now(), watermark));
  }

  /**
   * Issues the decision: renders the letter, stores its bytes, and runs the transition that
   * registers it (documents + decision_documents rows, audit with its SHA-256, publication,
   * notifications with the PDF) — one database transaction; the bytes are removed if it fails.
   */
  async issue(p: Principal, permitId: string, expectedVersion: number, input: DecisionInput) {
    const id = randomUUID();
    const documentId = randomUUID();
    let storedKey: string | null = null;
    try {
      const result = await this.ds.transaction(async (m) => {
        const { caseId } = await this.access.assertPermitVisible(p, permitId, m, true);
        const row = await this.permitOf(m, permitId);
        if (row.version !== expectedVersion) throw new VersionConflictError(row.version);
        const now = this.clock.now();
        const letter = await this.letter(m, row, input, now, null);
        if (letter.template.partyHearing) await assertPartyHearingDone(m, permitId, toCopenhagenDate(now));
        await this.cases.assertNoOpenReferral(m, permitId);
        const pdf = await renderDecisionPdf(letter);
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        const key = documentKey(caseId, documentId);
        await this.storage.put(key, pdf, 'application/pdf');
        storedKey = key;
        const filename = `${input.locale === 'en' ? 'decision' : 'afgoerelse'}-${letter.caseReference}-${row.code.toLowerCase()}-${letter.issuedOn}.pdf`;
        const [previous] = await queryRows(m, DECISION_ROW, sql`${DECISION_SELECT} WHERE x.permit_id = ${permitId} AND n.id IS NULL ORDER BY x.issued_at DESC LIMIT 1`);
        const payload = { outcome: letter.outcome, reason: input.reasons, ...(input.conditions.length > 0 ? { conditions: input.conditions } : {}) };
        const updated = await this.host.sendPermitEvent(m, permitId, expectedVersion, 'authority.decisionIssued', payload, { userId: p.userId, role: p.role as Role }, {
          at: now,
          document: { id, documentId, filename, storageKey: key, sha256, pdf, locale: input.locale, supersedesId: previous?.id ?? null },
        });
        const [decision] = await queryRows(m, DECISION_ROW, sql`${DECISION_SELECT} WHERE x.id = ${id}`);
        return { permit: this.cases.transitionedPermitView(p, updated), decision: decisionDto(decision) };
      });
      this.logger.log(`decision ${id} on permit ${permitId} issued (sha256 ${result.decision.sha256})`);
      return result;
    } catch (e) {
      if (storedKey) await this.storage.delete(storedKey).catch((err: unknown) => this.logger.error(`could not remove orphaned decision bytes ${storedKey}: ${String(err)}`));
      throw e;
    }
  }

  /** Every decision letter of a permit, newest first, with what superseded what. */
  async list(p: Principal, permitId: string): Promise<DecisionDto[]> {
    await this.access.assertPermitVisible(p, permitId);
    const rows = await queryRows(this.ds, DECISION_ROW, sql`${DECISION_SELECT} WHERE x.permit_id = ${permitId} ORDER BY x.issued_at DESC, x.id`);
    return rows.map(decisionDto);
  }
}
