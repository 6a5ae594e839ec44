// The answers' types: aliases of the generated OpenAPI schemas (./schema.d.ts, `npm run gen:api`)
// where the document describes the answer in full; hand-written views (CaseView, PermitView, …)
// where it still describes only part of it (PermitDto documents a subset of the permit view).
// Those mirror apps/api/src/**/views.ts.
import type { FormSchema, MissingItem } from '@rl/permits-catalog';
import type { components } from './schema';

/** The catalogue's own types: a JSON Schema node of the application form (with our annotations),
 *  and a missing field or document of the pre-submission check. */
export type { FormSchema, MissingItem };

export type Schemas = components['schemas'];

export type AdminUser = Schemas['AdminUserDto'];
export type BusinessCalendar = Schemas['BusinessCalendarDto'];
export type ClosureDayChange = Schemas['ClosureDayChangeDto'];
export type AdminUserPage = Schemas['AdminUserPageDto'];
export type DirectoryAuditPage = Schemas['DirectoryAuditPageDto'];

export type Risk = 'onTrack' | 'atRisk' | 'breached';
export type Outcome = 'granted' | 'grantedWithConditions' | 'refused';
export type CaseState = 'draft' | 'submitted' | 'inProgress' | 'completed' | 'withdrawn';
export type SiteZone = 'byzone' | 'landzone' | 'sommerhusomraade';
export type Requires = 'decided' | 'final';

export interface Bilingual {
  da: string;
  en: string;
}

export interface ScreeningReason extends Bilingual {
  ruleId: string;
  statute: string;
}

export interface Duration {
  unit: 'calendarDays' | 'businessDays' | 'weeks' | 'months';
  length: number;
}

export interface ClockRuleView {
  unknown?: boolean;
  note?: string;
  kind?: string;
  duration?: Duration;
  stopsWhileAwaitingApplicant?: boolean;
  source?: string;
}

export interface ScreenedPermit {
  code: string;
  nameDa: string;
  nameEn: string;
  legalBasis?: string;
  reasons: ScreeningReason[];
  authority: { kind: string; level?: string; code: string; nameDa: string; nameEn: string };
  prerequisites: Array<{ code: string; requires: Requires }>;
  clocks: {
    serviceTarget?: ClockRuleView | null;
    statutoryDeadline?: ClockRuleView | null;
    typicalDuration?: Duration | null;
    hearing?: (ClockRuleView & { minimum?: Duration }) | null;
    appeal?: { period?: Duration; body?: string; suspendsPermit?: boolean; unknown?: boolean } | null;
  };
  plan?: { earliestStart: string; earliestFinish: string; earliestFinal: string; critical: boolean; slackDays: number; durationDays: number } | null;
}

export interface ScreeningResult {
  catalogVersion: string;
  permits: ScreenedPermit[];
  projectedDecisionDate: string | null;
  criticalPath: string[];
  caseCeiling: {
    /** False: not eligible for Én indgang (L 206 §2), no statutory ceiling (issue 13 item 16). */
    appliesUnderL206?: boolean;
    months: 12 | 18;
    simple: boolean;
    reason: Bilingual;
    failedCriteria?: unknown[];
    dueOnIfStartedToday: string | null;
    withinCeiling?: boolean | null;
    marginDays?: number | null;
    /** The ceiling's risk if the case started today (issue 16). */
    risk?: Risk | null;
    usedShare?: number | null;
  };
  /** The one case risk, before the case exists (issue 16). */
  risk?: Risk;
  eligibleForOneStopShop?: boolean;
  notes?: Array<Bilingual | string>;
  /** Permits a "don't know" answer may add, with the questions to settle (issue 13 item 15). */
  possiblePermits?: Array<{ code: string; nameDa: string; nameEn: string; settle: string[] }>;
  unsettledFacts?: string[];
  /** The designated-park fast track (issue 13 item 19); null outside a park. */
  industrialPark?: IndustrialPark | null;
}

