import { loadCasePermits, lockCase, loadPermit, PermitHostService, type PermitRow } from '@rl/case-engine';
import { execute, queryRows, sql } from '@rl/db';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AdjustableClock, CLOCK } from '@rl/server-infra';
import type { Principal } from '../auth';
import { CaseService, type CreateCaseInput } from '../cases/case.service';
import { DEMO_APPLICATION_COMPLETED, DEMO_APPLICATION_DRAFT, DEMO_APPLICATION_IN_PROGRESS } from './demo-applications';

/**
 * Three demo cases in different stages (product.md "Demo seed"), created through the same
 * services the API uses, with the clock set back so their history looks real. Idempotent: a
 * case whose title already exists for the organisation is left alone.
 */
export const DEMO_CASES = {
  inProgress: '[Demo] Nordlys API-fabrik, Kalundborg',
  draft: '[Demo] Bølge fermenteringshal, Hillerød',
  completed: '[Demo] Nordlys lagerhal, Hillerød',
} as const;

const DEMO_USER_ROW = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: z.enum(['applicant', 'caseworker', 'coordinator', 'admin']),
  organisation_id: z.string().nullable(),
  authority_id: z.string().nullable(),
  authority_code: z.string().nullable(),
  locale: z.enum(['da', 'en']),
});

export async function principalOf(ds: DataSource, username: string): Promise<Principal> {
  const [u] = await queryRows(
    ds,
    DEMO_USER_ROW,
    sql`SELECT u.id, u.username, u.display_name, u.role, u.organisation_id, u.authority_id, a.code AS authority_code, u.locale
          FROM users u LEFT JOIN authorities a ON a.id = u.authority_id WHERE u.username = ${username}`,
  );
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    organisationId: u.organisation_id,
    authorityId: u.authority_id,
    authorityCode: u.authority_code,
    locale: u.locale,
  };
}

