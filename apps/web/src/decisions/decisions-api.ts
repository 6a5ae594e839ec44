// Client of the decision, hearing and publication endpoints (issue 15). Kept beside the generated
// client: PDFs are binary, and the public pages call without a session.
import { ApiError, json, send } from '../api';

export type Outcome = 'granted' | 'grantedWithConditions' | 'refused';

export interface DecisionInput {
  outcome: Outcome | undefined;
  conditions: string[];
  reasons: string;
  locale: 'da' | 'en';
}

export interface DecisionDoc {
  id: string;
  documentId: string;
  filename: string;
  sizeBytes: number;
  locale: 'da' | 'en';
  outcome: Outcome;
  conditions: string[];
  appealDeadlineOn: string | null;
  usableFrom: string | null;
  sha256: string;
  published: boolean;
  supersedesId: string | null;
  supersededById: string | null;
  issuedAt: string;
  contentUrl: string;
}

export interface PublicHearing {
  id: string;
  permitCode: string;
  permitNameDa: string;
  permitNameEn: string;
  legalBasis: string;
  projectTitle: string;
  municipality: string | null;
  authorityNameDa: string;
  authorityNameEn: string;
  audience: string;
  startedAt: string;
  earliestEndAt: string;
  endedAt: string | null;
  open: boolean;
  /** Issue 17: set when this permit's hearing is part of a joint hearing (one public page for several permits). */
  jointHearingId?: string | null;
  documents: { id: string; filename: string; contentType: string; sizeBytes: number; url: string }[];
  limits: { textChars: number; nameChars: number; attachmentBytes: number };
}

export interface HearingComment {
  id: string;
  hearingId: string;
  name: string;
  email: string;
  text: string;
  attachment: { filename: string; sha256: string } | null;
  late: boolean;
  receivedAt: string;
  consideredAt: string | null;
  consideredNote: string | null;
  version: number;
}

export interface PublishedDecision {
  id: string;
  permitCode: string;
  permitNameDa: string;
  permitNameEn: string;
  legalBasis: string;
  outcome: Outcome;
  company: { name: string; cvr: string };
  municipality: string | null;
  authorityName: string;
  issuedAt: string;
  appealDeadlineOn: string;
  pdfUrl: string;
}

const blob = async (r: Promise<Response>): Promise<Blob> => (await r).blob();
const body = (i: DecisionInput) => ({ ...(i.outcome ? { outcome: i.outcome } : {}), conditions: i.outcome === 'grantedWithConditions' ? i.conditions : [], reasons: i.reasons, locale: i.locale });

export interface DraftView {
  id: string;
  outcome: Outcome;
  conditions: string[];
  reasons: string;
  sentAt: string;
  respondBy: string;
  response: 'accepted' | 'commented' | null;
  responseText: string | null;
  respondedAt: string | null;
}

export const decisionsApi = {
  sendDraft: (permitId: string, version: number, input: DecisionInput) =>
    json<{ version: number; draftId: string }>(send(`/permits/${permitId}/decision/draft`, { body: body(input), headers: { 'If-Match': `"${version}"` } })),
  /** The latest draft, or null when none was sent. */
  draft: async (permitId: string): Promise<DraftView | null> => {
    try {
      return await json<DraftView>(send(`/permits/${permitId}/decision/draft`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && err.problem?.code === 'DECISION.DRAFT_NOT_FOUND') return null;
      throw err;
    }
  },
  draftPdf: (permitId: string) => blob(send(`/permits/${permitId}/decision/draft/pdf`)),
  answerDraft: (permitId: string, version: number, response: 'accepted' | 'commented', text: string) =>
    json<{ version: number }>(send(`/permits/${permitId}/decision/draft/answer`, { body: response === 'commented' ? { response, text } : { response }, headers: { 'If-Match': `"${version}"` } })),
  preview: (permitId: string, input: DecisionInput) => blob(send(`/permits/${permitId}/decision/preview`, { body: body(input) })),
  issue: (permitId: string, version: number, input: DecisionInput) =>
    json<{ decision: DecisionDoc }>(send(`/permits/${permitId}/decision`, { body: body(input), headers: { 'If-Match': `"${version}"` } })),
  list: (permitId: string) => json<DecisionDoc[]>(send(`/permits/${permitId}/decisions`)),
  /** The stored PDF (the documents route needs the bearer token, so it is fetched, not linked). */
  pdf: (d: DecisionDoc) => blob(send(d.contentUrl)),
  hearings: (permitId: string) => json<{ items: (PublicHearing & { comments: HearingComment[] })[] }>(send(`/permits/${permitId}/hearings`)),
  consider: (commentId: string, version: number, note: string) => json<HearingComment>(send(`/hearing-comments/${commentId}/consideration`, { body: { note, version } })),
  publicHearing: (id: string) => json<PublicHearing>(send(`/public/hearings/${id}`, { auth: false })),
  openHearings: () => json<{ items: PublicHearing[] }>(send('/public/hearings', { auth: false })),
  comment: (id: string, c: { name: string; email: string; text: string; website: string; attachment?: { filename: string; contentBase64: string } }) =>
    json<{ id: string; late: boolean }>(send(`/public/hearings/${id}/comments`, { body: c, auth: false })),
  published: () => json<{ items: PublishedDecision[] }>(send('/public/decisions', { auth: false })),
};

/** Opens a PDF blob in a new tab (falls back to a download when pop-ups are blocked). */
export function openPdf(pdf: Blob, filename: string): void {
  const url = URL.createObjectURL(pdf);
  const a = document.createElement('a');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener';
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
