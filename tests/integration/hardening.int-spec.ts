import net from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import { MetricsServer } from '../../apps/api/src/ops';
import { createCase, SIMPLE_FACTS, TestApi } from './support/http';
import { testConfig } from './support/env';

/**
 * Issue 12 hardening at the HTTP edge (real PostgreSQL + Redis): hostile JSON shapes and text,
 * parser-level errors as problem+json, request deadlines and ids, unknown query parameters,
 * /metrics access and the OpenAPI documents in production.
 */

const ANNA = 'anna@nordlys.example';
const PROBLEM = /^application\/problem\+json/;

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}0${']'.repeat(depth)}`;
}
function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('hostile JSON and text (one API)', () => {
  const api = TestApi.forSuite();

  async function expectUnchanged<T>(send: () => Promise<T>): Promise<T> {
    const before = { counts: await api.counts(), versions: await api.versionSum() };
    const r = await send();
    expect({ counts: await api.counts(), versions: await api.versionSum() }).toEqual(before);
    return r;
  }

  describe('deeply nested JSON (issue 12 point 2)', () => {
    const deepBodies: [string, string][] = [
      ['2,500 nested arrays (5 KB)', nestedArrays(2500)],
      ['2,500 nested objects (15 KB)', nestedObjects(2500)],
      ['a case whose facts nest 2,500 levels (~200 KB)', `{"title":"Deep","facts":${nestedObjects(2500).replace(/"a"/g, `"${'k'.repeat(75)}"`)}}`],
    ];

    it.each(deepBodies)('%s → 400 REQUEST.JSON_TOO_DEEP on POST /cases, /screening and the unauthenticated /auth/dev-login', async (_name, raw) => {
      for (const [path, as] of [['/cases', ANNA], ['/screening', undefined], ['/auth/dev-login', undefined]] as const) {
        const r = await expectUnchanged(() => api.call('POST', path, { as, rawBody: raw }));
        expect([path, r.status, r.body?.code]).toEqual([path, 400, 'REQUEST.JSON_TOO_DEEP']);
        expect(r.headers.get('content-type')).toMatch(PROBLEM);
      }
    });

    it('refuses an array or object with more than 1,000 items (400 REQUEST.JSON_TOO_MANY_ITEMS)', async () => {
      const wideArray = `{"title":"Wide","facts":{"municipalityCode":"219","list":[${Array(1001).fill(1).join(',')}]}}`;
      const wideObject = `{"username":"x",${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`;
      for (const [path, raw, as] of [['/cases', wideArray, ANNA], ['/auth/dev-login', wideObject, undefined]] as const) {
        const r = await expectUnchanged(() => api.call('POST', path, { as, rawBody: raw }));
        expect([path, r.status, r.body?.code]).toEqual([path, 400, 'REQUEST.JSON_TOO_MANY_ITEMS']);
      }
    });

    it('still accepts nesting and sizes real clients send', async () => {
      const c = await createCase(api, ANNA, { ...SIMPLE_FACTS, listedActivity: { annex: 'annex1', sMarked: true } }, 'Ordinary nesting');
      expect(c.id).toEqual(expect.any(String));
    });

    it('refuses 16 parallel 200 KB / 2,500-level bodies on /auth/dev-login before anything parses them', async () => {
      const raw = nestedObjects(2500).replace(/"a"/g, `"${'k'.repeat(75)}"`);
      expect(raw.length).toBeGreaterThan(190_000);
      // Bounded work, shown without a timing threshold: the raw-byte check refuses the body before
      // JSON.parse (and so class-transformer) ever sees it. Server and client share this process,
      // so every parse of a big body would pass through this spy.
      const parse = jest.spyOn(JSON, 'parse');
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      let replies: Awaited<ReturnType<typeof api.call>>[];
      try {
        replies = await Promise.all(Array.from({ length: 16 }, () => api.call('POST', '/auth/dev-login', { rawBody: raw })));
      } finally {
        parse.mockRestore();
      }
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpu);
      // Information only (speed belongs to `npm run bench`): client and server together.
      process.stdout.write(`deep JSON: ${((used.user + used.system) / 1000 / 16).toFixed(1)} ms CPU per request (client included), 16 in ${wallMs.toFixed(0)} ms wall\n`);
      expect(replies.map((r) => [r.status, r.body?.code])).toEqual(Array(16).fill([400, 'REQUEST.JSON_TOO_DEEP']));
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 100_000)).toHaveLength(0);
    });
  });

  describe('unpaired UTF-16 surrogates and non-UTF-8 bytes (issue 12 point 12)', () => {
    it.each([
      ['a lone low surrogate in the title', () => api.call('POST', '/cases', { as: ANNA, rawBody: `{"title":"Plant \\udc00 title","facts":${JSON.stringify(SIMPLE_FACTS)}}` })],
      ['a lone high surrogate at the end of the description', () => api.call('POST', '/cases', { as: ANNA, rawBody: `{"title":"Valid","description":"x\\ud800","facts":${JSON.stringify(SIMPLE_FACTS)}}` })],
      ['a lone surrogate in a key of the facts', () => api.call('POST', '/cases', { as: ANNA, rawBody: `{"title":"Valid","facts":{"\\udfff":1,"municipalityCode":"219"}}` })],
      ['reversed pair in a screening fact', () => api.call('POST', '/screening', { rawBody: `{"municipalityCode":"\\ude00\\ud83d"}` })],
      ['a lone surrogate in the dev-login username', () => api.call('POST', '/auth/dev-login', { rawBody: `{"username":"anna\\udc00@nordlys.example"}` })],
    ])('%s → 422 REQUEST.UNPAIRED_SURROGATE, nothing written', async (_name, send) => {
      const r = await expectUnchanged(send);
      expect([r.status, r.body?.code]).toEqual([422, 'REQUEST.UNPAIRED_SURROGATE']);
      expect(r.headers.get('content-type')).toMatch(PROBLEM);
      expect(r.body.errors[0].code).toBe('UNPAIRED_SURROGATE');
    });

    it('keeps a well-formed surrogate pair (an emoji) exactly as sent', async () => {
      const r = await api.call('POST', '/cases', { as: ANNA, rawBody: `{"title":"Plant \\ud83d\\ude00 extension","facts":${JSON.stringify(SIMPLE_FACTS)}}` });
      expect(r.status).toBe(201);
      expect(r.body.title).toBe('Plant \u{1F600} extension');
    });

    it('refuses bytes that are not UTF-8 instead of storing U+FFFD (400 REQUEST.INVALID_UTF8)', async () => {
      const token = await api.token(ANNA);
      const body = Buffer.concat([Buffer.from('{"title":"Caf'), Buffer.from([0xe9]), Buffer.from(`","facts":${JSON.stringify(SIMPLE_FACTS)}}`)]);
      const res = await expectUnchanged(() =>
        fetch(`${api.base}/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }),
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('REQUEST.INVALID_UTF8');
    });
  });

  describe('query parameters a route does not take (issue 12 point 15)', () => {
    it.each([
      ['/permit-types?version[a]=1', undefined],
      ['/permit-types?version=1&version=2', undefined],
      ['/permit-types?foo=1', undefined],
      ['/auth/me?debug=1', ANNA],
      ['/dashboard?x=1', 'coordinator'],
      ['/target-change-reasons?lang=xx', 'coordinator'],
      ['/health?verbose=1', undefined],
    ])('GET %s → 400 REQUEST.VALIDATION_FAILED', async (path, as) => {
      const r = await api.get(path, as);
      expect([r.status, r.body?.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
      expect(r.headers.get('content-type')).toMatch(PROBLEM);
    });

    it('GET /cases/:id and /permits/:id refuse unknown parameters too', async () => {
      const c = await createCase(api, ANNA, SIMPLE_FACTS, 'Query guard case');
      for (const path of [`/cases/${c.id}?expand=all`, `/permits/${c.permits[0].id}?x=1`, `/cases/${c.id}/plan?x=1`]) {
        const r = await api.get(path, ANNA);
        expect([path, r.status, r.body?.code]).toEqual([path, 400, 'REQUEST.VALIDATION_FAILED']);
      }
    });

    it('still answers the parameters a route declares', async () => {
      const r = await api.get('/permit-types');
      expect(r.status).toBe(200);
      const v = await api.get(`/permit-types?version=${encodeURIComponent(r.body.version)}`);
      expect(v.status).toBe(200);
    });
  });

  describe('request ids (issue 12 point 13)', () => {
    it('echoes a safe x-request-id of up to 128 characters', async () => {
      const id = `req-${'a'.repeat(124)}`;
      const r = await api.call('GET', '/permit-types', { headers: { 'x-request-id': id } });
      expect(r.headers.get('x-request-id')).toBe(id);
    });

    it.each([
      ['129 characters', 'a'.repeat(129)],
      ['spaces and quotes', 'id "with" spaces'],
      ['a log-injection attempt', 'x\\n{"level":60}'],
    ])('replaces one with %s by a generated id', async (_name, id) => {
      const r = await api.call('GET', '/permit-types', { headers: { 'x-request-id': id } });
      const got = r.headers.get('x-request-id');
      expect(got).not.toBe(id);
      expect(got).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

/** Raw HTTP over a socket: headers and bodies exactly as given, the whole answer as text. */
function rawRequest(port: number, chunks: string[], gapMs = 0): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('error', (e) => (text ? resolve({ text, ms: Date.now() - started }) : reject(e)));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) return;
        socket.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

function parseRaw(text: string): { status: number; headers: string; body: any } {
  const [head, ...rest] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body: JSON.parse(rest.join('\r\n\r\n')) };
}

describe('parser-level errors and deadlines (issue 12 point 13)', () => {
  // A short deadline so the slow-body test is fast; production uses REQUEST_TIMEOUT_MS (60 s).
  const api = TestApi.forSuite({ REQUEST_TIMEOUT_MS: '1000' });
  let port: number;

  beforeAll(() => {
    port = Number(new URL(api.base).port);
  });

  it('answers headers over 16 KB with a problem+json 431', async () => {
    const { text } = await rawRequest(port, [`GET /api/v1/permit-types HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    const r = parseRaw(text);
    expect(r.status).toBe(431);
    expect(r.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(r.body).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
  });

  it('answers unparseable HTTP with a problem+json 400', async () => {
    const { text } = await rawRequest(port, ['GARBAGE\r\n\r\n']);
    const r = parseRaw(text);
    expect([r.status, r.body.code]).toEqual([400, 'REQUEST.MALFORMED']);
  });

  it('cuts off a body that trickles in slower than the request deadline with a problem+json 408', async () => {
    const head = `POST /api/v1/screening HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    // 1 byte every 200 ms would take 200 s for the whole body.
    const { text, ms } = await rawRequest(port, [head, ...Array.from({ length: 40 }, () => ' ')], 200);
    const r = parseRaw(text);
    expect([r.status, r.body.code]).toEqual([408, 'REQUEST.TIMEOUT']);
    expect(r.headers).toMatch(/content-type: application\/problem\+json/i);
    // deadline 1 s, checked every 250 ms
    expect(ms).toBeLessThan(3000);
  });
});

describe('GET /metrics access (issue 12 point 5)', () => {
  const METRICS_TOKEN = 'metrics-token-for-the-integration-test-0123456789';

  it('with METRICS_TOKEN: 401 problem+json without or with a wrong bearer token, 200 with it', async () => {
    const api = await TestApi.start({ METRICS_TOKEN });
    try {
      const root = api.base.replace(/\/api\/v1$/, '');
      const anonymous = await fetch(`${root}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toMatch(PROBLEM);
      expect(((await anonymous.json()) as { code: string }).code).toBe('AUTH.UNAUTHENTICATED');
      // A user's token is not the metrics token.
      const userToken = await fetch(`${root}/metrics`, { headers: { authorization: `Bearer ${await api.token('admin')}` } });
      expect(userToken.status).toBe(401);
      const scraped = await fetch(`${root}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('rodlober_http_requests_total');
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('with METRICS_PORT: served on the internal port only (404 on the API port)', async () => {
    const api = await TestApi.start({ METRICS_PORT: '0' });
    try {
      const root = api.base.replace(/\/api\/v1$/, '');
      const onApi = await fetch(`${root}/metrics`);
      expect(onApi.status).toBe(404);
      expect(onApi.headers.get('content-type')).toMatch(PROBLEM);
      const address = api.app.get(MetricsServer).address();
      expect(address?.address).toBe('127.0.0.1');
      const internal = await fetch(`http://127.0.0.1:${address?.port}/metrics`);
      expect(internal.status).toBe(200);
      expect(await internal.text()).toContain('rodlober_queue_jobs');
      expect((await fetch(`http://127.0.0.1:${address?.port}/api/v1/permit-types`)).status).toBe(404);
    } finally {
      await api.stop();
    }
    expect(api.app.get(MetricsServer).address()).toBeUndefined();
  }, 60_000);
});

describe('OpenAPI documents in production (issue 12 point 14)', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://idp.example.test',
    OIDC_AUDIENCE: 'rod-lober',
    JWT_SECRET: 'production-secret-for-the-integration-test-0123456789',
    METRICS_TOKEN: 'metrics-token-for-the-integration-test-0123456789',
    ENABLE_TEST_CLOCK: '0',
  };

  async function docsStatus(overrides: Record<string, string>): Promise<number[]> {
    const app = await createApp(testConfig(overrides));
    await app.listen(0, '127.0.0.1');
    try {
      const root = await app.getUrl();
      return await Promise.all(['/api/docs', '/api/docs-json'].map(async (p) => (await fetch(`${root}${p}`)).status));
    } finally {
      await app.close();
    }
  }

  it('are off in production by default', async () => {
    expect(await docsStatus(production)).toEqual([404, 404]);
  }, 60_000);

  it('are served in production when API_DOCS=1', async () => {
    expect(await docsStatus({ ...production, API_DOCS: '1' })).toEqual([200, 200]);
  }, 60_000);
});