export interface InfoRequest {
  round: number;
  question: string;
  dueOn: string | null;
  requestedAt: string;
  answeredAt: string | null;
  answer?: string | null;
  documentIds?: string[];
}

/** A permit as GET /permits/:id and the case view give it in full (the contract's PermitDto). */
export type PermitView = Schemas['PermitDto'] & { restricted?: undefined };
/** Another authority's permit as a caseworker sees it in a case: a summary (RestrictedPermitDto). */
export type RestrictedPermit = Schemas['RestrictedPermitDto'];
/** A permit in a case's view: in full, or (another authority's, for a caseworker) a summary. */
export type CasePermit = PermitView | RestrictedPermit;
export const isFullPermit = (p: CasePermit): p is PermitView => p.restricted !== true;
export type CaseView = Omit<Schemas['CaseDto'], 'permits'> & { permits: CasePermit[] };

export interface Settlement {
  unsettledFacts: string[];
  possiblePermits: Array<{ code: string; nameDa: string; nameEn: string; settle: string[] }>;
  acceptedAt: string | null;
  acceptedBy: string | null;
  settled: boolean;
}

/** Issue 13 item 19: what the designated-park fast track did (every effect an inference). */
export interface IndustrialPark {
  fastTrack: string;
  source: string;
  recommendation: string;
  coveredPermits: Array<{ code: string; nameDa: string; nameEn: string; reasons: ScreeningReason[] }>;
  eiaScreeningOnPlanAssessment: boolean;
  ceilingMonths: 12 | 18;
  ceilingMonthsOutsidePark: 12 | 18;
  basis: Array<{ effect: string; kind: 'statute' | 'inference'; text: string }>;
}

export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  state: CaseState;
  version: number;
  organisation?: { id?: string; name: string } | null;
  ceilingMonths: 12 | 18 | null;
  ceilingDueOn: string | null;
  permitCount?: number;
  risk: Risk;
  submittedAt?: string | null;
  /** Permits waiting for the company to answer an information request ("action needed"). */
  openInfoRequests?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface TimelineEntry {
  id: number;
  eventType: string;
  actorRole: string | null;
  actor: { name: string; username?: string; organisationName?: string | null } | null;
  /** The company a company-side actor acted for (issue 14 point 6). */
  onBehalfOf?: { id: string; name: string | null } | null;
  payload?: { changedFields?: string[] } & Record<string, unknown>;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  occurredAt: string;
  permitCode: string | null;
  permitNameDa?: string;
  permitNameEn?: string;
}

export type Task = Schemas['TaskDto'];
export type TaskPage = Schemas['TaskPageDto'];
export type PermitTask = Schemas['PermitTaskDto'];
export type NotificationView = Schemas['NotificationDto'];
export type NotificationPage = Schemas['NotificationPageDto'];
export type NotificationPreference = Schemas['NotificationPreferenceDto'];
export type InboxFilter = 'mine' | 'unassigned' | 'waitingOnCompany' | 'overdue';
export type InboxSort = 'priority' | 'received' | 'due' | 'reference';
export type CaseSort = 'created' | 'reference' | 'title' | 'ceilingDue' | 'state';

export interface DocumentView {
  id: string;
  filename: string;
  sha256: string;
  /** Versions (issue 14 point 3): the list shows current versions, earlier ones in `history`. */
  version?: number;
  lineageId?: string;
  current?: boolean;
  history?: DocumentView[];
  contentType?: string;
  size?: number;
  permitId?: string | null;
  description?: string | null;
  /** The permit's required document this meets (issue 14). */
  requirementKey?: string | null;
  documentType?: string | null;
  createdAt?: string;
}

export type PlanRow = Schemas['CasePlanRowDto'];
export type PlanReferral = Schemas['CasePlanReferralDto'];
export type CasePlan = Schemas['CasePlanDto'];
export type PlanDates = Schemas['PlanDatesDto'];
export type PlanChangeRequest = Schemas['PlanChangeRequestDto'];
export type CoordinatedPlan = Schemas['CoordinatedPlanDto'];
export type WhatIfResult = Schemas['WhatIfResultDto'];
export type CeilingWatchRow = Schemas['DashboardCeilingCaseDto'];
export type DashboardPermitRef = Schemas['DashboardRiskPermitDto'];
export type Dashboard = Schemas['DashboardDto'];

