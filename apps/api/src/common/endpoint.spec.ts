import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { ROLES_KEY } from '../auth/decorators';
import { BINARY, CASE_ID, CASE_READERS, CaseEndpoint, Endpoint, IF_MATCH_PROBLEMS, IfMatch, OBJ, PermitRead, scopedEndpoint, uuidParam, withETag } from './endpoint';

const ThingEndpoint = scopedEndpoint({ notFound: 'THING.NOT_FOUND' });

class Sample {
  @Endpoint('POST', 'things/:id/act', {
    code: 200,
    roles: ['caseworker', 'coordinator'],
    summary: 'Act on a thing',
    description: 'At length.',
    params: ['id', uuidParam('otherId', 'Other id')],
    ifMatch: 'The thing version you last read',
    body: { type: 'object' },
    ok: { schema: OBJ },
    problems: ['PERMIT.NOT_FOUND'],
  })
  act() {
    return undefined;
  }

  @Endpoint('GET', '/', { summary: 'Plain', produces: ['application/json', 'text/csv'], ok: { schema: BINARY } })
  plain() {
    return undefined;
  }

  @CaseEndpoint('GET', 'cases/:id/things/:thingId', { summary: 'Under a case', params: ['thingId'], problems: ['THING.NOT_FOUND'] })
  underCase() {
    return undefined;
  }

  @ThingEndpoint('GET', 'things/:id', { summary: 'Undocumented id' })
  bare() {
    return undefined;
  }

  @PermitRead('permits/:id/things', 'A read', { ok: { schema: OBJ } })
  permitRead() {
    return undefined;
  }

  read(@IfMatch() version: number) {
    return version;
  }
}

/** @nestjs/swagger's metadata keys (its `DECORATORS`, not exported from the package root). */
const DECORATORS = { API_OPERATION: 'swagger/apiOperation', API_PARAMETERS: 'swagger/apiParameters', API_RESPONSE: 'swagger/apiResponse', API_PRODUCES: 'swagger/apiProduces' };
const meta = (key: string, handler: keyof Sample): unknown => Reflect.getMetadata(key, Sample.prototype[handler]);
const paramsOf = (handler: keyof Sample) => (meta(DECORATORS.API_PARAMETERS, handler) as { name: string }[] | undefined)?.map((p) => p.name);

describe('@Endpoint (one operation in one decorator)', () => {
  it('sets the route, status and roles the way @Post/@HttpCode/@Roles do', () => {
    expect(meta(PATH_METADATA, 'act')).toBe('things/:id/act');
    expect(meta(METHOD_METADATA, 'act')).toBe(RequestMethod.POST);
    expect(meta(HTTP_CODE_METADATA, 'act')).toBe(200);
    expect(meta(ROLES_KEY, 'act')).toEqual(['caseworker', 'coordinator']);
  });

  it('documents the operation, UUID params, the If-Match header, body and answer', () => {
    expect(meta(DECORATORS.API_OPERATION, 'act')).toMatchObject({ summary: 'Act on a thing', description: 'At length.' });
    expect(meta(DECORATORS.API_PARAMETERS, 'act')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', format: 'uuid' }),
        expect.objectContaining({ name: 'otherId', in: 'path', format: 'uuid', description: 'Other id' }),
        expect.objectContaining({ name: 'If-Match', in: 'header', required: true, description: 'The thing version you last read' }),
        expect.objectContaining({ in: 'body', schema: { type: 'object' } }),
      ]),
    );
    expect(meta(DECORATORS.API_RESPONSE, 'act')).toMatchObject({ '200': { schema: OBJ } });
  });

  it('adds the If-Match problems to those of a versioned write, and none to an unversioned one', () => {
    expect(meta('rl:openapi:problems', 'act')).toEqual(['PERMIT.NOT_FOUND', ...IF_MATCH_PROBLEMS]);
    expect(meta('rl:openapi:problems', 'plain')).toBeUndefined();
  });

  it('leaves out what is not asked for: no @HttpCode, no @Roles', () => {
    expect(meta(METHOD_METADATA, 'plain')).toBe(RequestMethod.GET);
    expect(meta(HTTP_CODE_METADATA, 'plain')).toBeUndefined();
    expect(meta(ROLES_KEY, 'plain')).toBeUndefined();
    expect(meta(DECORATORS.API_PRODUCES, 'plain')).toEqual(['application/json', 'text/csv']);
  });
});

describe('withETag', () => {
  it("answers the resource's version as a strong ETag and returns the resource", () => {
    const headers: Record<string, string> = {};
    const res = { setHeader: (k: string, v: string) => (headers[k] = v) } as unknown as Response;
    const thing = { id: 'x', version: 7 };
    expect(withETag(res, thing)).toBe(thing);
    expect(headers).toEqual({ ETag: '"7"' });
  });
});

describe('scopedEndpoint (the operations under one resource)', () => {
  it("puts the scope's id parameter first and its not-found problem among the problems", () => {
    expect(paramsOf('underCase')).toEqual(['id', 'thingId']);
    expect(meta(DECORATORS.API_PARAMETERS, 'underCase')).toEqual(expect.arrayContaining([expect.objectContaining(CASE_ID)]));
    expect(meta('rl:openapi:problems', 'underCase')).toEqual(['CASE.NOT_FOUND', 'THING.NOT_FOUND']);
  });

  it('reads (readOf) are GETs for everyone a case concerns', () => {
    expect(meta(METHOD_METADATA, 'permitRead')).toBe(RequestMethod.GET);
    expect(meta(ROLES_KEY, 'permitRead')).toEqual(CASE_READERS);
    expect(paramsOf('permitRead')).toEqual(['id']);
    expect(meta('rl:openapi:problems', 'permitRead')).toEqual(['PERMIT.NOT_FOUND']);
  });

  it('documents no parameter when the scope names none', () => {
    expect(paramsOf('bare')).toBeUndefined();
    expect(meta('rl:openapi:problems', 'bare')).toEqual(['THING.NOT_FOUND']);
  });
});

describe('@IfMatch', () => {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Sample, 'read') as Record<string, { factory: (data: unknown, ctx: ExecutionContext) => number }>;
  const { factory } = Object.values(args)[0];
  const ctx = (ifMatch: string | undefined) => ({ switchToHttp: () => ({ getRequest: () => ({ header: () => ifMatch }) }) }) as unknown as ExecutionContext;

  it('gives the version the If-Match header names', () => {
    expect(factory(undefined, ctx('"3"'))).toBe(3);
  });

  it('refuses a missing or malformed header', () => {
    expect(() => factory(undefined, ctx(undefined))).toThrow(expect.objectContaining({ code: 'CONCURRENCY.PRECONDITION_REQUIRED' }));
    expect(() => factory(undefined, ctx('abc'))).toThrow(expect.objectContaining({ code: 'CONCURRENCY.IF_MATCH_INVALID' }));
  });
});
