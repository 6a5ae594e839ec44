/** Who sends an event. 'system' = the host itself (deadline jobs, dependency propagation). */
export type Role = 'applicant' | 'caseworker' | 'coordinator' | 'admin' | 'system';

export const ROLES: readonly Role[] = ['applicant', 'caseworker', 'coordinator', 'admin', 'system'];
