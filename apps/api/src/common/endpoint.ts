import { applyDecorators, Controller, createParamDecorator, Delete, Get, HttpCode, Patch, Post, Put, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags, type ApiParamOptions, type ApiResponseOptions, type SchemaObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parseIfMatch } from '@rl/case-engine';
import { Public, Roles } from '../auth/decorators';
import type { Role } from '../auth/principal';
import { ApiProblems } from './openapi';

/** An open JSON object: the loosely documented answers (`{ type: 'object', additionalProperties: true }`). */
export const OBJ = { type: 'object', additionalProperties: true } as const;
/** Raw bytes (a download). */
export const BINARY = { type: 'string', format: 'binary' } as const;

/** What a write guarded by If-Match can answer besides its own problems: no header, a malformed one, a stale version. */
export const IF_MATCH_PROBLEMS = ['CONCURRENCY.PRECONDITION_REQUIRED', 'CONCURRENCY.IF_MATCH_INVALID', 'CONCURRENCY.VERSION_CONFLICT'] as const;

const ROUTE = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

export interface EndpointOptions {
  /** Success status when it is not the method's default (@HttpCode), e.g. 200 for a POST action. */
  code?: number;
  /** Roles allowed to call (@Roles); omitted on public routes and where the controller decides. */
  roles?: [Role, ...Role[]];
  summary: string;
  description?: string;
  /** Path parameters: a bare name is a UUID; an object is given to @ApiParam as it is. */
  params?: (string | ApiParamOptions)[];
  /**
   * A write guarded by If-Match: the header's description ("The permit version you last read").
   * Documents the required header and adds {@link IF_MATCH_PROBLEMS} to the problems.
   */
  ifMatch?: string;
  /** The JSON request body's schema (@ApiBody). */
  body?: SchemaObject;
  /** The media types of the success answer when not JSON (@ApiProduces). */
  produces?: string | readonly string[];
  /** The 200 answer (@ApiOkResponse). */
  ok?: ApiResponseOptions;
  /** The 201 answer (@ApiCreatedResponse). */
  created?: ApiResponseOptions;
  /** Problem codes of this operation beyond the app-wide ones (@ApiProblems, see openapi.ts). */
  problems?: readonly string[];
}

/**
 * One operation's route, access rule and OpenAPI description in one decorator: the method and
 * path, @HttpCode, @Roles, @ApiOperation, @ApiParam (UUIDs unless told), the If-Match header of
 * a versioned write with its problems, @ApiBody, @ApiProduces, the success answer and
 * @ApiProblems. Anything rarer (@ApiQuery, @ApiConsumes, interceptors) is stacked beside it.
 */
export function Endpoint(method: keyof typeof ROUTE, path: string, o: EndpointOptions): MethodDecorator {
  const decorators: MethodDecorator[] = [ROUTE[method](path)];
  if (o.code !== undefined) decorators.push(HttpCode(o.code));
  if (o.roles) decorators.push(Roles(...o.roles));
  decorators.push(ApiOperation(o.description === undefined ? { summary: o.summary } : { summary: o.summary, description: o.description }));
  for (const p of o.params ?? []) decorators.push(ApiParam(typeof p === 'string' ? { name: p, format: 'uuid' } : p));
  if (o.ifMatch !== undefined) decorators.push(ApiHeader({ name: 'If-Match', required: true, description: o.ifMatch }));
  if (o.body) decorators.push(ApiBody({ schema: o.body }));
  if (o.produces) decorators.push(ApiProduces(...(typeof o.produces === 'string' ? [o.produces] : o.produces)));
  if (o.ok) decorators.push(ApiOkResponse(o.ok));
  if (o.created) decorators.push(ApiCreatedResponse(o.created));
  const problems = [...(o.problems ?? []), ...(o.ifMatch !== undefined ? IF_MATCH_PROBLEMS : [])];
  if (problems.length > 0) decorators.push(ApiProblems(...problems));
  return applyDecorators(...decorators);
}

/**
 * A read of one catalogue version, chosen by the optional `?version=` query (described by
 * `version`; the current version without it): 422 CATALOG.UNKNOWN_VERSION for a version that
 * does not exist. The handler takes `@Query('version')` (the query guard accepts only declared
 * parameters) and looks up {@link askedVersion}. Whether it is public stays on the handler
 * (`@Public()`), where a security review looks for it.
 */
