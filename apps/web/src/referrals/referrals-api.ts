// Client of the issue 17 endpoints (referrals, gateways, authority changes). Kept beside the
// generated client like decisions-api.ts: If-Match headers and multipart uploads.
import type { GatewayView } from '@rl/permits-catalog';
import { json, send } from '../api';

export interface AuthorityRef {
  code: string;
  nameDa: string;
  nameEn: string;
}

export interface Referral {
  id: string;
  caseId: string;
  caseReference: string;
  caseTitle: string;
  permitId: string;
  permitCode: string;
  from: AuthorityRef;
  to: AuthorityRef;
  kind: 'opinion' | 'consent';
  ruleId: string | null;
  question: string;
  sharedPart: boolean;
  documentIds: string[];
  dueOn: string;
  stopsClock: boolean;
  status: 'open' | 'answered' | 'proceeded';
  overdue: boolean;
  requestedAt: string;
  answer: { text: string | null; consent: 'given' | 'refused' | null; documentIds: string[]; answeredAt: string; late: boolean } | null;
  proceeded: { at: string; note: string | null } | null;
  version: number;
}

export interface ReferralDocument {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface ReferralMaterial {
  referral: Referral;
  /** The caller's authority is the one asked (it may answer). */
  youWereAsked: boolean;
  permit: { code: string; nameDa: string; nameEn: string; legalBasis: string };
  sharedPart: Record<string, unknown> | null;
  permitSection: Record<string, unknown> | null;
  documents: ReferralDocument[];
  answerDocuments: ReferralDocument[];
}

export interface ReferralRule {
  id: string;
  kind: 'opinion' | 'consent';
  toAuthorityCode: string | null;
  answerWithin: { unit: string; length: number };
  answerWithinSource: string;
  stopsClock: boolean;
  stopsClockSource: string;
  appliesWhen: { da: string; en: string };
  source: string;
}

export interface ReferralOptions {
  rules: ReferralRule[];
  authorities: (AuthorityRef & { kind: string })[];
}

export interface AuthorityChange {
  id: string;
  kind: 'delegation' | 'callIn';
  from: AuthorityRef;
  to: AuthorityRef;
  reason: string;
  legalBasis: string;
  changedAt: string;
}

/** GET /cases/:id/gateways answers the catalogue's own gateway views. */
export type Gateway = GatewayView;

const ifMatch = (v: number) => ({ 'If-Match': `"${v}"` });

export const referralsApi = {
  options: (permitId: string) => json<ReferralOptions>(send(`/permits/${permitId}/referral-options`)),
  forPermit: (permitId: string) => json<Referral[]>(send(`/permits/${permitId}/referrals`)),
  create: (permitId: string, permitVersion: number, body: { toAuthorityCode: string; question: string; dueOn?: string; sharedPart: boolean; documentIds: string[] }) =>
    json<Referral>(send(`/permits/${permitId}/referrals`, { body, headers: ifMatch(permitVersion) })),
  inbox: (box: 'incoming' | 'outgoing' = 'incoming') => json<Referral[]>(send(`/referrals?box=${box}&status=all`)),
  material: (id: string) => json<ReferralMaterial>(send(`/referrals/${id}`)),
  document: async (id: string, documentId: string) => (await send(`/referrals/${id}/documents/${documentId}/content`)).blob(),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<{ id: string }>(send(`/referrals/${id}/documents`, { form }));
  },
  answer: (id: string, version: number, body: { text: string; consent?: 'given' | 'refused'; documentIds: string[] }) => json<Referral>(send(`/referrals/${id}/answer`, { body, headers: ifMatch(version) })),
  proceed: (id: string, version: number, note: string) => json<Referral>(send(`/referrals/${id}/proceed`, { body: note ? { note } : {}, headers: ifMatch(version) })),
  authorityChanges: (permitId: string) => json<AuthorityChange[]>(send(`/permits/${permitId}/authority-changes`)),
  changeAuthority: (permitId: string, version: number, body: { kind: 'delegation' | 'callIn'; toAuthorityCode: string; reason: string; legalBasis?: string }) =>
    json<{ permitId: string; version: number }>(send(`/permits/${permitId}/authority-change`, { body, headers: ifMatch(version) })),
  gateways: (caseId: string) => json<Gateway[]>(send(`/cases/${caseId}/gateways`)),
};
