import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiError } from '../common/problem';
import { PRINCIPAL_KEY, type Principal, type RequestWithPrincipal, type Role } from './principal';

export const IS_PUBLIC_KEY = 'rl:auth:public';
export const ROLES_KEY = 'rl:auth:roles';

/** Route or controller needs no bearer token (health, dev-login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Only these roles may call the route (role-level check by the global AuthGuard → 403
 * AUTH.FORBIDDEN). On both controller and handler the handler wins. Object-level checks
 * ("is this my case?") belong in the services and answer 404.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Injects the authenticated {@link Principal}. Never undefined on a protected route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL_KEY];
  if (!principal) throw new ApiError('AUTH.UNAUTHENTICATED', 'This operation requires a bearer token.');
  return principal;
});