export function CatalogueVersionRead(path: string, summary: string, o: { version: string; ok: ApiResponseOptions }): MethodDecorator {
  return applyDecorators(ApiQuery({ name: 'version', required: false, description: o.version }), Endpoint('GET', path, { summary, ok: o.ok, problems: ['CATALOG.UNKNOWN_VERSION'] }));
}

/** The catalogue version a {@link CatalogueVersionRead} asks for: undefined (the current one) when `?version=` is absent or empty. */
export function askedVersion(version: string | undefined): string | undefined {
  return typeof version === 'string' && version ? version : undefined;
}

/**
 * The download of a document under a scope (`…/documents/:documentId/content`): the stored bytes,
 * 404 DOCUMENT.NOT_FOUND for a document that is not there.
 */
export const DOCUMENT_DOWNLOAD: Pick<EndpointOptions, 'params' | 'produces' | 'ok' | 'problems'> = {
  params: ['documentId'],
  produces: 'application/octet-stream',
  ok: { schema: BINARY },
  problems: ['DOCUMENT.NOT_FOUND'],
};

/**
 * Answers a versioned resource with its version as the strong ETag a client sends back in
 * If-Match on its next write; returns the resource.
 */
export function withETag<T extends { version: number }>(res: Response, resource: T): T {
  res.setHeader('ETag', `"${resource.version}"`);
  return resource;
}

/** A UUID path parameter with its description ("Case id"), for {@link EndpointOptions.params}. */
export function uuidParam(name: string, description: string): ApiParamOptions {
  return { name, format: 'uuid', description };
}

/** The case an operation is about, as its `id` path parameter. */
export const CASE_ID = uuidParam('id', 'Case id');

/** What every operation under one resource shares: its id path parameter (if documented) and the 404 of an unknown or invisible one. */
export interface Scope {
  param?: string | ApiParamOptions;
  notFound: string;
}

/**
 * {@link Endpoint} for the operations under one resource: the scope's path parameter comes first
 * and its not-found problem is always among the problems.
 */
export function scopedEndpoint(scope: Scope) {
  return (method: keyof typeof ROUTE, path: string, o: EndpointOptions): MethodDecorator =>
    Endpoint(method, path, { ...o, params: [...(scope.param ? [scope.param] : []), ...(o.params ?? [])], problems: [scope.notFound, ...(o.problems ?? [])] });
}

/** Everyone a case concerns: the company, caseworkers and coordinators (each read shows only what the caller may see). */
export const CASE_READERS: [Role, ...Role[]] = ['applicant', 'caseworker', 'coordinator'];

/** A read (GET) under a scope for {@link CASE_READERS}: the path, its summary and what else it documents. */
export function readOf(endpoint: ReturnType<typeof scopedEndpoint>) {
  return (path: string, summary: string, o: Omit<EndpointOptions, 'roles' | 'summary'> = {}): MethodDecorator => endpoint('GET', path, { roles: CASE_READERS, summary, ...o });
}

/** An operation on a case the caller must be able to see (`cases/:id/…`; 404 CASE.NOT_FOUND otherwise). */
export const CaseEndpoint = scopedEndpoint({ param: CASE_ID, notFound: 'CASE.NOT_FOUND' });
/** An operation on a permit the caller must be able to see (`permits/:id/…`; 404 PERMIT.NOT_FOUND otherwise). */
export const PermitEndpoint = scopedEndpoint({ param: 'id', notFound: 'PERMIT.NOT_FOUND' });
export const CaseRead = readOf(CaseEndpoint);
export const PermitRead = readOf(PermitEndpoint);

/**
 * The version a versioned write's If-Match header names (428 without one, 400 when malformed), as
 * a handler parameter. Read before the handler runs: use it where If-Match is the first thing a
 * handler checks, not beside a validated DTO body (whose 400 comes first).
 */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number => parseIfMatch(ctx.switchToHttp().getRequest<Request>().header('if-match')));

/** A controller for admins only (`admin/…`): tagged admin, bearer token, role admin on every route. */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(ApiTags('admin'), ApiBearerAuth(), Controller(path), Roles('admin'));
}

/** A controller of public pages (`public/…`): no login, tagged public. */
export function PublicPages(): ClassDecorator {
  return applyDecorators(ApiTags('public'), Public(), Controller('public'));
}
