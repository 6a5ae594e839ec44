// Client of the transparency endpoints (issue 16 item 5), the Gantt files (item 6) and the
// coordinator's task assignment. Kept beside the generated client: the public pages call without a
// session and the Gantt files are binary.
import { json, saveBlob, send } from '../api';

export type PublicStage = 'waiting' | 'inProcess' | 'decided' | 'final' | 'withdrawn';

export interface ConsentView {
  caseId: string;
  published: boolean;
  reference: string;
  publicPath: string;
  grantedAt: string | null;
  history: { grantedAt: string; grantedBy: string | null; revokedAt: string | null; revokedBy: string | null }[];
}

export interface PublicCaseSummary {
  reference: string;
  state: string;
  company: { name: string; cvr: string };
  permits: number;
  publishedSince: string;
}

interface Dates {
  startOn: string | null;
  decisionOn: string | null;
  finalOn: string | null;
}

export interface PublicCase {
  reference: string;
  company: { name: string; cvr: string };
  stage: 'draft' | 'inProcess' | 'completed' | 'withdrawn';
  submittedOn: string | null;
  completedOn: string | null;
  ceilingMonths: number | null;
  ceilingDueOn: string | null;
  plan: { status: string; agreedOn: string | null } | null;
  forecast: { completionP50: string; completionP80: string } | null;
  publishedSince: string;
  asOf: string;
  permits: {
    code: string;
    nameDa: string;
    nameEn: string;
    authority: { nameDa: string; nameEn: string };
    stage: PublicStage;
    baseline: Dates | null;
    planned: Dates | null;
    targetDueOn: string | null;
    statutoryDueOn: string | null;
    actual: { receivedOn: string | null; completeOn: string | null; decidedOn: string | null; appealDeadlineOn: string | null; finalOn: string | null };
    overdue: boolean;
    missed: { on: string; explanation: string | null } | null;
  }[];
  changes: { permitCode: string | null; reasonCode: string; reasonDa: string; reasonEn: string; from: { decisionOn: string; finalOn: string }; to: { decisionOn: string; finalOn: string }; appliedOn: string | null }[];
}

export interface PublicStatistics {
  schemaVersion: string;
  generatedAt: string;
  permits: {
    quarter: string;
    permitType: string;
    permitTypeName: string;
    authorityCode: string;
    authorityName: string;
    decided: number;
    medianElapsedDays: number | null;
    medianAuthorityDays: number | null;
    p80ElapsedDays: number | null;
    withTarget: number;
    withinTarget: number;
    withinTargetShare: number | null;
  }[];
  cases: { quarter: string; counted: number; completed: number; withinCeiling: number; ceilingComplianceShare: number | null; medianElapsedDays: number | null }[];
}

export const transparencyApi = {
  consent: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`)),
  give: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`, { method: 'PUT' })),
  revoke: (caseId: string) => json<ConsentView>(send(`/cases/${encodeURIComponent(caseId)}/publication`, { method: 'DELETE' })),
  publicCases: () => json<{ items: PublicCaseSummary[] }>(send('/public/cases', { auth: false })),
  publicCase: (reference: string) => json<PublicCase>(send(`/public/cases/${encodeURIComponent(reference)}`, { auth: false })),
  publicStatistics: () => json<PublicStatistics>(send('/public/statistics', { auth: false })),
  /** Downloads the Gantt as PDF or PNG (the route needs the bearer token, so it is fetched, not linked). */
  downloadGantt: async (caseId: string, format: 'pdf' | 'png', lang: 'da' | 'en', reference: string) => {
    const res = await send(`/cases/${encodeURIComponent(caseId)}/plan/gantt.${format}?lang=${lang}`, { headers: { Accept: format === 'pdf' ? 'application/pdf' : 'image/png' } });
    saveBlob(await res.blob(), `gantt-${reference}.${format}`);
  },
  assignTask: (taskId: string, userId: string) => json<{ id: string; assignedTo: string }>(send(`/tasks/${encodeURIComponent(taskId)}/assign`, { body: { userId } })),
};
