import { checkContract } from './support/contract';

/**
 * The contract check (support/contract.ts) is live: it refuses what breaks the document and says
 * which replies it did not look at. Checked against the committed document (no API needed).
 */
describe('the contract check of replies', () => {
  const report = process.env.CONTRACT_REPORT;
  beforeAll(() => delete process.env.CONTRACT_REPORT);
  afterAll(() => {
    if (report !== undefined) process.env.CONTRACT_REPORT = report;
  });
  const check = (method: string, path: string, status: number, contentType: string | null, body: unknown) => checkContract(null, method, path, status, contentType, body);
  const problem = (status: number, code: string) => ({ type: `urn:rod-lober:problem:${code}`, title: 'x', status, code, detail: 'x', instance: '/x' });

  it('passes a reply the document describes, and says it checked it', async () => {
    await expect(check('GET', '/api/v1/permits/7f1c1a36-0a43-4c3e-9d53-1f2a3b4c5d6e', 404, 'application/problem+json; charset=utf-8', problem(404, 'PERMIT.NOT_FOUND'))).resolves.toBe(true);
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', { items: [], page: 1, pageSize: 20, total: 0 })).resolves.toBe(true);
    // A task id that is not a UUID: 404 TASK.NOT_FOUND, which the reassignment did not document (found in review).
    await expect(check('POST', '/api/v1/tasks/not-a-uuid/assign', 404, 'application/problem+json', problem(404, 'TASK.NOT_FOUND'))).resolves.toBe(true);
  });

  it('refuses a missing required field, a value of the wrong type and a problem code the operation does not list (an enum)', async () => {
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', { items: [{ id: 'x' }], page: 1, pageSize: 20, total: 1 })).rejects.toThrow(/GET \/api\/v1\/cases → 200: \/items\/0 must have required property/);
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', { items: [], page: 'one', pageSize: 20, total: 0 })).rejects.toThrow(/\/page must be (number|integer) \(got "one"\)/);
    await expect(check('GET', '/api/v1/permits/x', 404, 'application/problem+json', problem(404, 'FOO.BAR'))).rejects.toThrow(/\/code must be equal to one of the allowed values \(got "FOO.BAR"\)/);
  });

  it('refuses a member the document does not name, at any depth (a generated client would drop it)', async () => {
    const item = {
      id: '7f1c1a36-0a43-4c3e-9d53-1f2a3b4c5d6e',
      reference: 'RL-2026-000001',
      title: 'x',
      state: 'submitted',
      version: 1,
      organisation: { id: '7f1c1a36-0a43-4c3e-9d53-1f2a3b4c5d6f', cvr: '10000001', name: 'x' },
      simple: false,
      ceilingMonths: 18,
      ceiling: { appliesUnderL206: true, months: 18, reason: null },
      nationalStrategic: false,
      submittedAt: null,
      ceilingDueOn: null,
      risk: 'onTrack',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const page = (items: unknown[], extra: object = {}) => ({ items, page: 1, pageSize: 20, total: items.length, ...extra });
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', page([item]))).resolves.toBe(true);
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', page([item], { secret: 1 }))).rejects.toThrow(/→ 200: \/secret is sent but not documented/);
    await expect(check('GET', '/api/v1/cases', 200, 'application/json', page([{ ...item, ceiling: { ...item.ceiling, internalNote: 'x' } }]))).rejects.toThrow(
      /\/items\/0\/ceiling\/internalNote is sent but not documented/,
    );
    // A problem's extension members are documented per code: a member no code of the status carries
    // is refused, and so is one that only another code of the same status carries.
    const facts = '/api/v1/cases/7f1c1a36-0a43-4c3e-9d53-1f2a3b4c5d6e/application/facts';
    await expect(check('PUT', facts, 409, 'application/problem+json', { ...problem(409, 'CONCURRENCY.VERSION_CONFLICT'), currentVersion: 3 })).resolves.toBe(true);
    await expect(check('PUT', facts, 409, 'application/problem+json', { ...problem(409, 'CONCURRENCY.VERSION_CONFLICT'), currentVersion: 3, added: [] })).rejects.toThrow(
      /409 CONCURRENCY.VERSION_CONFLICT: \/added is documented for another code of this status, not for CONCURRENCY.VERSION_CONFLICT/,
    );
    await expect(check('GET', '/api/v1/permits/x', 404, 'application/problem+json', { ...problem(404, 'PERMIT.NOT_FOUND'), stack: 'at …' })).rejects.toThrow(/404 PERMIT.NOT_FOUND: \/stack is sent but not documented/);
  });

  it('refuses a status or a media type the operation does not document', async () => {
    await expect(check('GET', '/api/v1/cases', 418, 'application/problem+json', problem(418, 'X.Y'))).rejects.toThrow(/status 418 is not among the operation's documented answers/);
    await expect(check('GET', '/api/v1/permits/x', 404, 'application/json', problem(404, 'PERMIT.NOT_FOUND'))).rejects.toThrow(/application\/json is not a documented media type of its 404 answer/);
  });

  it('checks +json media types too (a JSON Schema document)', async () => {
    await expect(check('GET', '/api/v1/statistics/schema', 200, 'application/schema+json', { $schema: 42 })).rejects.toThrow(/GET \/api\/v1\/statistics\/schema → 200/);
  });

  it('says which replies it did not look at: no JSON body, or no documented operation', async () => {
    await expect(check('GET', '/api/v1/calendar.ics', 200, 'text/calendar', 'BEGIN:VCALENDAR')).resolves.toBe(false);
    await expect(check('GET', '/api/v1/no-such-route', 200, 'application/json', { a: 1 })).resolves.toBe(false);
    await expect(check('PATCH', '/api/v1/cases', 200, 'application/json', { a: 1 })).resolves.toBe(false);
  });
});
