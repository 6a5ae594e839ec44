import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { execute, queryRows, sql } from '@rl/db';
import { permitTypeAt } from '@rl/case-engine';
import { findMunicipality } from '@rl/permits-catalog';
import { CLOCK, REDIS, type Clock } from '@rl/server-infra';
import { AccessService } from '../access';
import type { Principal } from '../auth';
import { ApiError } from '../common/problem';
import { AUTHORITY_NAME_COLUMNS } from '../common/row-columns';
import { DOCUMENT_STORAGE, detectDocumentType, type DocumentStorage } from '../documents';
import { sanitizeFilename } from '../documents/filename';
import { UUID } from '../common/uuid';

/** Limits of a comment from the public (issue 15: size limits, no HTML, rate limit per client). */
export const COMMENT_LIMITS = { textChars: 5000, nameChars: 200, attachmentBytes: 128 * 1024, perClientPerHour: 5 } as const;

export const COMMENT_INPUT = z
  .object({
    name: z.string().trim().min(1).max(1000),
    email: z.email().max(320),
    text: z.string().trim().min(1).max(100_000),
    /** Honeypot: a field people never see; a bot that fills it in is refused. */
    website: z.string().max(1000).optional(),
    attachment: z.object({ filename: z.string().min(1).max(255), contentBase64: z.string().max(400_000) }).strict().optional(),
  })
  .strict();
export type CommentInput = z.infer<typeof COMMENT_INPUT>;
/** Why a public comment can be refused, besides an unknown hearing: markup or a filled honeypot, size, rate, a malformed body. */
export const COMMENT_PROBLEMS = ['HEARING.COMMENT_REFUSED', 'HEARING.COMMENT_TOO_LARGE', 'HEARING.COMMENT_RATE_LIMITED', 'REQUEST.VALIDATION_FAILED', 'REQUEST.TOO_LARGE'] as const;

/** Markup of any kind: a tag, a comment, a doctype or an entity. Comments are plain text only. */
const MARKUP = /<\s*[a-z!/?]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

const HEARING_ROW = z.object({
  id: z.string(),
  permit_id: z.string(),
  code: z.string(),
  /** The catalogue version the permit runs under: the page names the type and legal basis of that version. */
  catalog_version: z.string().nullable(),
  audience: z.string(),
  document_ids: z.array(z.string()),
  started_at: z.date(),
  earliest_end_at: z.date(),
  ended_at: z.date().nullable(),
  joint_hearing_id: z.string().nullable(),
  case_title: z.string(),
  municipality_code: z.string().nullable(),
  ...AUTHORITY_NAME_COLUMNS,
});
const DOC_ROW = z.object({ id: z.string(), filename: z.string(), content_type: z.string(), size_bytes: z.union([z.string(), z.number()]), storage_key: z.string() });
const COMMENT_ROW = z.object({
  id: z.string(),
  hearing_id: z.string(),
  name: z.string(),
  email: z.string(),
  body: z.string(),
  attachment_filename: z.string().nullable(),
  attachment_sha256: z.string().nullable(),
  late: z.boolean(),
  received_at: z.date(),
  considered_at: z.date().nullable(),
  considered_note: z.string().nullable(),
  version: z.number(),
});
const ID_ROW = z.object({ id: z.string(), received_at: z.date() });

const HEARING_SELECT = sql`SELECT h.id, h.permit_id, p.code, p.snapshot->'context'->>'catalogVersion' AS catalog_version, h.audience, h.document_ids::text[] AS document_ids, h.started_at, h.earliest_end_at, h.ended_at, h.joint_hearing_id,
    c.title AS case_title, c.facts->>'municipalityCode' AS municipality_code, a.name_da AS authority_name_da, a.name_en AS authority_name_en
  FROM hearings h JOIN permits p ON p.id = h.permit_id JOIN cases c ON c.id = h.case_id JOIN authorities a ON a.id = p.authority_id`;

const notFound = (id: string) => new ApiError('HEARING.NOT_FOUND', `Hearing ${id} was not found.`);
const refused = (field: string, code: string, message: string) => new ApiError('HEARING.COMMENT_REFUSED', message, { errors: [{ field, code, message }] });