export async function seedDemoCases(app: INestApplicationContext): Promise<{ created: string[]; skipped: string[] }> {
  const ds = app.get(DataSource);
  const cases = app.get(CaseService);
  const host = app.get(PermitHostService);
  const clock = app.get<AdjustableClock>(CLOCK);
  const created: string[] = [];
  const skipped: string[] = [];

  const exists = async (title: string) => (await execute(ds, sql`SELECT 1 FROM cases WHERE title = ${title}`)) > 0;
  const permitsOf = (caseId: string) => loadCasePermits(ds.manager, caseId);
  const act = async (permit: PermitRow, username: string, type: string, payload: Record<string, unknown> = {}) => {
    const p = await principalOf(ds, username);
    await ds.transaction(async (m) => {
      await lockCase(m, permit.case_id);
      const fresh = (await loadPermit(m, permit.id)) as PermitRow;
      await host.sendPermitEvent(m, fresh.id, fresh.version, type as never, payload, { userId: p.userId, role: p.role });
    });
  };
  const submitCase = async (caseId: string, username: string) => {
    const p = await principalOf(ds, username);
    await ds.transaction(async (m) => {
      const [c] = await queryRows(m, z.object({ version: z.number().int() }), sql`SELECT version FROM cases WHERE id = ${caseId} FOR UPDATE`);
      await host.sendCaseEvent(m, caseId, c.version, 'case.submitted', {}, { userId: p.userId, role: p.role });
    });
  };
  const at = (iso: string) => clock.set(new Date(iso));
  /** One demo case, unless a case with its title exists: created by `username` at `iso`, then `history` runs on it. */
  const demoCase = async (key: keyof typeof DEMO_CASES, iso: string, username: string, input: Omit<CreateCaseInput, 'title'>, history?: (id: string) => Promise<void>) => {
    const title = DEMO_CASES[key];
    if (await exists(title)) {
      skipped.push(title);
      return;
    }
    at(iso);
    const r = await cases.create(await principalOf(ds, username), { title, ...input }, undefined);
    await history?.((r.body as { id: string }).id);
    created.push(title);
  };

  try {
    // 1. A pharma expansion in progress at three authorities.
    await demoCase('inProgress', '2026-08-03T09:00:00Z', 'anna@nordlys.example', {
      description: 'Ny produktionsbygning til aktive lægemiddelstoffer (API) med grundvandsindvinding.',
      facts: { municipalityCode: '326', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, medicinalProductManufacture: true, newBuildingOrExtension: true, listedActivity: { annex: 'annex1', sMarked: true }, groundwaterAbstraction: true, investmentDkk: 850_000_000 },
      application: DEMO_APPLICATION_IN_PROGRESS,
    }, async (id) => {
      await submitCase(id, 'anna@nordlys.example');
      const byCode = async () => new Map((await permitsOf(id)).map((p) => [p.code, p]));
      let p = await byCode();
      at('2026-08-10T09:00:00Z');
      await act(p.get('MILJOEGODKENDELSE')!, 'cw.mst', 'authority.completenessConfirmed');
      await act(p.get('VANDINDVINDING')!, 'cw.kalundborg', 'authority.completenessConfirmed');
      await act(p.get('BUILDING_PERMIT')!, 'cw.kalundborg', 'authority.completenessConfirmed');
      at('2026-09-14T09:00:00Z');
      p = await byCode();
      await act(p.get('MILJOEGODKENDELSE')!, 'cw.mst', 'authority.hearingStarted', { audience: 'Offentligheden og naboer' });
      at('2026-09-28T09:00:00Z');
      p = await byCode();
      await act(p.get('BUILDING_PERMIT')!, 'cw.kalundborg', 'authority.decisionIssued', { outcome: 'grantedWithConditions', conditions: ['Facaden udføres i tegl eller tegl-lignende materiale.'], reason: 'Projektet overholder lokalplanen og BR18.' });
      at('2026-11-16T09:00:00Z');
      p = await byCode();
      await act(p.get('VANDINDVINDING')!, 'cw.kalundborg', 'authority.infoRequested', { question: 'Indsend prøvepumpningsrapport og beregning af påvirkning af nærliggende vandværker.', dueOn: '2026-12-07' });
    });

    // 2. A biotech case still being prepared (draft).
    await demoCase('draft', '2026-11-18T10:00:00Z', 'bo@bolge.example', {
      description: 'Fermenteringshal til enzymproduktion med genmodificerede mikroorganismer (klasse 1).',
      facts: { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true, gmoClass: 1, gmoCommercialProduction: true, natura2000Nearby: true },
      application: DEMO_APPLICATION_DRAFT,
    });

    // 3. A simple building extension that has run its whole course.
    await demoCase('completed', '2026-03-02T09:00:00Z', 'anna@nordlys.example', {
      description: 'Tilbygning til færdigvarelager i erhvervspark.',
      facts: { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, fitsMunicipalPlanFrame: true, newBuildingOrExtension: true },
      application: DEMO_APPLICATION_COMPLETED,
    }, async (id) => {
      await submitCase(id, 'anna@nordlys.example');
      at('2026-03-09T09:00:00Z');
      let [permit] = await permitsOf(id);
      await act(permit, 'cw.hillerod', 'authority.completenessConfirmed');
      at('2026-04-13T09:00:00Z');
      [permit] = await permitsOf(id);
      await act(permit, 'cw.hillerod', 'authority.decisionIssued', { outcome: 'granted', reason: 'Byggeriet er i overensstemmelse med lokalplan og bygningsreglement.' });
      // The appeal period has run out: the same sweep the test clock and the worker run.
      at('2026-05-20T09:00:00Z');
      [permit] = await permitsOf(id);
      await ds.transaction(async (m) => {
        await lockCase(m, id);
        await host.applyToPermit(m, permit, 'appeal.periodExpired', {}, { userId: null, role: 'system' });
        await host.propagate(m, id);
      });
    });
  } finally {
    clock.set(new Date());
  }
  return { created, skipped };
}
