import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { MUNICIPALITIES, REGIONS, STATE_AGENCIES } from '@rl/permits-catalog';
import { DEMO_ORGANISATIONS, DEMO_USERS, regionAuthorityCode } from './demo-directory';

export { CONSULTANT_USERNAME, DEMO_ORGANISATIONS, DEMO_USERS, demoLoginLines, regionAuthorityCode } from './demo-directory';

const SEED_SUMMARY = z.object({ authorities: z.number().int(), organisations: z.number().int(), users: z.number().int() });
export type SeedSummary = z.infer<typeof SEED_SUMMARY>;

/**
 * Idempotent seed: every statement is an upsert keyed on a natural key (authority code, CVR,
 * username), so running it twice changes nothing and never duplicates rows.
 */
export async function seedDirectory(ds: DataSource): Promise<SeedSummary> {
  return ds.transaction(async (m) => {
    for (const mu of MUNICIPALITIES) {
      await m.query(
        `INSERT INTO authorities (code, kind, municipality_code, name_da, name_en)
         VALUES ($1, 'municipality', $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name_da = EXCLUDED.name_da, name_en = EXCLUDED.name_en`,
        [`KOMMUNE-${mu.code}`, mu.code, mu.nameDa, mu.nameEn ?? mu.nameDa],
      );
    }
    for (const a of STATE_AGENCIES) {
      await m.query(
        `INSERT INTO authorities (code, kind, name_da, name_en)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name_da = EXCLUDED.name_da, name_en = EXCLUDED.name_en`,
        [a.code, a.code === 'ERST' ? 'oneStopShop' : 'stateAgency', a.nameDa, a.nameEn],
      );
    }
    // The five regions: the soil rules consult them (JFL §8(3): the Region is heard for 4 weeks).
    for (const r of REGIONS) {
      await m.query(
        `INSERT INTO authorities (code, kind, name_da, name_en) VALUES ($1, 'region', $2, $3)
         ON CONFLICT (code) DO UPDATE SET name_da = EXCLUDED.name_da, name_en = EXCLUDED.name_en`,
        [regionAuthorityCode(r.code), r.nameDa, r.nameEn],
      );
    }
    // Deciders outside the public-authority list: the local archaeological museum (museumsloven
    // kap. 8) and the grid company. One routing entry each until concrete ones are onboarded.
    for (const [code, kind, nameDa, nameEn] of [
      ['MUSEUM', 'museum', 'Lokalt arkæologisk museum', 'Local archaeological museum'],
      ['GRID_OPERATOR', 'gridOperator', 'Netselskab / Energinet', 'Grid company / Energinet'],
    ]) {
      await m.query(
        `INSERT INTO authorities (code, kind, name_da, name_en) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name_da = EXCLUDED.name_da, name_en = EXCLUDED.name_en`,
        [code, kind, nameDa, nameEn],
      );
    }
    for (const o of DEMO_ORGANISATIONS) {
      await m.query(
        `INSERT INTO organisations (cvr, name) VALUES ($1, $2) ON CONFLICT (cvr) DO UPDATE SET name = EXCLUDED.name`,
        [o.cvr, o.name],
      );
    }
    for (const u of DEMO_USERS) {
      await m.query(
        `INSERT INTO users (username, display_name, email, role, organisation_id, authority_id, locale)
         VALUES ($1, $2, $3, $4,
                 (SELECT id FROM organisations WHERE cvr = $5),
                 (SELECT id FROM authorities WHERE code = $6),
                 $7)
         ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
           role = EXCLUDED.role, organisation_id = EXCLUDED.organisation_id,
           authority_id = EXCLUDED.authority_id, locale = EXCLUDED.locale`,
        [u.username, u.displayName, u.email, u.role, u.organisationCvr ?? null, u.authorityCode ?? null, u.locale],
      );
    }
    const [counts] = await queryRows(
      m,
      SEED_SUMMARY,
      sql`SELECT (SELECT count(*) FROM authorities)::int AS authorities,
                 (SELECT count(*) FROM organisations)::int AS organisations,
                 (SELECT count(*) FROM users)::int AS users`,
    );
    return counts;
  });
}

/** Everything `npm run seed` and `npm start` load. */
export async function seedAll(ds: DataSource): Promise<SeedSummary> {
  return seedDirectory(ds);
}
