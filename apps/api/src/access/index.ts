export { AccessModule } from './access.module';
export { AccessService, APPLICANT_ACTIONS, ApplicantActionForbiddenError, CaseNotFoundError, mayActFor, PermitNotFoundError } from './access.service';
export type { AccessPrincipal } from './access.service';
