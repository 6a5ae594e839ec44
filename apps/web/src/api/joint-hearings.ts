// Issue 17 item 3: a joint hearing's one public page (no login).
import { client, ifMatch, unwrap } from './client';

export interface PublicJointHearing {
  id: string;
  projectTitle: string;
  municipality: string | null;
  audience: string;
  startedAt: string | null;
  earliestEndAt: string | null;
  endedAt: string | null;
  open: boolean;
  permits: Array<{ hearingId: string; permitCode: string; permitNameDa: string; permitNameEn: string; legalBasis: string; authorityNameDa: string; authorityNameEn: string; earliestEndAt: string }>;
  documents: Array<{ id: string; filename: string; contentType: string; sizeBytes: number; url: string }>;
  limits: { textChars: number; nameChars: number; attachmentBytes: number; perClientPerHour: number };
}

/** A joint hearing as the authorities see it (a caseworker sees hearingId of their own permits only). */
export interface JointHearing {
  id: string;
  caseId: string;
  status: 'draft' | 'open' | 'ended';
  audience: string;
  documentIds: string[];
  version: number;
  createdAt: string;
  startedAt: string | null;
  earliestEndAt: string | null;
  endedAt: string | null;
  permits: Array<{ permitId: string; code: string; nameDa: string; nameEn: string; authority: { code: string; nameDa: string; nameEn: string }; hearingId: string | null; ownEarliestEndAt: string | null; minimumBasis: string | null }>;
  publicUrl: string | null;
}

/** A permit type's hearing as the catalogue states it (GET /permit-types): the default minimum and the lawful shorter ones. */
export interface CatalogueHearing {
  minDuration?: { unit: string; length: number };
  minDurationBasis?: string;
  source?: string;
  minimumOptions?: Array<{ id: string; minDuration: { unit: string; length: number }; appliesWhen: string; source: string }>;
}

export const jointHearingsApi = {
  list: (caseId: string, signal?: AbortSignal) => unwrap<{ items: JointHearing[] }>(client.GET('/api/v1/cases/{id}/joint-hearings', { params: { path: { id: caseId } }, signal })),
  add: (caseId: string, body: { permits?: Array<{ permitId: string; minimumBasis?: string }>; audience?: string }) =>
    unwrap<JointHearing>(client.POST('/api/v1/cases/{id}/joint-hearings', { params: { path: { id: caseId } }, body: body as never })),
  start: (id: string, version: number) => unwrap<JointHearing>(client.POST('/api/v1/joint-hearings/{id}/start', { params: { path: { id }, header: ifMatch(version) as never } })),
  end: (id: string, version: number) => unwrap<JointHearing>(client.POST('/api/v1/joint-hearings/{id}/end', { params: { path: { id }, header: ifMatch(version) as never } })),
  catalogueHearings: (signal?: AbortSignal) =>
    unwrap<{ permitTypes: Array<{ code: string; hearing?: CatalogueHearing | 'unknown' | null }> }>(client.GET('/api/v1/permit-types', { signal })).then((r) => new Map(r.permitTypes.map((x) => [x.code, typeof x.hearing === 'object' && x.hearing ? x.hearing : null]))),
  publicPage: (id: string, signal?: AbortSignal) => unwrap<PublicJointHearing>(client.GET('/api/v1/public/joint-hearings/{id}', { params: { path: { id } }, signal })),
  comment: (id: string, body: { name: string; email: string; text: string; website: string; attachment?: { filename: string; contentBase64: string } }) =>
    unwrap<{ late: boolean; comments: Array<{ id: string; permitId: string }> }>(client.POST('/api/v1/public/joint-hearings/{id}/comments', { params: { path: { id } }, body: body as never })),
};
