// Client of the issue 17 endpoints (referrals, gateways, authority changes). Kept beside the
// generated client like decisions-api.ts: If-Match headers and multipart uploads.
import type { GatewayView } from '@rl/permits-catalog';
import { json, send } from '../api';
import type { Schemas } from '../api/types';

// The answers' types come from the API's OpenAPI document (src/api/schema.d.ts, `npm run gen:api`),
// so the client cannot drift from what the API publishes to the authorities' own systems.
export type AuthorityRef = Schemas['AuthorityNamesDto'];
export type Referral = Schemas['ReferralDto'];
export type ReferralDocument = Schemas['ReferralDocumentDto'];
export type ReferralMaterial = Schemas['ReferralMaterialDto'];
export type ReferralRule = Schemas['ReferralRuleOptionDto'];
export type ReferralOptions = Schemas['ReferralOptionsDto'];
export type AuthorityChange = Schemas['AuthorityChangeDto'];

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
    return json<Schemas['DocumentDto']>(send(`/referrals/${id}/documents`, { form }));
  },
  answer: (id: string, version: number, body: { text: string; consent?: 'given' | 'refused'; documentIds: string[] }) => json<Referral>(send(`/referrals/${id}/answer`, { body, headers: ifMatch(version) })),
  proceed: (id: string, version: number, note: string) => json<Referral>(send(`/referrals/${id}/proceed`, { body: note ? { note } : {}, headers: ifMatch(version) })),
  authorityChanges: (permitId: string) => json<AuthorityChange[]>(send(`/permits/${permitId}/authority-changes`)),
  changeAuthority: (permitId: string, version: number, body: { kind: 'delegation' | 'callIn'; toAuthorityCode: string; reason: string; legalBasis?: string }) =>
    json<Schemas['AuthorityChangeResultDto']>(send(`/permits/${permitId}/authority-change`, { body, headers: ifMatch(version) })),
  gateways: (caseId: string) => json<Gateway[]>(send(`/cases/${caseId}/gateways`)),
};
