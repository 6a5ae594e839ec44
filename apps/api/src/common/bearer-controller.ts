import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/**
 * A controller whose operations need a bearer token: its OpenAPI tag, the bearer security
 * scheme and its route prefix (none: each route names its whole path). Who may call is said per
 * route (or with @Roles beside it); admin and public controllers have their own (endpoint.ts).
 */
export function BearerController(tag: string, path?: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), path === undefined ? Controller() : Controller(path));
}
