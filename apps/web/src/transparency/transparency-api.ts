// Client of the transparency endpoints (issue 16 item 5), the Gantt files (item 6) and the
// coordinator's task assignment. Kept beside the generated client: the public pages call without a
// session and the Gantt files are binary.
import { json, saveBlob, send } from '../api';
import type { paths } from '../api/schema';
import type { Schemas } from '../api/types';

// The answers' types come from the API's OpenAPI document (src/api/schema.d.ts, `npm run gen:api`).
export type ConsentView = Schemas['PublicationConsentDto'];
export type PublicCaseSummary = Schemas['PublicCaseListItemDto'];
export type PublicCase = Schemas['PublicCaseDto'];
export type PublicStage = PublicCase['permits'][number]['stage'];
/** The published statistics (the same shape as `statistics.schema.json`). */
export type PublicStatistics = paths['/api/v1/public/statistics']['get']['responses'][200]['content']['application/json'];

export const transparencyApi = {
  consent: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`)),
  give: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`, { method: 'PUT' })),
  revoke: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`, { method: 'DELETE' })),
  publicCases: () => json<Schemas['PublicCaseListDto']>(send('/public/cases', { auth: false })),
  publicCase: (reference: string) => json<PublicCase>(send(`/public/cases/${encodeURIComponent(reference)}`, { auth: false })),
  publicStatistics: () => json<PublicStatistics>(send('/public/statistics', { auth: false })),
  /** Downloads the Gantt as PDF or PNG (the route needs the bearer token, so it is fetched, not linked). */
  downloadGantt: async (caseId: string, format: 'pdf' | 'png', lang: 'da' | 'en', reference: string) => {
    const res = await send(`/cases/${encodeURIComponent(caseId)}/plan/gantt.${format}?lang=${lang}`, { headers: { Accept: format === 'pdf' ? 'application/pdf' : 'image/png' } });
    saveBlob(await res.blob(), `gantt-${reference}.${format}`);
  },
  assignTask: (taskId: string, userId: string) => json<{ id: string; assignedTo: string }>(send(`/tasks/${encodeURIComponent(taskId)}/assign`, { body: { userId } })),
};
