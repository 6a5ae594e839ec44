import { planPermitTransition } from './permit-plan';
import { CASEWORKER, context, underReview, USERS } from './test-helpers';

const at = (iso: string) => new Date(iso);

/** A permit in review: submitted 2 Feb 2026, complete 10 Feb 2026. */
const NOTICE = [
  { question: 'Send the drainage plan.', permitsDa: ['Miljøgodkendelse', 'Byggetilladelse'], permitsEn: ['Environmental permit', 'Building permit'] },
  { question: 'Send the odour assessment.', permitsDa: ['Miljøgodkendelse'], permitsEn: ['Environmental permit'] },
];

describe('issue 17 item 2: a permit asked as part of a bundled information request', () => {
  const now = at('2026-03-02T09:00:00.000Z');
  const ask = (payload: Record<string, unknown>) => planPermitTransition(underReview(), context(), { type: 'authority.infoRequested', payload, actor: CASEWORKER }, now);

  it('stops its own clock exactly as alone, but does not tell the company itself', () => {
    const alone = ask({ question: 'Q?', dueOn: '2026-03-16' });
    const bundled = ask({ question: 'Q?', dueOn: '2026-03-16', infoBundleId: 'b-1' });
    expect(alone.notifications.map((n) => n.kind)).toEqual(['infoRequested']);
    expect(bundled.notifications).toEqual([]);
    expect(bundled.nextRow.state).toBe(alone.nextRow.state);
    expect(bundled.nextRow.stops).toEqual(alone.nextRow.stops);
    expect(bundled.alerts).toEqual(alone.alerts);
  });

  it('the event carrying the bundle notice plans ONE case-level notification per company user naming every question, permit and the due date', () => {
    const plan = ask({ question: '1. Send the drainage plan.\n2. Send the odour assessment.', dueOn: '2026-03-16', infoBundleId: 'b-1', bundleNotice: NOTICE });
    expect(plan.notifications.map((n) => [n.kind, n.userId, n.permitId])).toEqual(USERS.applicant.map((u) => ['infoBundleSent', u.id, null]));
    const n = plan.notifications[0];
    expect(n.dedupeKey).toBe(`bundle-b-1-${USERS.applicant[0].id}`);
    for (const s of ['Send the drainage plan.', 'Send the odour assessment.', 'Miljøgodkendelse', 'Byggetilladelse', '16. marts 2026']) expect(n.body).toContain(s);
    expect(n.data).toMatchObject({ dueOn: '2026-03-16', bundleQuestions: NOTICE });
  });

  it('a notice without a bundle id is ignored (only the info-bundle service sets both)', () => {
    const plan = ask({ question: 'Q?', dueOn: '2026-03-16', bundleNotice: NOTICE });
    expect(plan.notifications.map((n) => n.kind)).toEqual(['infoRequested']);
  });
});
