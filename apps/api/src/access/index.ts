export { AccessModule } from './access.module';
export { AccessService, CaseNotFoundError, PermitNotFoundError } from './access.service';
export type { AccessPrincipal } from './access.service';
