import { Inject, Injectable } from '@nestjs/common';
import { Feed } from 'feed';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { toCopenhagenDate } from '@rl/clocks';
import { queryRows, sql } from '@rl/db';
import { permitTypeAt } from '@rl/case-engine';
import { findMunicipality } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { ApiError } from '../common/problem';

const PUBLISHED_ROW = z.object({
  id: z.string(),
  code: z.string(),
  /** The catalogue version the letter was issued under (its permit's before the column existed and
   *  no upgrade followed: see migration 1764000310100), whose legal basis the list cites. */
  catalog_version: z.string().nullable(),
  outcome: z.string(),
  appeal_deadline_on: z.string(),
  issued_at: z.date(),
  authority_name_da: z.string(),
  org_name: z.string(),
  cvr: z.string(),
  municipality_code: z.string().nullable(),
});
const PDF_ROW = z.object({ pdf: z.instanceof(Buffer), sha256: z.string() });

/**
 * Published decisions (issue 15 item 4): decisions whose catalogue entry says they are published
 * (`decisionTemplateOf(..).publication`, with its source), not superseded, shown with their
 * klagefrist until it has passed (Copenhagen day of the shared application clock). What is shown
 * names the company (a CVR legal entity), never a person: no caseworker, applicant user or
 * commenter appears (the letter summarises comments without names).
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async rows() {
    const today = toCopenhagenDate(this.clock.now());
    return queryRows(
      this.ds,
      PUBLISHED_ROW,
      sql`SELECT x.id, p.code, COALESCE(x.catalog_version, p.snapshot->'context'->>'catalogVersion') AS catalog_version, x.outcome, x.appeal_deadline_on::text, x.issued_at, a.name_da AS authority_name_da, o.name AS org_name, o.cvr,
                 c.facts->>'municipalityCode' AS municipality_code
            FROM decision_documents x JOIN permits p ON p.id = x.permit_id JOIN cases c ON c.id = x.case_id JOIN organisations o ON o.id = c.organisation_id
            JOIN authorities a ON a.id = p.authority_id
           WHERE x.publish AND x.appeal_deadline_on >= ${today}::date AND NOT EXISTS (SELECT 1 FROM decision_documents n WHERE n.supersedes_id = x.id)
           ORDER BY x.issued_at DESC, x.id LIMIT 500`,
    );
  }

  async list() {
    const rows = await this.rows();
    return {
      items: rows.map((r) => {
        const type = permitTypeAt(r.code, r.catalog_version);
        return {
          id: r.id,
          permitCode: r.code,
          permitNameDa: type.nameDa,
          permitNameEn: type.nameEn,
          legalBasis: type.legalBasis,
          outcome: r.outcome,
          company: { name: r.org_name, cvr: r.cvr },
          municipality: r.municipality_code ? (findMunicipality(r.municipality_code)?.nameDa ?? null) : null,
          authorityName: r.authority_name_da,
          issuedAt: r.issued_at.toISOString(),
          appealDeadlineOn: r.appeal_deadline_on,
          pdfUrl: `/api/v1/public/decisions/${r.id}/pdf`,
        };
      }),
    };
  }

  /** The same list as an Atom feed (`feed` builds and escapes the XML). */
  async atom(baseUrl: string): Promise<string> {
    const { items } = await this.list();
    const feed = new Feed({
      title: 'Rød Løber – offentliggjorte afgørelser',
      description: 'Afgørelser, der skal offentliggøres, med klagefrist. Hver afgørelse står her, indtil klagefristen er udløbet.',
      id: `${baseUrl}/api/v1/public/decisions`,
      link: `${baseUrl}/decisions`,
      language: 'da',
      copyright: 'Offentlige afgørelser',
      updated: items[0] ? new Date(items[0].issuedAt) : new Date(0),
      feedLinks: { atom: `${baseUrl}/api/v1/public/decisions/feed.atom` },
    });
    for (const i of items) {
      feed.addItem({
        title: `${i.permitNameDa}: ${i.company.name}${i.municipality ? ` (${i.municipality})` : ''} – klagefrist ${i.appealDeadlineOn}`,
        id: `urn:uuid:${i.id}`,
        link: `${baseUrl}${i.pdfUrl}`,
        description: `${i.authorityName} har truffet afgørelse (${i.outcome}) efter ${i.legalBasis}. Klagefristen udløber den ${i.appealDeadlineOn}.`,
        date: new Date(i.issuedAt),
      });
    }
    return feed.atom1();
  }

  /** The PDF of a decision while it is published. */
  async pdf(id: string): Promise<{ pdf: Buffer; sha256: string }> {
    const published = (await this.rows()).some((r) => r.id === id.toLowerCase());
    const [row] = published ? await queryRows(this.ds, PDF_ROW, sql`SELECT pdf, sha256 FROM decision_documents WHERE id = ${id}`) : [];
    if (!row) throw new ApiError('DECISION.NOT_FOUND', `Published decision ${id} was not found.`);
    return row;
  }
}
