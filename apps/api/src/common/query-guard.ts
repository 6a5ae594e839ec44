import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ApiError } from './problem';

/** Query parameters a handler declares: `all` when it takes a whole-query DTO, else the names. */
export function declaredQuery(controller: object, handler: string): { all: boolean; names: Set<string> } {
  const args: Record<string, { data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {};
  const names = new Set<string>();
  let all = false;
  for (const [key, meta] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof meta.data === 'string') names.add(meta.data);
    else all = true;
  }
  return { all, names };
}

/**
 * Every route refuses query parameters it does not take, as the DTO routes already do through
 * the ValidationPipe (forbidNonWhitelisted). Routes that read single parameters
 * (`@Query('version')`) or none at all used to ignore the rest: `GET /permit-types?version[a]=1`
 * answered 200. Here an undeclared parameter, or a declared one given twice (an array), is a
 * 400 REQUEST.VALIDATION_FAILED before the handler runs. Whole-query DTOs are left to the pipe.
 */
@Injectable()
export class QueryGuardInterceptor implements NestInterceptor {
  private readonly cache = new WeakMap<object, { all: boolean; names: Set<string> }>();

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const handler = ctx.getHandler();
    let declared = this.cache.get(handler);
    if (!declared) {
      declared = declaredQuery(ctx.getClass(), handler.name);
      this.cache.set(handler, declared);
    }
    if (declared.all) return next.handle();
    const query = (ctx.switchToHttp().getRequest<Request>().query ?? {}) as Record<string, unknown>;
    const errors: { field: string; code: string; message: string }[] = [];
    for (const [name, value] of Object.entries(query)) {
      if (!declared.names.has(name)) errors.push({ field: name, code: 'UNKNOWN_FIELD', message: `query parameter ${name} is not accepted here` });
      else if (typeof value !== 'string') errors.push({ field: name, code: 'IS_STRING', message: `query parameter ${name} must be given once, as a plain value` });
    }
    if (errors.length > 0) throw new ApiError('REQUEST.VALIDATION_FAILED', 'The request is invalid.', { errors });
    return next.handle();
  }
}