/**
 * Hearings people can answer (issue 15 item 3). A hearing row is opened and closed by the permit
 * transition (planner → writer); this reads it for the public page, takes comments from anyone
 * (checked before anything is written) and lets the authority mark each as considered.
 */
@Injectable()
export class HearingsService {
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REDIS) redis: Redis,
  ) {
    // Per client and hearing, shared by every API process (Redis), on top of the global budget.
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'rl:hearing-comments', points: COMMENT_LIMITS.perClientPerHour, duration: 3600 });
  }

  private async hearing(id: string) {
    if (!UUID.test(id)) throw notFound(id);
    const [h] = await queryRows(this.ds, HEARING_ROW, sql`${HEARING_SELECT} WHERE h.id = ${id}`);
    if (!h) throw notFound(id);
    return h;
  }

  private async documents(h: z.infer<typeof HEARING_ROW>) {
    if (h.document_ids.length === 0) return [];
    return queryRows(this.ds, DOC_ROW, sql`SELECT id, filename, content_type, size_bytes, storage_key FROM documents WHERE id = ANY(${h.document_ids}::uuid[]) ORDER BY created_at, id`);
  }

  private publicView(h: z.infer<typeof HEARING_ROW>, docs: z.infer<typeof DOC_ROW>[]) {
    const type = permitTypeAt(h.code, h.catalog_version);
    const municipality = h.municipality_code ? findMunicipality(h.municipality_code) : undefined;
    const now = this.clock.now();
    return {
      id: h.id,
      permitCode: h.code,
      permitNameDa: type.nameDa,
      permitNameEn: type.nameEn,
      legalBasis: type.legalBasis,
      projectTitle: h.case_title,
      municipality: municipality?.nameDa ?? null,
      authorityNameDa: h.authority_name_da,
      authorityNameEn: h.authority_name_en,
      audience: h.audience,
      startedAt: h.started_at.toISOString(),
      earliestEndAt: h.earliest_end_at.toISOString(),
      endedAt: h.ended_at?.toISOString() ?? null,
      open: h.ended_at === null || h.ended_at > now,
      // Issue 17: a permit's hearing that is part of a joint hearing (one public page for several permits).
      jointHearingId: h.joint_hearing_id,
      documents: docs.map((d) => ({ id: d.id, filename: d.filename, contentType: d.content_type, sizeBytes: Number(d.size_bytes), url: `/api/v1/public/hearings/${h.id}/documents/${d.id}` })),
      limits: COMMENT_LIMITS,
    };
  }

  async publicHearing(id: string) {
    const h = await this.hearing(id);
    return this.publicView(h, await this.documents(h));
  }

  /** Open hearings, newest first (the public index). */
  async openHearings() {
    const rows = await queryRows(this.ds, HEARING_ROW, sql`${HEARING_SELECT} WHERE h.ended_at IS NULL ORDER BY h.started_at DESC LIMIT 100`);
    return { items: rows.map((h) => this.publicView(h, [])) };
  }

  async publicDocument(hearingId: string, documentId: string): Promise<{ filename: string; contentType: string; body: Buffer | Readable }> {
    const h = await this.hearing(hearingId);
    const doc = (await this.documents(h)).find((d) => d.id === documentId.toLowerCase());
    if (!doc) throw new ApiError('DOCUMENT.NOT_FOUND', `Document ${documentId} was not found.`);
    return { filename: doc.filename, contentType: doc.content_type, body: await this.storage.get(doc.storage_key) };
  }

  /**
   * A comment from anyone. Refused (problem+json, nothing written) when the hearing does not exist
   * (404), the client sent too many (429), it is too large (413), or it carries markup or fills
   * the honeypot (422). After the hearing closed it is still kept, marked late (201, late: true).
   */
  async comment(hearingId: string, clientIp: string | undefined, input: CommentInput) {
    const h = await this.hearing(hearingId);
    const [row] = await this.commentOn([h], h.id, clientIp, input);
    return row;
  }

  /** The hearing rows with these ids (public data only), for a joint hearing's page (issue 17). */
  async hearingsByIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    return queryRows(this.ds, HEARING_ROW, sql`${HEARING_SELECT} WHERE h.id = ANY(${[...ids]}::uuid[]) ORDER BY p.code`);
  }

  /**
   * One comment to several hearings at once (issue 17: a joint hearing routes a comment to each
   * covered permit's hearing, so each permit's caseworker sees and considers it). One rate-limit
   * budget per client and `rateKey`; every check runs before anything is written; one statement.
   */
  async commentOn(hearings: readonly Pick<z.infer<typeof HEARING_ROW>, 'id' | 'ended_at'>[], rateKey: string, clientIp: string | undefined, input: CommentInput) {
    try {
      await this.limiter.consume(`${clientIp ?? 'unknown'}:${rateKey}`);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      throw new ApiError('HEARING.COMMENT_RATE_LIMITED', `At most ${COMMENT_LIMITS.perClientPerHour} comments per hour from one client to one hearing.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)),
      });
    }
    if (input.website && input.website.trim() !== '') throw refused('website', 'HONEYPOT', 'The comment was refused.');
    if (input.text.length > COMMENT_LIMITS.textChars) {
      throw new ApiError('HEARING.COMMENT_TOO_LARGE', `A comment may be at most ${COMMENT_LIMITS.textChars} characters.`, { maxChars: COMMENT_LIMITS.textChars });
    }
    if (input.name.length > COMMENT_LIMITS.nameChars) throw refused('name', 'TOO_LONG', `A name may be at most ${COMMENT_LIMITS.nameChars} characters.`);
    for (const [field, value] of [['name', input.name], ['text', input.text]] as const) {
      if (MARKUP.test(value)) throw refused(field, 'MARKUP_NOT_ALLOWED', 'Comments are plain text: HTML, script and other markup are not accepted.');
    }
    let attachment: { filename: string; contentType: string; sha256: string; bytes: Buffer } | null = null;
    if (input.attachment) {
      const bytes = Buffer.from(input.attachment.contentBase64, 'base64');
      if (bytes.length > COMMENT_LIMITS.attachmentBytes) {
        throw new ApiError('HEARING.COMMENT_TOO_LARGE', `An attachment may be at most ${COMMENT_LIMITS.attachmentBytes} bytes.`, { maxBytes: COMMENT_LIMITS.attachmentBytes });
      }
      const filename = sanitizeFilename(input.attachment.filename);
      const detected = detectDocumentType(bytes, filename);
      if (!detected.ok) throw refused('attachment', 'TYPE_NOT_ALLOWED', detected.reason);
      attachment = { filename, contentType: detected.contentType, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
    }
    const now = this.clock.now();
    const lateOf = (h: { ended_at: Date | null }) => h.ended_at !== null && h.ended_at <= now;
    const rows = await queryRows(
      this.ds,
      ID_ROW.extend({ hearing_id: z.string(), late: z.boolean() }),
      sql`INSERT INTO hearing_comments (hearing_id, name, email, body, attachment_filename, attachment_content_type, attachment_sha256, attachment, late, received_at)
          SELECT h.id, ${input.name}, ${input.email}, ${input.text}, ${attachment?.filename ?? null}, ${attachment?.contentType ?? null}, ${attachment?.sha256 ?? null},
                 ${attachment?.bytes ?? null}::bytea, h.late, ${now}
            FROM unnest(${hearings.map((h) => h.id)}::uuid[], ${hearings.map(lateOf)}::boolean[]) AS h(id, late)
          RETURNING id, hearing_id, late, received_at`,
    );
    return rows.map((row) => ({ id: row.id, hearingId: row.hearing_id, late: row.late, receivedAt: row.received_at.toISOString() }));
  }

  private async assertPermitOfHearing(p: Principal, h: z.infer<typeof HEARING_ROW>) {
    // Comments carry personal data of the public: only the deciding authority and coordinators read them.
    if (p.role !== 'caseworker' && p.role !== 'coordinator') throw notFound(h.id);
    await this.access.assertPermitVisible(p, h.permit_id).catch(() => {
      throw notFound(h.id);
    });
  }

  /** The hearings of a permit with their comments (authority and coordinators). */
  async forPermit(p: Principal, permitId: string) {
    await this.access.assertPermitVisible(p, permitId);
    if (p.role !== 'caseworker' && p.role !== 'coordinator') return { items: [] };
    const hearings = await queryRows(this.ds, HEARING_ROW, sql`${HEARING_SELECT} WHERE h.permit_id = ${permitId} ORDER BY h.started_at`);
    const comments = await queryRows(
      this.ds,
      COMMENT_ROW,
      sql`SELECT hc.id, hc.hearing_id, hc.name, hc.email, hc.body, hc.attachment_filename, hc.attachment_sha256, hc.late, hc.received_at, hc.considered_at, hc.considered_note, hc.version
            FROM hearing_comments hc JOIN hearings h ON h.id = hc.hearing_id WHERE h.permit_id = ${permitId} ORDER BY hc.received_at, hc.id`,
    );
    return {
      items: hearings.map((h) => ({
        ...this.publicView(h, []),
        comments: comments.filter((c) => c.hearing_id === h.id).map(commentDto),
      })),
    };
  }

  /** Marks a comment as considered, with the authority's note (version-checked: 409 when stale). */
  async consider(p: Principal, commentId: string, expectedVersion: number, note: string) {
    const [c] = UUID.test(commentId) ? await queryRows(this.ds, z.object({ hearing_id: z.string() }), sql`SELECT hearing_id FROM hearing_comments WHERE id = ${commentId}`) : [];
    if (!c) throw new ApiError('HEARING.COMMENT_NOT_FOUND', `Comment ${commentId} was not found.`);
    const h = await this.hearing(c.hearing_id);
    await this.assertPermitOfHearing(p, h).catch(() => {
      throw new ApiError('HEARING.COMMENT_NOT_FOUND', `Comment ${commentId} was not found.`);
    });
    if (p.role !== 'caseworker') throw new ApiError('AUTH.FORBIDDEN', 'Only the deciding authority considers comments.');
    const now = this.clock.now();
    return this.ds.transaction(async (m) => {
      const updated = await queryRows(
        m,
        COMMENT_ROW,
        sql`UPDATE hearing_comments SET considered_at = ${now}, considered_note = ${note}, considered_by = ${p.userId}, version = version + 1
             WHERE id = ${commentId} AND version = ${expectedVersion}
             RETURNING id, hearing_id, name, email, body, attachment_filename, attachment_sha256, late, received_at, considered_at, considered_note, version`,
      );
      if (updated.length === 0) {
        const [{ version }] = await queryRows(m, z.object({ version: z.number() }), sql`SELECT version FROM hearing_comments WHERE id = ${commentId}`);
        throw new ApiError('CONCURRENCY.VERSION_CONFLICT', `The comment changed (version ${version}); reload it.`, { currentVersion: version });
      }
      await execute(
        m,
        sql`INSERT INTO audit_events (case_id, permit_id, actor_user_id, actor_role, event_type, payload, occurred_at)
            SELECT h.case_id, h.permit_id, ${p.userId}, ${p.role}, 'hearing.commentConsidered', ${JSON.stringify({ commentId, hearingId: h.id })}::jsonb, ${now} FROM hearings h WHERE h.id = ${c.hearing_id}`,
      );
      return commentDto(updated[0]);
    });
  }
}

function commentDto(c: z.infer<typeof COMMENT_ROW>) {
  return {
    id: c.id,
    hearingId: c.hearing_id,
    name: c.name,
    email: c.email,
    text: c.body,
    attachment: c.attachment_filename ? { filename: c.attachment_filename, sha256: c.attachment_sha256 } : null,
    late: c.late,
    receivedAt: c.received_at.toISOString(),
    consideredAt: c.considered_at?.toISOString() ?? null,
    consideredNote: c.considered_note,
    version: c.version,
  };
}
