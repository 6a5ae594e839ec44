import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations (CVR), authorities (98 municipalities + state agencies) and users. */
export class CreateDirectory1763900000000 implements MigrationInterface {
  name = 'CreateDirectory1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE authorities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('municipality','stateAgency','region','museum','gridOperator','oneStopShop')),
        municipality_code text UNIQUE CHECK (municipality_code ~ '^[0-9]{3}$'),
        name_da text NOT NULL,
        name_en text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'municipality') = (municipality_code IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cvr text NOT NULL UNIQUE CHECK (cvr ~ '^[0-9]{8}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        external_subject text UNIQUE,
        display_name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('applicant','caseworker','coordinator','admin')),
        organisation_id uuid REFERENCES organisations(id),
        authority_id uuid REFERENCES authorities(id),
        locale text NOT NULL DEFAULT 'da' CHECK (locale IN ('da','en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'applicant') = (organisation_id IS NOT NULL)),
        CHECK ((role = 'caseworker') = (authority_id IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TABLE authorities`);
  }
}
