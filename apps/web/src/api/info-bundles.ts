// Issue 17 item 2: one information request across authorities (the company's side).
import { client, ifMatch, unwrap } from './client';

export interface BundlePermit {
  permitId: string;
  code: string;
  nameDa: string;
  nameEn: string;
  authority: { code: string; nameDa: string; nameEn: string };
}

export interface InfoBundle {
  id: string;
  caseId: string;
  status: 'draft' | 'sent' | 'answered';
  dueOn: string;
  version: number;
  sentAt: string | null;
  answeredAt: string | null;
  permits: BundlePermit[];
  questions: Array<{ id: string; question: string; permits: BundlePermit[]; answer: string | null; documentIds: string[]; answeredAt: string | null }>;
  hiddenQuestions: number;
}

export const infoBundlesApi = {
  list: (caseId: string, signal?: AbortSignal) => unwrap<{ items: InfoBundle[] }>(client.GET('/api/v1/cases/{id}/info-bundles', { params: { path: { id: caseId } }, signal })),
  add: (caseId: string, body: { dueOn: string; questions?: Array<{ permitIds: string[]; question: string }> }) =>
    unwrap<InfoBundle>(client.POST('/api/v1/cases/{id}/info-bundles', { params: { path: { id: caseId } }, body: body as never })),
  send: (id: string, version: number) => unwrap<InfoBundle>(client.POST('/api/v1/info-bundles/{id}/send', { params: { path: { id }, header: ifMatch(version) as never } })),
  answer: (id: string, version: number, answers: Array<{ questionId: string; answer: string; documentIds?: string[] }>) =>
    unwrap<InfoBundle>(client.POST('/api/v1/info-bundles/{id}/answers', { params: { path: { id }, header: ifMatch(version) as never }, body: { answers } as never })),
};
