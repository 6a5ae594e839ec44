/**
 * Issue 15 effects planned without I/O: the decision letter a decision registers (with the dates
 * the permit stores, published when the catalogue says so), the public hearing a hearing opens and
 * closes, the dependant authority told of a decided prerequisite, and partshøring.
 */
import { planDraftAnswered, planDraftSent } from './party-hearing-plan';
import { decisionDates } from './decision-plan';
import { planPermitTransition } from './permit-plan';
import { APPLICANT, CASEWORKER, context, newPermit, underReview } from './test-helpers';
import type { DecisionDocumentInput } from './types';
import { getCatalog } from '@rl/permits-catalog';

const at = (iso: string) => new Date(iso);
const DOC: DecisionDocumentInput = {
  id: '00000000-0000-4000-8000-00000000d001',
  documentId: '00000000-0000-4000-8000-00000000d002',
  filename: 'afgoerelse.pdf',
  storageKey: 'cases/x/y',
  sha256: 'a'.repeat(64),
  pdf: new Uint8Array([37, 80, 68, 70]),
  locale: 'da',
  supersedesId: null,
};

describe('decision letter effect (issue 15 item 1)', () => {
  it('registers the letter with the klagefrist and usable-from the permit stores, published for a VVM screening (MVL §49 ~)', () => {
    const row = underReview('VVM_SCREENING');
    const now = at('2026-03-02T09:00:00.000Z');
    const plan = planPermitTransition(row, context(), { type: 'authority.decisionIssued', payload: { outcome: 'grantedWithConditions', conditions: ['A', 'B'], reason: 'r' }, actor: CASEWORKER, decisionDocument: DOC }, now);
    expect(plan.decision).toMatchObject({ id: DOC.id, outcome: 'grantedWithConditions', conditions: ['A', 'B'], appealDeadlineOn: '2026-03-30', usableFrom: '2026-03-02', publish: true, catalogVersion: getCatalog().version, issuedBy: CASEWORKER.userId });
    expect(plan.nextRow.appeal_deadline_on).toBe(plan.decision?.appealDeadlineOn);
    // The preview uses the same dates.
    expect(decisionDates(row, 'grantedWithConditions', now)).toMatchObject({ appealDeadlineOn: '2026-03-30', usableFrom: '2026-03-02' });
    expect(plan.audit.payload).toMatchObject({ decisionDocumentId: DOC.id, sha256: DOC.sha256, published: true });
    expect(plan.outbox.map((o) => o.type)).toContain('decision.published');
    const mail = plan.notifications.find((n) => n.kind === 'decisionIssued');
    expect(mail?.data.decisionDocumentId).toBe(DOC.id);
  });

  it('a permit type without a publication duty is not published; a decision without a letter registers none', () => {
    const plan = planPermitTransition(underReview('VANDINDVINDING'), context(), { type: 'authority.decisionIssued', payload: { outcome: 'granted', reason: 'r' }, actor: CASEWORKER, decisionDocument: DOC }, at('2026-03-02T09:00:00.000Z'));
    expect(plan.decision?.publish).toBe(false);
    expect(plan.outbox.map((o) => o.type)).not.toContain('decision.published');
    const bare = planPermitTransition(underReview('VANDINDVINDING'), context(), { type: 'authority.decisionIssued', payload: { outcome: 'granted', reason: 'r' }, actor: CASEWORKER }, at('2026-03-02T09:00:00.000Z'));
    expect(bare.decision).toBeNull();
  });
});

describe('public hearing effect (issue 15 item 3)', () => {
  it('opens a hearing with its proposal documents and statutory earliest end, and closes it when the permit leaves the hearing', () => {
    const row = underReview('LOKALPLAN');
    const docId = '00000000-0000-4000-8000-00000000a001';
    const start = planPermitTransition(row, context(), { type: 'authority.hearingStarted', payload: { documentIds: [docId] }, actor: CASEWORKER }, at('2025-09-01T08:00:00.000Z'));
    // PL §24(3): 8 weeks from 1 Sep 2025 → may close from 00:00 on 28 Oct 2025 (Copenhagen).
    expect(start.hearing).toEqual({ kind: 'open', audience: 'public', documentIds: [docId], startedAt: '2025-09-01T08:00:00.000Z', earliestEndAt: '2025-10-27T23:00:00.000Z' });
    const end = planPermitTransition(start.nextRow, context(), { type: 'authority.hearingEnded', payload: {}, actor: CASEWORKER }, at('2025-10-28T08:00:00.000Z'));
    expect(end.hearing).toEqual({ kind: 'close', at: '2025-10-28T08:00:00.000Z' });
  });
});

describe('dependants are told (issue 15 item 5)', () => {
  it('a dependant whose prerequisite was decided notifies its own authority', () => {
    const blocked = newPermit('MILJOEGODKENDELSE', ['VVM_SCREENING']);
    const plan = planPermitTransition(blocked, context(), { type: 'prerequisites.satisfied', payload: { codes: ['VVM_SCREENING'] }, actor: { userId: null, role: 'system' } }, at('2026-03-02T09:00:00.000Z'));
    const told = plan.notifications.filter((n) => n.kind === 'prerequisiteDecided');
    expect(told.length).toBeGreaterThan(0);
    expect(told[0].data.prerequisiteCodes).toEqual(['VVM_SCREENING']);
  });
});

describe('partshøring (issue 15 item 2)', () => {
  it('the draft goes to the company with the catalogue period; the answer goes to the authority; neither changes the state', () => {
    const row = underReview('MILJOEGODKENDELSE');
    const cw = { userId: CASEWORKER.userId as string, role: CASEWORKER.role };
    const sent = planDraftSent(row, context(), { id: 'd1', outcome: 'granted', conditions: [], reasons: 'r' }, { unit: 'weeks', length: 2 }, cw, at('2026-03-02T09:00:00.000Z'));
    expect(sent.draft).toMatchObject({ kind: 'send', respondBy: '2026-03-16' });
    expect(sent.nextRow.state).toBe(row.state);
    expect(sent.nextRow.version).toBe(row.version + 1);
    expect(sent.notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(['decisionDraftSent']));
    const ap = { userId: APPLICANT.userId as string, role: APPLICANT.role };
    const answered = planDraftAnswered(sent.nextRow, context(), 'd1', 'commented', 'Vilkår 2 for strengt', ap, at('2026-03-05T09:00:00.000Z'));
    expect(answered.draft).toMatchObject({ kind: 'answer', draftId: 'd1', response: 'commented' });
    expect(answered.audit).toMatchObject({ eventType: 'decision.draftAnswered', reason: 'Vilkår 2 for strengt' });
  });
});
