/**
 * Issue 13 item 12 over HTTP (real PostgreSQL + Redis): the holiday calendar and closure days are
 * data, maintained by admins only; adding a closure day moves the due date of a running clock
 * (here the L 206 case ceiling that lands on it) by one business day, audited; removing it moves
 * it back; a Store Bededag-style change (a holiday rule's effective dates, with its legal source)
 * changes the calendar from the given year only. If-Match on rules and closure days.
 */
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';
const ADMIN = 'admin';
// A produktionsvirksomhed (listed activity) with ≥ DKK 100m: eligible for Én indgang; a simple case, 12 months.
const L206_FACTS = { municipalityCode: '219', siteZone: 'byzone', fitsMunicipalPlanFrame: true, listedActivity: { annex: 'annex2', sMarked: false }, investmentDkk: 150_000_000 };

describe('business calendar as data (issue 13 item 12)', () => {
  const api = TestApi.forSuite();

  it('admins only: the seeded rules equal the code calendar (Store Bededag ends 2023); other roles get 403', async () => {
    const cal = await api.call('GET', '/admin/calendar?year=2023', { as: ADMIN });
    expect(cal.status).toBe(200);
    expect(cal.body.holidayRules).toHaveLength(14);
    expect(cal.body.holidayRules.find((r: { code: string }) => r.code === 'STORE_BEDEDAG')).toEqual(expect.objectContaining({ easterOffset: 26, effectiveTo: '2023-12-31', version: 1 }));
    expect(cal.body.nonBusinessDays.map((d: { code: string }) => d.code)).toContain('STORE_BEDEDAG');
    const y2024 = await api.call('GET', '/admin/calendar?year=2024', { as: ADMIN });
    expect(y2024.body.nonBusinessDays.map((d: { code: string }) => d.code)).not.toContain('STORE_BEDEDAG');
    for (const who of [APPLICANT, 'coordinator', 'cw.hillerod']) {
      expect((await api.call('GET', '/admin/calendar', { as: who })).status).toBe(403);
      expect((await api.call('POST', '/admin/calendar/closure-days', { as: who, body: { date: '2030-01-02', nameDa: 'x', nameEn: 'x', reason: 'xx' } })).status).toBe(403);
    }
    expect((await api.call('GET', '/admin/calendar?year=abc', { as: ADMIN })).status).toBe(400);
  });

  it('a closure day on a running ceiling moves it one business day, audited; removing it (If-Match) moves it back', async () => {
    await api.setClock('2026-03-11T09:00:00Z'); // Wednesday: 12 months → Thursday 11 March 2027
    const c = await createCase(api, APPLICANT, L206_FACTS, 'Ceiling meets a closure day');
    const submitted = await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' });
    expect([submitted.status, submitted.body.ceilingDueOn]).toEqual([200, '2027-03-11']);

    const before = await api.counts();
    const added = await api.call('POST', '/admin/calendar/closure-days', { as: ADMIN, body: { date: '2027-03-11', nameDa: 'Lukkedag', nameEn: 'Closure day', reason: 'Office move (test)' } });
    expect(added.status).toBe(201);
    expect(added.body.closureDay).toEqual(expect.objectContaining({ date: '2027-03-11', version: 1 }));
    expect(added.body.recomputed.ceilingsMoved).toBeGreaterThanOrEqual(1);

    const after = await api.call('GET', `/cases/${c.id}`, { as: APPLICANT });
    expect(after.body.ceilingDueOn).toBe('2027-03-12'); // the next business day
    const [audit] = await api.ds.query(`SELECT actor_role, payload FROM audit_events WHERE case_id = $1 AND event_type = 'calendar.recomputed'`, [c.id]);
    expect(audit.actor_role).toBe('system');
    expect(audit.payload.dates).toEqual([{ field: 'ceilingDueOn', from: '2027-03-11', to: '2027-03-12' }]);
    expect(audit.payload.change).toEqual(expect.objectContaining({ action: 'closureDay.added', date: '2027-03-11' }));
    const [calAudit] = await api.ds.query(`SELECT action, target, details FROM calendar_audit ORDER BY id DESC LIMIT 1`);
    expect(calAudit).toEqual(expect.objectContaining({ action: 'closureDay.added', target: '2027-03-11' }));
    expect((await api.counts()).audit_events - before.audit_events).toBe(added.body.recomputed.ceilingsMoved + added.body.recomputed.permitsMoved);

    const dup = await api.call('POST', '/admin/calendar/closure-days', { as: ADMIN, body: { date: '2027-03-11', nameDa: 'x', nameEn: 'x', reason: 'again' } });
    expect([dup.status, dup.body.code]).toEqual([409, 'CALENDAR.ENTRY_EXISTS']);
    const bad = await api.call('POST', '/admin/calendar/closure-days', { as: ADMIN, body: { date: '13/09/2027', nameDa: 'x', nameEn: 'x', reason: 'bad' } });
    expect(bad.status).toBe(400);
    const notADate = await api.call('POST', '/admin/calendar/closure-days', { as: ADMIN, body: { date: '2027-02-30', nameDa: 'x', nameEn: 'x', reason: 'bad' } });
    expect([notADate.status, notADate.body.code]).toEqual([422, 'CALENDAR.INVALID_RULE']);

    const id = added.body.closureDay.id;
    expect((await api.call('DELETE', `/admin/calendar/closure-days/${id}`, { as: ADMIN })).status).toBe(428);
    const stale = await api.call('DELETE', `/admin/calendar/closure-days/${id}`, { as: ADMIN, headers: { 'if-match': '7' } });
    expect([stale.status, stale.body.code]).toEqual([409, 'CONCURRENCY.VERSION_CONFLICT']);
    const removed = await api.call('DELETE', `/admin/calendar/closure-days/${id}`, { as: ADMIN, headers: { 'if-match': '1' } });
    expect(removed.status).toBe(200);
    expect((await api.call('GET', `/cases/${c.id}`, { as: APPLICANT })).body.ceilingDueOn).toBe('2027-03-11');
    expect((await api.call('DELETE', `/admin/calendar/closure-days/${id}`, { as: ADMIN, headers: { 'if-match': '1' } })).status).toBe(404);
  });

  it('a Store Bededag-style change: a holiday rule ends from a year (with its source), If-Match, audited; a running ceiling follows', async () => {
    // Kristi Himmelfartsdag 2027 is Thursday 6 May. Submitted Wednesday 6 May 2026: 12 months → Thursday 6 May 2027 → rolls to Friday 7 May.
    await api.setClock('2026-05-06T09:00:00Z');
    const c = await createCase(api, APPLICANT, L206_FACTS, 'Ceiling on Ascension Day');
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).body.ceilingDueOn).toBe('2027-05-07');

    const cal = await api.call('GET', '/admin/calendar', { as: ADMIN });
    const rule = cal.body.holidayRules.find((r: { code: string }) => r.code === 'KRISTI_HIMMELFARTSDAG');
    const body = { effectiveTo: '2026-12-31', source: 'Hypothetical law abolishing the holiday from 2027 (test of a Store Bededag-style change)' };
    const stale = await api.call('PATCH', `/admin/calendar/holiday-rules/${rule.id}`, { as: ADMIN, body, headers: { 'if-match': String(rule.version + 1) } });
    expect(stale.status).toBe(409);
    const changed = await api.call('PATCH', `/admin/calendar/holiday-rules/${rule.id}`, { as: ADMIN, body, headers: { 'if-match': String(rule.version) } });
    expect(changed.status).toBe(200);
    expect(changed.body.holidayRule).toEqual(expect.objectContaining({ effectiveTo: '2026-12-31', version: rule.version + 1, source: body.source }));
    expect((await api.call('GET', `/cases/${c.id}`, { as: APPLICANT })).body.ceilingDueOn).toBe('2027-05-06');
    const y2026 = await api.call('GET', '/admin/calendar?year=2026', { as: ADMIN });
    expect(y2026.body.nonBusinessDays.map((d: { code: string }) => d.code)).toContain('KRISTI_HIMMELFARTSDAG');
    const [calAudit] = await api.ds.query(`SELECT action, details FROM calendar_audit WHERE action = 'holidayRule.changed' ORDER BY id DESC LIMIT 1`);
    expect(calAudit.details).toEqual(expect.objectContaining({ code: 'KRISTI_HIMMELFARTSDAG', before: { effectiveFrom: null, effectiveTo: null }, after: { effectiveFrom: null, effectiveTo: '2026-12-31' } }));

    // A rule the calendar cannot compute is refused with nothing written.
    const invalid = await api.call('PATCH', `/admin/calendar/holiday-rules/${rule.id}`, { as: ADMIN, body: { effectiveFrom: '2030-01-01', source: 'bad range' }, headers: { 'if-match': String(rule.version + 1) } });
    expect([invalid.status, invalid.body.code]).toEqual([422, 'CALENDAR.INVALID_RULE']);
    // Restore (the other tests' dates assume the code calendar).
    const restored = await api.call('PATCH', `/admin/calendar/holiday-rules/${rule.id}`, { as: ADMIN, body: { effectiveTo: null, source: 'restore' }, headers: { 'if-match': String(rule.version + 1) } });
    expect(restored.status).toBe(200);
    expect((await api.call('GET', `/cases/${c.id}`, { as: APPLICANT })).body.ceilingDueOn).toBe('2027-05-07');
    expect((await api.call('PATCH', `/admin/calendar/holiday-rules/not-a-uuid`, { as: ADMIN, body: { source: 'x1' }, headers: { 'if-match': '1' } })).status).toBe(404);
  });
});
