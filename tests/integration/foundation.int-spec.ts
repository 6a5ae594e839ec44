import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { createDataSource } from '@rl/migrations';
import { MIGRATIONS } from '../../migrations/index';
import { seedAll } from '@rl/seeds';
import { readJson, testConfig } from './support/env';

describe('API foundation (real PostgreSQL + Redis)', () => {
  let app: INestApplication;
  let base: string;
  let ds: DataSource;

  beforeAll(async () => {
    const config = testConfig();
    app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    ds = createDataSource(config.DATABASE_URL, { extra: { max: 2 } });
    await ds.initialize();
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('reports database and redis up on GET /api/v1/health', async () => {
    const res = await fetch(`${base}/api/v1/health`);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.status).toBe('ok');
    expect(body.info.database.status).toBe('up');
    expect(body.info.redis.status).toBe('up');
  });

  it('serves the OpenAPI document with non-empty schemas, and the docs UI', async () => {
    const res = await fetch(`${base}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = await readJson(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/health');
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas).length).toBeGreaterThan(0);
    for (const [name, schema] of Object.entries<{ properties?: object }>(schemas)) {
      expect([name, Object.keys(schema.properties ?? {}).length > 0]).toEqual([name, true]);
    }
    const ui = await fetch(`${base}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('answers an unknown route with a 404 problem+json', async () => {
    const res = await fetch(`${base}/api/v1/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await readJson(res);
    expect(body).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND', instance: '/api/v1/does-not-exist' });
  });

  it('answers malformed JSON with 400 REQUEST.MALFORMED_JSON and a huge body with 413', async () => {
    const bad = await fetch(`${base}/api/v1/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).code).toBe('REQUEST.MALFORMED_JSON');
    const huge = await fetch(`${base}/api/v1/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect((await readJson(huge)).code).toBe('REQUEST.TOO_LARGE');
  });

  it('echoes a request id and sets security headers', async () => {
    const res = await fetch(`${base}/api/v1/health`, { headers: { 'x-request-id': 'req-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('has applied every migration and has none pending (synchronize is off)', async () => {
    expect(ds.options.synchronize).toBe(false);
    const rows: { name: string }[] = await ds.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect(await ds.showMigrations()).toBe(false);
  });

  it('seeds the demo directory idempotently', async () => {
    const first = await seedAll(ds);
    const second = await seedAll(ds);
    expect(second).toEqual(first);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM authorities WHERE kind = 'municipality'`);
    expect(n).toBe(98);
    const users: { username: string; role: string; org: string | null; authority: string | null }[] = await ds.query(
      `SELECT u.username, u.role, o.cvr AS org, a.code AS authority
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id LEFT JOIN authorities a ON a.id = u.authority_id
        ORDER BY u.username`,
    );
    expect(users).toEqual(
      expect.arrayContaining([
        { username: 'anna@nordlys.example', role: 'applicant', org: '10000001', authority: null },
        { username: 'bo@bolge.example', role: 'applicant', org: '10000002', authority: null },
        { username: 'cw.kalundborg', role: 'caseworker', org: null, authority: 'KOMMUNE-326' },
        { username: 'cw.hillerod', role: 'caseworker', org: null, authority: 'KOMMUNE-219' },
        { username: 'cw.mst', role: 'caseworker', org: null, authority: 'MST' },
        { username: 'cw.dkma', role: 'caseworker', org: null, authority: 'DKMA' },
        { username: 'coordinator', role: 'coordinator', org: null, authority: null },
        { username: 'admin', role: 'admin', org: null, authority: null },
      ]),
    );
    // Issue 13 item 20: every authority outside the municipalities (state agencies, the museum,
    // the grid company, the five regions) has a demo caseworker; the regions by their real names.
    const unstaffed: { code: string }[] = await ds.query(
      `SELECT a.code FROM authorities a
        WHERE a.kind NOT IN ('municipality', 'oneStopShop')
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.authority_id = a.id AND u.role = 'caseworker')`,
    );
    expect(unstaffed).toEqual([]);
    const regions: { code: string; name_da: string }[] = await ds.query(`SELECT code, name_da FROM authorities WHERE kind = 'region' ORDER BY code`);
    expect(regions).toEqual([
      { code: 'REGION-1081', name_da: 'Region Nordjylland' },
      { code: 'REGION-1082', name_da: 'Region Midtjylland' },
      { code: 'REGION-1083', name_da: 'Region Syddanmark' },
      { code: 'REGION-1084', name_da: 'Region Hovedstaden' },
      { code: 'REGION-1085', name_da: 'Region Sjælland' },
    ]);
    expect(users).toEqual(expect.arrayContaining([{ username: 'cw.kdi', role: 'caseworker', org: null, authority: 'KDI' }]));
    const orgs: { cvr: string; name: string }[] = await ds.query('SELECT cvr, name FROM organisations ORDER BY cvr');
    expect(orgs).toEqual([
      { cvr: '10000001', name: 'Nordlys Pharma A/S' },
      { cvr: '10000002', name: 'Bølge Biotech ApS' },
      // Issue 14 point 6: the demo consultant's consultancy (added; the two companies above are product.md's).
      { cvr: '10000003', name: 'Grøn Rådgivning ApS' },
    ]);
  });
});

describe('API responses are not cacheable', () => {
  it('sends Cache-Control: no-store, so an ETag is never revalidated into a stale 304', async () => {
    const { TestApi } = await import('./support/http');
    const api = await TestApi.start();
    try {
      const r = await api.get('/permit-types');
      expect(r.headers.get('cache-control')).toBe('no-store');
    } finally {
      await api.stop();
    }
  });
});

describe('the committed OpenAPI spec of the web client', () => {
  it('matches the live spec (regenerate with apps/web/scripts/gen-api.mjs when the API changes)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { TestApi } = await import('./support/http');
    const api = await TestApi.start();
    try {
      const live: any = await fetch(api.base.replace('/api/v1', '/api/docs-json')).then((r) => r.json());
      const committed = JSON.parse(readFileSync(join(__dirname, '../../apps/web/src/api/openapi.json'), 'utf8'));
      const ops = (doc: any) =>
        Object.entries(doc.paths as Record<string, Record<string, unknown>>)
          .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
          .sort();
      expect(ops(committed)).toEqual(ops(live));
      expect(Object.keys(committed.components.schemas).sort()).toEqual(Object.keys(live.components.schemas).sort());
    } finally {
      await api.stop();
    }
  });
});
