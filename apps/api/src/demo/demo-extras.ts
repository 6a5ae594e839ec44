import type { INestApplicationContext } from '@nestjs/common';
import { execute, queryRows, sql } from '@rl/db';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { DocumentsService } from '../documents/documents.service';
import { DocumentVersionsService } from '../documents/document-versions.service';
import { ProxyService } from '../proxy/proxy.service';
import { DEMO_CASES, principalOf } from './demo-cases';
import { type DemoPdf, renderDemoPdf } from './demo-pdf';

const NORDLYS = 'Nordlys Pharma A/S';
const BOLGE = 'Bølge Biotech ApS';
export const DEMO_CONSULTANT = 'carl@gronraad.example';

interface DemoDocument extends DemoPdf {
  filename: string;
  /** Permit code of the case the document belongs to; absent: the whole case. */
  permitCode?: string;
  /** A revised edition uploaded as version 2 (shows the version history). */
  revised?: Partial<DemoPdf>;
}

/** Small, realistic application documents per demo case (issue 14 point 7). Contents are illustrative. */
const DOCUMENTS: Record<keyof typeof DEMO_CASES, { owner: string; docs: DemoDocument[] }> = {
  inProgress: {
    owner: 'anna@nordlys.example',
    docs: [
      {
        filename: 'projektbeskrivelse-api-fabrik.pdf',
        title: 'Projektbeskrivelse: ny API-produktionsbygning',
        company: NORDLYS,
        paragraphs: [
          'Nordlys Pharma A/S udvider anlægget i Kalundborg med en produktionsbygning til aktive lægemiddelstoffer (API) på ca. 12.000 m².',
          'Produktionen omfatter kemisk syntese i lukkede reaktorer, oprensning og tørring. Procesvand indvindes fra egne boringer.',
        ],
        facts: [
          ['Adresse', 'Industrivej 12, 4400 Kalundborg'],
          ['Matrikel', '12a, Kalundborg Markjorder'],
          ['Investering', '850 mio. kr.'],
          ['Ønsket byggestart', '1. kvartal 2027'],
        ],
      },
      {
        filename: 'miljoeansoegning-bilag-1.pdf',
        permitCode: 'MILJOEGODKENDELSE',
        title: 'Ansøgning om miljøgodkendelse — oplysninger efter bilag 4',
        basis: 'Godkendelsesbekendtgørelsen, bilag 4 (ansøgningens indhold)',
        company: NORDLYS,
        paragraphs: [
          'Virksomheden er omfattet af bilag 1 (listepunkt 4.5, fremstilling af farmaceutiske produkter). Ansøgningen beskriver råvarer, energiforbrug, emissioner til luft og vand, støj og affald.',
          'BAT-konklusioner for organisk finkemi er lagt til grund. Støj fra ventilation dæmpes til højst 40 dB(A) om natten ved nærmeste bolig.',
        ],
        facts: [
          ['Listepunkt', '4.5 (bilag 1, s-mærket)'],
          ['Spildevand', 'Til Kalundborg Forsyning efter forbehandling'],
          ['Støj, nat', 'højst 40 dB(A) ved nærmeste bolig'],
        ],
      },
      {
        filename: 'vandindvinding-boringsplan.pdf',
        permitCode: 'VANDINDVINDING',
        title: 'Ansøgning om vandindvinding — boringer og mængder',
        basis: 'Vandforsyningsloven §20; indvindingsbekendtgørelsen',
        company: NORDLYS,
        paragraphs: ['Der søges om indvinding af grundvand til procesformål fra to boringer på egen grund.'],
        facts: [
          ['Årlig mængde', '180.000 m³'],
          ['Boringer', 'DGU 206.1234 og 206.1235'],
          ['Magasin', 'Kalkmagasin, 40–60 m u.t.'],
        ],
      },
    ],
  },
  draft: {
    owner: 'bo@bolge.example',
    docs: [
      {
        filename: 'gmo-risikovurdering.pdf',
        title: 'Risikovurdering: indesluttet anvendelse af GMO, klasse 1',
        basis: 'Bekendtgørelse om genteknologi og arbejdsmiljø',
        company: BOLGE,
        paragraphs: ['Produktionsstammen er en genmodificeret Bacillus subtilis uden kendte patogene egenskaber. Fermentering sker i lukkede tanke med sterilfiltrering af afkast.'],
        facts: [
          ['Klasse', '1 (ingen eller ubetydelig risiko)'],
          ['Fermentorvolumen', '4 × 60 m³'],
        ],
      },
    ],
  },
  completed: {
    owner: 'anna@nordlys.example',
    docs: [
      {
        filename: 'situationsplan-lagerhal.pdf',
        permitCode: 'BUILDING_PERMIT',
        title: 'Situationsplan: tilbygning til færdigvarelager',
        basis: 'BR18 §6 (ansøgningens indhold)',
        company: NORDLYS,
        paragraphs: ['Tilbygningen placeres mod nord i forlængelse af eksisterende lagerhal og overholder lokalplanens byggefelt.'],
        facts: [
          ['Etageareal', '2.400 m²'],
          ['Højde', '12 m'],
        ],
        revised: { title: 'Situationsplan: tilbygning til færdigvarelager (rev. B)', facts: [['Etageareal', '2.400 m²'], ['Højde', '11,5 m (rev. B)']] },
      },
    ],
  },
};

