/**
 * A list of objects in a request body holds objects (real PostgreSQL and Redis): an item that is
 * an array, null or a string is a 400 REQUEST.VALIDATION_FAILED that writes nothing — for every
 * body whose list items are validated as nested DTOs (`NestedArray` in common/dto-decorators.ts).
 * class-validator's ValidateNested alone passes a nested array (`[[]]`) through unvalidated; the
 * notification preferences had the guard (found by the fuzz test), these four lists did not.
 */
import { createCase, PHARMA_FACTS, TestApi } from './support/http';

const APPLICANT = 'anna@nordlys.example';
const CW_MST = 'cw.mst';
const COORD = 'coordinator';
const NOT_OBJECTS: unknown[][] = [[[]], [null], ['item'], [{}, []]];

describe('Lists of objects in request bodies refuse items that are not objects', () => {
  const api = TestApi.forSuite();
  let caseId: string;

  beforeAll(async () => {
    await api.setClock('2027-03-01T08:00:00Z');
    const c = await createCase(api, APPLICANT, PHARMA_FACTS, 'Nested array items');
    expect((await api.caseEvent(c.id, APPLICANT, { type: 'case.submitted' })).status).toBe(200);
    caseId = c.id;
  });

  const bodies: Array<[string, string, string, (items: unknown[]) => unknown]> = [
    ['information request questions', 'POST', 'info-bundles', (questions) => ({ dueOn: '2027-03-19', questions })],
    ['information request answers', 'POST', 'answers', (answers) => ({ answers })],
    ['joint hearing permits', 'POST', 'joint-hearings', (permits) => ({ permits })],
    ['what-if scenarios', 'POST', 'what-if', (scenarios) => ({ scenarios })],
  ];
  const pathOf = (target: string) =>
    ({
      'info-bundles': `/cases/${caseId}/info-bundles`,
      answers: `/info-bundles/00000000-0000-4000-8000-000000000001/answers`,
      'joint-hearings': `/cases/${caseId}/joint-hearings`,
      'what-if': `/cases/${caseId}/forecast/what-if`,
    })[target]!;
  const callerOf = (target: string) => (target === 'answers' ? APPLICANT : target === 'what-if' ? COORD : CW_MST);

  it.each(bodies)('%s: an item that is not an object is a 400 and writes nothing', async (_name, method, target, body) => {
    const before = [await api.counts(), await api.versionSum()];
    for (const items of NOT_OBJECTS) {
      const r = await api.call(method, pathOf(target), { as: callerOf(target), body: body(items) });
      expect([JSON.stringify(items), r.status, r.body.code]).toEqual([JSON.stringify(items), 400, 'REQUEST.VALIDATION_FAILED']);
    }
    expect([await api.counts(), await api.versionSum()]).toEqual(before);
  });
});
