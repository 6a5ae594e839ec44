import { planReassignment } from './reassignment-plan';
import { APPLICANT, CASEWORKER, context, newPermit, runPlans, USERS } from './test-helpers';

describe('issue 16: a coordinator reassigns a permit task', () => {
  it('changes nothing on the permit, is audited as task.reassigned and tells only the new assignee, in their language', () => {
    const row = runPlans(newPermit(), [
      [{ type: 'application.submitted', payload: {}, actor: APPLICANT }, '2026-02-02T09:00:00.000Z'],
      [{ type: 'authority.completenessConfirmed', payload: {}, actor: CASEWORKER }, '2026-02-10T09:00:00.000Z'],
    ]);
    const assignee = { id: '00000000-0000-4000-8000-0000000000dd', locale: 'en' };
    const plan = planReassignment(row, context(), { actor: { userId: USERS.coordinator[0].id, role: 'coordinator' }, assignee, previousAssigneeId: USERS.caseworker[0].id }, new Date('2026-03-02T09:00:00.000Z'));
    expect(plan.nextRow).toBe(row);
    expect(plan.task).toEqual({ kind: 'none' });
    expect(plan.alerts.insert).toEqual([]);
    expect(plan.audit).toMatchObject({ eventType: 'task.reassigned', fromState: row.state, toState: row.state, payload: { assignee: assignee.id, previousAssignee: USERS.caseworker[0].id } });
    expect(plan.notifications).toHaveLength(1);
    expect(plan.notifications[0]).toMatchObject({ userId: assignee.id, kind: 'taskRouted', data: { assignedToYou: true } });
    expect(plan.notifications[0].title).toContain('Task assigned to you');
  });
});