const CASE_ROW = z.object({ id: z.string() });
const PERMIT_ROW = z.object({ id: z.string(), code: z.string() });

/** Documents on the three demo cases, uploaded through the real service (checks, SHA-256, audit). Idempotent per file name. */
export async function seedDemoDocuments(app: INestApplicationContext): Promise<number> {
  const ds = app.get(DataSource);
  const documents = app.get(DocumentsService);
  const versions = app.get(DocumentVersionsService);
  let added = 0;
  for (const [key, { owner, docs }] of Object.entries(DOCUMENTS) as Array<[keyof typeof DEMO_CASES, (typeof DOCUMENTS)[keyof typeof DEMO_CASES]]>) {
    const [c] = await queryRows(ds, CASE_ROW, sql`SELECT id FROM cases WHERE title = ${DEMO_CASES[key]} ORDER BY created_at LIMIT 1`);
    if (!c) continue;
    const principal = await principalOf(ds, owner);
    const permits = await queryRows(ds, PERMIT_ROW, sql`SELECT id, code FROM permits WHERE case_id = ${c.id} AND superseded_by IS NULL`);
    for (const d of docs) {
      if ((await execute(ds, sql`SELECT 1 FROM documents WHERE case_id = ${c.id} AND filename = ${d.filename}`)) > 0) continue;
      const buffer = await renderDemoPdf(d);
      const permitId = d.permitCode ? permits.find((p) => p.code === d.permitCode)?.id : undefined;
      const first = await documents.upload(principal, c.id, { originalname: d.filename, size: buffer.length, buffer }, { permitId, description: d.title });
      added++;
      if (d.revised) {
        const revised = await renderDemoPdf({ ...d, ...d.revised });
        await versions.supersede(principal, c.id, first.id, { originalname: d.filename, size: revised.length, buffer: revised }, `"${first.version}"`, d.revised.title);
        added++;
      }
    }
  }
  return added;
}

/**
 * The demo consultant's fuldmagter (issue 14 point 6): Nordlys grants `prepare` on the Kalundborg
 * case, Bølge grants `read` on all its cases; each invited and accepted through the real service.
 * Idempotent: a company that already granted the consultant anything is left alone.
 */
export async function seedDemoProxies(app: INestApplicationContext): Promise<number> {
  const ds = app.get(DataSource);
  const proxies = app.get(ProxyService);
  const carl = await principalOf(ds, DEMO_CONSULTANT);
  const [inProgress] = await queryRows(ds, CASE_ROW, sql`SELECT id FROM cases WHERE title = ${DEMO_CASES.inProgress} ORDER BY created_at LIMIT 1`);
  const validUntil = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();
  let added = 0;
  for (const [owner, body] of [
    ['anna@nordlys.example', { role: 'prepare' as const, caseId: inProgress?.id }],
    ['bo@bolge.example', { role: 'read' as const }],
  ] as const) {
    const company = await principalOf(ds, owner);
    if ((await execute(ds, sql`SELECT 1 FROM proxy_grants g WHERE g.organisation_id = ${company.organisationId} AND g.grantee_user_id = ${carl.userId}`)) > 0) continue;
    if ('caseId' in body && !body.caseId) continue;
    // No e-mail: the seed accepts on the consultant's behalf at once.
    const { token } = await proxies.invite(company, { email: DEMO_CONSULTANT, validUntil, ...body }, { sendEmail: false });
    await proxies.accept(carl, token);
    added++;
  }
  return added;
}
