import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PermitHostService } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { decisionTemplateOf, getPermitType } from '@rl/permits-catalog';
import { restorePermitSnapshot } from '@rl/permits-machines';
import { CLOCK, type Clock } from '@rl/server-infra';
import { Inject } from '@nestjs/common';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import type { DecisionInput } from './decision-input';
import { renderDecisionPdf } from './decision-letter';
import { DecisionsService } from './decisions.service';

const DRAFT_ROW = z.object({
  id: z.string(),
  outcome: z.enum(['granted', 'grantedWithConditions', 'refused']),
  conditions: z.array(z.string()),
  reasons: z.string(),
  sent_at: z.date(),
  respond_by: z.string(),
  response: z.enum(['accepted', 'commented']).nullable(),
  response_text: z.string().nullable(),
  responded_at: z.date().nullable(),
});
type DraftRow = z.infer<typeof DRAFT_ROW>;

const draftDto = (d: DraftRow) => ({
  id: d.id,
  outcome: d.outcome,
  conditions: d.conditions,
  reasons: d.reasons,
  sentAt: d.sent_at.toISOString(),
  respondBy: d.respond_by,
  response: d.response,
  responseText: d.response_text,
  respondedAt: d.responded_at?.toISOString() ?? null,
});

const noDraft = (permitId: string) => new ApiError('DECISION.DRAFT_NOT_FOUND', `Permit ${permitId} has no draft decision.`);

/** Partshøring (issue 15 item 2): the draft decision to the company, its answer, and the draft as PDF. */
@Injectable()
export class PartyHearingService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly decisions: DecisionsService,
    private readonly host: PermitHostService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async latest(permitId: string): Promise<DraftRow | undefined> {
    const [d] = await queryRows(
      this.ds,
      DRAFT_ROW,
      sql`SELECT id, outcome, conditions, reasons, sent_at, respond_by::text, response, response_text, responded_at FROM decision_drafts WHERE permit_id = ${permitId} ORDER BY sent_at DESC LIMIT 1`,
    );
    return d;
  }

  /** Sends the draft (caseworker): checked like a decision (allowed now, template complete). */
  async send(p: Principal, permitId: string, expectedVersion: number, input: DecisionInput) {
    return this.ds.transaction(async (m) => {
      await this.access.assertPermitVisible(p, permitId, m, true);
      const row = await this.decisions.permitOf(m, permitId);
      const letter = await this.decisions.letter(m, row, input, this.clock.now(), null);
      const type = getPermitType(row.code, restorePermitSnapshot(row.snapshot, row.machine_version).context.catalogVersion);
      // The catalogue's shortest period (2 weeks for the environmental permit); FVL §19 gives no
      // length, so 2 weeks is used where the catalogue has none (inference).
      const period = decisionTemplateOf(type).partyHearing?.minDuration ?? { unit: 'weeks' as const, length: 2 };
      const draft = { id: randomUUID(), outcome: letter.outcome, conditions: letter.conditions, reasons: letter.reasons };
      const updated = await this.host.partyHearing(m, permitId, expectedVersion, { kind: 'send', draft, period }, { userId: p.userId, role: 'caseworker' });
      return { version: updated.version, draftId: draft.id };
    });
  }

  /** The company accepts the draft or comments on it (applicant; only an unanswered draft). */
  async answer(p: Principal, permitId: string, expectedVersion: number, response: 'accepted' | 'commented', text: string | null) {
    return this.ds.transaction(async (m) => {
      await this.access.assertPermitVisible(p, permitId, m, true);
      const draft = await this.latest(permitId);
      if (!draft || draft.response !== null) throw noDraft(permitId);
      const updated = await this.host.partyHearing(m, permitId, expectedVersion, { kind: 'answer', draftId: draft.id, response, text }, { userId: p.userId, role: 'applicant' });
      return { version: updated.version, draftId: draft.id };
    });
  }

  async current(p: Principal, permitId: string) {
    await this.access.assertPermitVisible(p, permitId);
    const d = await this.latest(permitId);
    if (!d) throw noDraft(permitId);
    return draftDto(d);
  }

  /** The draft as the letter it would become (watermarked "draft"), for the company to read. */
  async pdf(p: Principal, permitId: string): Promise<Buffer> {
    await this.access.assertPermitVisible(p, permitId);
    const d = await this.latest(permitId);
    if (!d) throw noDraft(permitId);
    const row = await this.decisions.permitOf(this.ds.manager, permitId);
    const letter = await this.decisions.letter(this.ds.manager, row, { outcome: d.outcome, conditions: d.conditions, reasons: d.reasons, locale: 'da' }, d.sent_at, 'UDKAST TIL AFGØRELSE');
    return renderDecisionPdf(letter);
  }
}
