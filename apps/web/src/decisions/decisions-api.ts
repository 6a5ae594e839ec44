// Client of the decision, hearing and publication endpoints (issue 15). Kept beside the generated
// client: PDFs are binary, and the public pages call without a session.
import { ApiError, json, send } from '../api';
import type { Schemas } from '../api/types';

export type Outcome = 'granted' | 'grantedWithConditions' | 'refused';

export interface DecisionInput {
  outcome: Outcome | undefined;
  conditions: string[];
  reasons: string;
  locale: 'da' | 'en';
}

// The answers' types come from the API's OpenAPI document (src/api/schema.d.ts, `npm run gen:api`).
export type DecisionDoc = Schemas['DecisionLetterDto'];
export type PublicHearing = Schemas['PublicHearingDto'];
export type HearingComment = Schemas['HearingCommentDto'];
export type PublishedDecision = Schemas['PublishedDecisionDto'];
export type DraftView = Schemas['DecisionDraftDto'];

const blob = async (r: Promise<Response>): Promise<Blob> => (await r).blob();
const body = (i: DecisionInput) => ({ ...(i.outcome ? { outcome: i.outcome } : {}), conditions: i.outcome === 'grantedWithConditions' ? i.conditions : [], reasons: i.reasons, locale: i.locale });

export const decisionsApi = {
  sendDraft: (permitId: string, version: number, input: DecisionInput) =>
    json<Schemas['DecisionDraftAckDto']>(send(`/permits/${permitId}/decision/draft`, { body: body(input), headers: { 'If-Match': `"${version}"` } })),
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
    json<Schemas['DecisionDraftAckDto']>(send(`/permits/${permitId}/decision/draft/answer`, { body: response === 'commented' ? { response, text } : { response }, headers: { 'If-Match': `"${version}"` } })),
  preview: (permitId: string, input: DecisionInput) => blob(send(`/permits/${permitId}/decision/preview`, { body: body(input) })),
  issue: (permitId: string, version: number, input: DecisionInput) =>
    json<Schemas['IssuedDecisionDto']>(send(`/permits/${permitId}/decision`, { body: body(input), headers: { 'If-Match': `"${version}"` } })),
  list: (permitId: string) => json<DecisionDoc[]>(send(`/permits/${permitId}/decisions`)),
  /** The stored PDF (the documents route needs the bearer token, so it is fetched, not linked). */
  pdf: (d: DecisionDoc) => blob(send(d.contentUrl)),
  hearings: (permitId: string) => json<Schemas['PermitHearingListDto']>(send(`/permits/${permitId}/hearings`)),
  consider: (commentId: string, version: number, note: string) => json<HearingComment>(send(`/hearing-comments/${commentId}/consideration`, { body: { note, version } })),
  publicHearing: (id: string) => json<PublicHearing>(send(`/public/hearings/${id}`, { auth: false })),
  openHearings: () => json<Schemas['PublicHearingListDto']>(send('/public/hearings', { auth: false })),
  comment: (id: string, c: { name: string; email: string; text: string; website: string; attachment?: { filename: string; contentBase64: string } }) =>
    json<Schemas['HearingCommentReceiptDto']>(send(`/public/hearings/${id}/comments`, { body: c, auth: false })),
  published: () => json<Schemas['PublishedDecisionListDto']>(send('/public/decisions', { auth: false })),
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
