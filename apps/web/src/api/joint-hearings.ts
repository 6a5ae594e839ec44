// Issue 17 item 3: a joint hearing's one public page (no login).
import { client, unwrap } from './client';

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

export const jointHearingsApi = {
  publicPage: (id: string, signal?: AbortSignal) => unwrap<PublicJointHearing>(client.GET('/api/v1/public/joint-hearings/{id}', { params: { path: { id } }, signal })),
  comment: (id: string, body: { name: string; email: string; text: string; website: string; attachment?: { filename: string; contentBase64: string } }) =>
    unwrap<{ late: boolean; comments: Array<{ id: string; permitId: string }> }>(client.POST('/api/v1/public/joint-hearings/{id}/comments', { params: { path: { id } }, body: body as never })),
};
