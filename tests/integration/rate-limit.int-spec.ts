import { Redis } from 'ioredis';
import { RATE_LIMIT_KEY_PREFIX } from '../../apps/api/src/common/rate-limit';
import { TestApi } from './support/http';

/**
 * Issue 12 point 7: one request budget per authenticated user (per client IP when anonymous),
 * across every route, counted before routing, kept in Redis so several API processes share it.
 * Three in-process APIs on the same PostgreSQL + Redis: `a` and `b` enforce a small budget,
 * `free` runs with RATE_LIMIT_ENABLED=0 and only hands out tokens.
 */
const LIMIT = 8;

describe('rate limit: per user, one budget, shared through Redis', () => {
  let a: TestApi;
  let b: TestApi;
  let free: TestApi;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL as string);
    // Budgets of earlier test files in this Redis database would count against ours.
    const stale = await redis.keys(`${RATE_LIMIT_KEY_PREFIX}:*`);
    if (stale.length) await redis.del(...stale);
    const limited = { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' };
    free = await TestApi.start({ RATE_LIMIT_ENABLED: '0' });
    a = await TestApi.start(limited);
    b = await TestApi.start(limited);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), free?.stop()]);
    redis?.disconnect();
  });

  const bearer = async (user: string) => ({ authorization: `Bearer ${await free.token(user)}` });

  it('one user exhausting the budget does not limit another user behind the same IP', async () => {
    const anna = await bearer('anna@nordlys.example');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await a.call('GET', '/cases', { headers: anna })).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);

    const limited = await a.call('GET', '/auth/me', { headers: anna });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.body.code).toBe('REQUEST.RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // Same address (127.0.0.1), other user: untouched.
    const bo = await a.call('GET', '/cases', { headers: await bearer('bo@bolge.example') });
    expect(bo.status).toBe(200);
    // Anonymous calls from that address have their own budget too.
    expect((await a.get('/permit-types')).status).toBe(200);
  });

  it('two API processes share one budget (Redis)', async () => {
    const cw = await bearer('cw.mst');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await (i % 2 ? b : a).call('GET', '/tasks', { headers: cw })).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
  });

  it('unknown routes and malformed bodies spend the same budget as real requests', async () => {
    const cw = await bearer('cw.hillerod');
    const spent: number[] = [];
    for (let i = 0; i < LIMIT / 2; i++) spent.push((await a.call('GET', `/no-such-route-${i}`, { headers: cw })).status);
    for (let i = 0; i < LIMIT / 2; i++) spent.push((await b.call('POST', '/cases', { headers: cw, rawBody: '{"title": "broken' })).status);
    expect(spent).toEqual([...Array(LIMIT / 2).fill(404), ...Array(LIMIT / 2).fill(400)]);
    const next = await a.call('GET', '/tasks', { headers: cw });
    expect(next.status).toBe(429);
    // Even the refused requests are refused the same way once the budget is gone.
    expect((await b.call('GET', '/no-such-route', { headers: cw })).status).toBe(429);
  });

  it('anonymous calls count per client IP, taken from X-Forwarded-For of a trusted (loopback) proxy', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const first: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) first.push((await (i % 2 ? b : a).call('POST', '/auth/dev-login', { headers: from('203.0.113.7'), body: { username: 'nobody' } })).status);
    expect(first.slice(-1)).toEqual([429]);
    expect(first.slice(0, LIMIT).every((s) => s !== 429)).toBe(true);
    expect((await a.call('GET', '/permit-types', { headers: from('198.51.100.9') })).status).toBe(200);
  });

  it('an invalid token counts against the client IP, not a user budget', async () => {
    const forged = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'x-forwarded-for': '192.0.2.44' };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await a.call('GET', '/auth/me', { headers: forged })).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    // …and that IP is now limited for anonymous calls as well.
    expect((await a.call('GET', '/permit-types', { headers: { 'x-forwarded-for': '192.0.2.44' } })).status).toBe(429);
  });
});
