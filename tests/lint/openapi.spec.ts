import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { loadConfig } from '@rl/config';
import { PERMIT_EVENT_TYPES } from '@rl/permits-machines';
import { buildOpenApiOffline } from '../../apps/api/src/app.factory';
import { CASE_PAYLOADS, parseCaseEvent, parsePermitEvent } from '../../apps/api/src/cases/event-payloads';
import { offlineConfigEnv } from '../../apps/api/src/print-openapi';

/**
 * Issue 12 #18: the OpenAPI document passes a real OpenAPI linter (Redocly CLI, rules in
 * ./redocly.yaml) with 0 errors, offline, and says what the issue asks: problem answers per
 * operation, `security: []` on public operations, event bodies as a discriminated union,
 * /metrics, /admin/queues, /test/clock and servers. The document is built the way
 * `npm run gen:api` builds it (Nest preview mode: no database or Redis); the integration fuzz
 * test checks that the served document is the same.
 */
const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

function operations(doc: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m): [string, OperationObject] => [`${m.toUpperCase()} ${path}`, item[m] as OperationObject]),
  );
}

/** Runs `redocly lint` on the document, with every network access refused and recorded. */
function lint(doc: unknown): { report: LintReport; network: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rl-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    const networkLog = join(dir, 'network.log');
    writeFileSync(file, JSON.stringify(doc));
    writeFileSync(networkLog, '');
    const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'redocly'), ['lint', '--config', join(__dirname, 'redocly.yaml'), '--format=json', file], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        RL_NETWORK_LOG: networkLog,
        NODE_OPTIONS: `--require ${join(__dirname, 'support', 'no-network.cjs')}`,
      },
    });
    if (!r.stdout.trim().startsWith('{')) throw new Error(`redocly lint did not report (exit ${r.status}): ${r.stderr}`);
    return { report: JSON.parse(r.stdout) as LintReport, network: readFileSync(networkLog, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;

  beforeAll(async () => {
    doc = await buildOpenApiOffline(loadConfig(offlineConfigEnv()));
  }, 60_000);

  it('passes Redocly CLI lint (recommended + 4xx problem rules) with 0 errors, without network access', () => {
    const { report, network } = lint(doc);
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(network).toBe('');
  }, 60_000);

  it('fails the lint when an operation loses its problem answers or its security (the lint is live)', () => {
    const broken = JSON.parse(JSON.stringify(doc)) as OpenAPIObject;
    const op = broken.paths['/api/v1/cases/{id}'].get as OperationObject;
    for (const status of Object.keys(op.responses)) if (status.startsWith('4')) delete op.responses[status];
    delete (broken.paths['/api/v1/permit-types'].get as OperationObject).security;
    delete broken.security;
    const rules = lint(broken).report.problems.filter((p) => p.severity === 'error').map((p) => p.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['operation-4xx-response', 'security-defined']));
  }, 60_000);

  it('gives every operation problem+json 4xx answers that name their stable codes', () => {
    for (const [name, op] of operations(doc)) {
      const fourXx = Object.entries(op.responses).filter(([status]) => status.startsWith('4'));
      expect([name, fourXx.length > 0]).toEqual([name, true]);
      for (const [status, response] of fourXx) {
        const schema = (response as { content?: Record<string, { schema: SchemaObject }> }).content?.['application/problem+json']?.schema;
        const codes = (schema?.allOf?.[1] as SchemaObject | undefined)?.properties?.code as SchemaObject | undefined;
        expect([name, status, schema?.allOf?.[0]]).toEqual([name, status, { $ref: '#/components/schemas/ProblemDto' }]);
        expect([name, status, (codes?.enum ?? []).length > 0]).toEqual([name, status, true]);
      }
    }
    const caseEvent = doc.paths['/api/v1/cases/{id}/events'].post as OperationObject;
    const codesAt = (status: string) => ((caseEvent.responses[status] as { content: Record<string, { schema: SchemaObject }> }).content['application/problem+json'].schema.allOf?.[1] as SchemaObject).properties?.code;
    expect(codesAt('404')).toMatchObject({ enum: ['CASE.NOT_FOUND'] });
    expect(codesAt('401')).toMatchObject({ enum: expect.arrayContaining(['AUTH.UNAUTHENTICATED', 'AUTH.INVALID_TOKEN']) });
    expect(codesAt('403')).toMatchObject({ enum: ['ACCESS.APPLICANT_ACTION_FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT', 'AUTH.FORBIDDEN', 'AUTH.USER_DEACTIVATED'] });
    expect(codesAt('400')).toMatchObject({ enum: expect.arrayContaining(['REQUEST.MALFORMED_JSON', 'REQUEST.VALIDATION_FAILED', 'CONCURRENCY.IF_MATCH_INVALID']) });
  });

  it('marks public operations with security: [] and protected ones with the bearer scheme', () => {
    const security = Object.fromEntries(operations(doc).map(([name, op]) => [name, op.security]));
    for (const name of ['GET /api/v1/health', 'POST /api/v1/auth/dev-login', 'GET /api/v1/permit-types', 'POST /api/v1/screening', 'GET /api/v1/target-change-reasons', 'POST /api/v1/test/clock', 'GET /metrics']) {
      expect([name, security[name]]).toEqual([name, []]);
    }
    expect(security['GET /api/v1/cases/{id}']).toEqual([{ bearer: [] }]);
    expect(security['GET /admin/queues']).toEqual([{ bearer: [] }, { adminCookie: [] }]);
    for (const [name, sec] of Object.entries(security)) expect([name, Array.isArray(sec)]).toEqual([name, true]);
  });

  it('describes the event bodies as a oneOf discriminated by type, one schema per event type with its payload', () => {
    const body = (path: string) => (doc.paths[path].post as OperationObject & { requestBody: { content: Record<string, { schema: SchemaObject }> } }).requestBody.content['application/json'].schema;
    for (const [path, types, parse] of [
      ['/api/v1/permits/{id}/events', PERMIT_EVENT_TYPES as readonly string[], parsePermitEvent],
      ['/api/v1/cases/{id}/events', Object.keys(CASE_PAYLOADS), parseCaseEvent],
    ] as const) {
      const schema = body(path);
      expect(schema.discriminator?.propertyName).toBe('type');
      expect(Object.keys(schema.discriminator?.mapping ?? {}).sort()).toEqual([...types].sort());
      expect(schema.oneOf).toHaveLength(types.length);
      for (const type of types) {
        const component = doc.components?.schemas?.[(schema.discriminator?.mapping?.[type] ?? '').split('/').pop() as string] as SchemaObject;
        expect(component).toMatchObject({ type: 'object', additionalProperties: false, properties: { type: { enum: [type] } } });
        expect(component.required).toContain('type');
        // The schema requires payload fields exactly when the validator refuses the bare type.
        const bareTypeAccepted = (() => {
          try {
            parse({ type });
            return true;
          } catch {
            return false;
          }
        })();
        expect([type, bareTypeAccepted]).toEqual([type, component.required?.length === 1]);
      }
    }
    const examples = (path: string) => Object.values((doc.paths[path].post as { requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> } }).requestBody.content['application/json'].examples);
    for (const { value } of examples('/api/v1/permits/{id}/events')) expect(() => parsePermitEvent(value)).not.toThrow();
    for (const { value } of examples('/api/v1/cases/{id}/events')) expect(() => parseCaseEvent(value)).not.toThrow();
    const decision = doc.components?.schemas?.AuthorityDecisionIssuedEvent as SchemaObject;
    expect(decision.required).toEqual(['type', 'outcome', 'reason']);
    expect(decision.properties?.outcome).toMatchObject({ enum: ['granted', 'grantedWithConditions', 'refused'] });
    expect((doc.components?.schemas?.AuthorityInfoRequestedEvent as SchemaObject).properties?.dueOn).toMatchObject({ type: 'string', format: 'date' });
  });

  it('documents /metrics, /admin/queues, /test/clock and the servers', () => {
    expect(doc.paths['/metrics']?.get?.responses['200']).toMatchObject({ content: { 'text/plain': {} } });
    expect(Object.keys(doc.paths['/admin/queues']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '303', '401', '403']));
    expect(doc.paths['/api/v1/test/clock']?.post?.requestBody).toBeDefined();
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.servers?.[0].url).toMatch(/^https?:\/\//);
  });

  it('types every success answer: no bare object, no answer without a schema (integrators generate clients from this document)', () => {
    const bare = (s: SchemaObject | undefined): boolean =>
      !!s && !('$ref' in s) && ((s.type === 'object' && !s.properties && !s.allOf && !s.oneOf && !s.anyOf) || (s.type === 'array' && bare(s.items as SchemaObject)));
    const untyped = operations(doc).flatMap(([op, o]) =>
      Object.entries(o.responses ?? {})
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, r]) => Object.entries((r as { content?: Record<string, { schema?: SchemaObject }> }).content ?? {}).filter(([, c]) => bare(c.schema)).map(([media]) => `${op} ${status} ${media}`)),
    );
    // A JSON Schema document (GET /schemas/{version}/{file}) is an object of no fixed shape by nature.
    expect(untyped).toEqual(['GET /api/v1/schemas/{version}/{file} 200 application/schema+json']);
    // Every success answer but 204 says what it carries.
    const undocumented = operations(doc).flatMap(([op, o]) =>
      Object.entries(o.responses ?? {})
        .filter(([status, r]) => status.startsWith('2') && status !== '204' && !(r as { content?: unknown }).content)
        .map(([status]) => `${op} ${status}`),
    );
    expect(undocumented).toEqual([]);
    // …and the check is live: a bare object is found.
    expect(bare({ type: 'object', additionalProperties: true })).toBe(true);
  });

  it('names every DTO class of the API once (Swagger merges same-named classes into one schema, silently)', () => {
    const names = execFileSync('git', ['grep', '--untracked', '-hoE', '^(export )?(abstract )?class [A-Za-z0-9_]+Dto\\b', '--', 'apps/api/src'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').pop() as string);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('matches the web client files committed in apps/web/src/api (regenerate with `npm run gen:api`)', () => {
    // Throws (exit 1, with the command to run) when openapi.json or schema.d.ts is stale.
    const out = execFileSync(process.execPath, [join(ROOT, 'apps', 'web', 'scripts', 'gen-api.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('match');
  }, 120_000);
});
