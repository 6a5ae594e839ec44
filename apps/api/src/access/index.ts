export { AccessModule } from './access.module';
export { AccessService, APPLICANT_ACTIONS, ApplicantActionForbiddenError, CaseNotFoundError, mayActFor, PermitNotFoundError } from './access.service';
export type { AccessPrincipal } from './access.service';
export { actionNeeds, PROXY_ROLES, ProxyRoleInsufficientError, withinProxyRole } from './proxy-roles';
export type { ProxyRole } from './proxy-roles';