/** Body of POST /permits/:id/events. */
export type PermitEvent =
  | { type: 'authority.completenessConfirmed' }
  | { type: 'authority.infoRequested'; question: string; dueOn?: string }
  | { type: 'applicant.infoProvided'; answer?: string; documentIds?: string[] }
  | { type: 'authority.hearingStarted'; audience?: string }
  | { type: 'authority.hearingEnded' }
  | { type: 'authority.decisionIssued'; outcome: Outcome; conditions?: string[]; reason: string }
  | { type: 'application.withdrawn' }
  | { type: 'application.submitted' };

export type CaseEvent = { type: 'case.submitted'; permitCodes?: string[] } | { type: 'case.withdrawn' };

// ---- the application (issue 14) ----

export interface RequiredDocument {
  key: string;
  documentType: string;
  da: string;
  en: string;
  source: string;
  inference: boolean;
}

export interface PermitSectionForm {
  permitCode: string;
  schema: FormSchema;
  sharedFields: Array<{ pointer: string; source: string; inference: boolean }>;
  requiredDocuments: RequiredDocument[];
  completenessCheck: { duration: Duration; source: string; inference: boolean };
}

export interface ApplicationForm {
  catalogVersion: string;
  shared: FormSchema;
  sections: Record<string, PermitSectionForm>;
  documentTypes: Array<{ code: string; da: string; en: string }>;
}

export type JsonObject = Record<string, unknown>;

export interface ApplicationView {
  caseId: string;
  caseReference: string;
  version: number;
  catalogVersion: string;
  updatedAt: string;
  shared: JsonObject;
  facts: JsonObject;
  sections: Record<string, JsonObject>;
  permits: Array<{ id: string; code: string; nameDa: string; nameEn: string; state: string; filingHeld: boolean; filedIncomplete: boolean }>;
}

export interface ApplicationCheck {
  caseId: string;
  version: number;
  permits: Array<{ permitId: string; code: string; nameDa: string; nameEn: string; state: string; filingHeld: boolean; complete: boolean; missing: MissingItem[] }>;
}

export interface ApplicationDocumentView {
  id: string;
  permitId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  description: string;
  requirementKey: string | null;
  documentType: string | null;
  createdAt: string;
}

export interface PermitApplicationView {
  permitId: string;
  caseId: string;
  caseReference: string;
  code: string;
  nameDa: string;
  nameEn: string;
  catalogVersion: string;
  applicationVersion: number;
  shared: JsonObject;
  facts: JsonObject;
  section: JsonObject;
  form: PermitSectionForm;
  documents: ApplicationDocumentView[];
  infoRequests: Array<InfoRequest & { answerDocumentIds: string[] }>;
  filing: { receivedAt: string | null; filedIncomplete: boolean; missingItems: MissingItem[]; completenessDueOn: string | null; completeOn: string | null };
  changes: { sinceVersion: number | null; currentVersion: number; fields: Array<{ pointer: string; before: unknown; after: unknown }>; documents: Array<{ id: string; filename: string }> };
}


export type ProxyRole = 'read' | 'prepare' | 'submit';

/** A fuldmagt (issue 14 point 6), as GET /proxy-grants and /proxy-grants/received return it. */
export interface ProxyGrant {
  id: string;
  organisation: { id: string; cvr: string; name: string };
  case: { id: string; reference: string; title: string } | null;
  inviteeEmail: string;
  grantee: { id: string; username: string; name: string; organisationName: string | null } | null;
  role: ProxyRole;
  validFrom: string;
  validUntil: string;
  status: 'invited' | 'active' | 'notYetValid' | 'expired' | 'revoked';
  createdAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  invitationEmail?: 'sent' | 'failed';
}
