import { CASE_EVENT_ROLES, PERMIT_EVENT_ROLES, ROLES, type Role } from '@rl/permits-machines';
import { AccessService, APPLICANT_ACTIONS, mayActFor } from './access.service';

/**
 * Who may act, for every event type: the machines' role tables narrowed by the API's rule that a
 * coordinator never acts for the company (issue 12 point 8). The table below is the whole answer;
 * a new event type or a role added to a machine table fails it until someone decides.
 */
const EVENT_ROLES: Record<string, readonly Role[]> = { ...CASE_EVENT_ROLES, ...PERMIT_EVENT_ROLES };
const effective = (type: string) => (EVENT_ROLES[type] ?? []).filter((r) => mayActFor(r, type));

describe('who may act, per event type', () => {
  it('matches the decided matrix for every case and permit event', () => {
    const matrix = Object.fromEntries(Object.keys(EVENT_ROLES).sort().map((t) => [t, effective(t)]));
    expect(matrix).toEqual({
      'appeal.decided': ['system', 'coordinator'],
      'appeal.lodged': ['system', 'coordinator'],
      'appeal.periodExpired': ['system'],
      'applicant.infoProvided': ['applicant'],
      'application.submitted': ['applicant'],
      'application.withdrawn': ['applicant'],
      'authority.completenessConfirmed': ['caseworker'],
      'authority.decisionIssued': ['caseworker'],
      'authority.hearingEnded': ['caseworker'],
      'authority.hearingStarted': ['caseworker'],
      'authority.infoRequested': ['caseworker'],
      'case.permitsAllFinal': ['system'],
      'case.processingStarted': ['system'],
      'case.submitted': ['applicant'],
      'case.withdrawn': ['applicant'],
      'prerequisites.revoked': ['system'],
      'prerequisites.satisfied': ['system'],
    });
  });

  it('every applicant action is refused to the coordinator with 403 ACCESS.APPLICANT_ACTION_FORBIDDEN, and only to the coordinator', () => {
    const access = new AccessService(null as never);
    for (const action of APPLICANT_ACTIONS) {
      expect(() => access.assertMayAct({ role: 'coordinator' }, action)).toThrow(expect.objectContaining({ code: 'ACCESS.APPLICANT_ACTION_FORBIDDEN' }));
      for (const role of ROLES.filter((r) => r !== 'coordinator')) expect(mayActFor(role, action)).toBe(true);
    }
    // Uploads are an applicant action too (caseworkers may add their own material; the route decides who sees the case).
    expect(APPLICANT_ACTIONS.has('document.upload')).toBe(true);
    // What coordinators do is untouched.
    for (const action of ['appeal.lodged', 'appeal.decided', 'permit.targetDateChanged', 'task.assigned']) expect(mayActFor('coordinator', action)).toBe(true);
  });
});
