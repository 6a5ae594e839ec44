/**
 * Issue 13 item 19 (the part the research supports): the coordinator dashboard shows cases in a
 * designated industrial park (L 206's second part: "statslig udpegning af industriparker",
 * permits-research.md §0, §2) as their own group. The fast-track effects (settled plan basis,
 * EIA screening on the park's plan-level assessment) are NOT implemented: the research holds no
 * text of what a designation does (see libs/permits/README.md).
 */
import { createCase, TestApi } from './support/http';

// Multi-step HTTP scenarios: generous under a loaded CI machine (each runs ~1–2 s when idle).
jest.setTimeout(60_000);

const APPLICANT = 'anna@nordlys.example';

describe('designated industrial parks on the dashboard (issue 13 item 19)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start();
    await api.setClock('2026-03-02T09:00:00Z');
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('lists open park cases as their own group, and no other case', async () => {
    const park = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', inIndustrialPark: true, newBuildingOrExtension: true }, 'Food plant in the park');
    const other = await createCase(api, APPLICANT, { municipalityCode: '219', siteZone: 'byzone', newBuildingOrExtension: true }, 'Warehouse outside the park');
    expect((await api.caseEvent(park.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    const d = await api.call('GET', '/dashboard', { as: 'coordinator' });
    expect(d.status).toBe(200);
    const refs = d.body.industrialParkCases.map((c: { reference: string }) => c.reference);
    expect(refs).toContain(park.reference);
    expect(refs).not.toContain(other.reference);
    expect(d.body.industrialParkCases.find((c: { reference: string }) => c.reference === park.reference)).toEqual(expect.objectContaining({ id: park.id, state: 'inProgress' }));
  });
});
