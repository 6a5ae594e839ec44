export { AuthModule } from './auth.module';
export { AuthGuard, assertRole } from './auth.guard';
export { CurrentPrincipal, Public, Roles } from './decorators';
export { ROLES, isRole } from './principal';
export type { Principal, Role } from './principal';
