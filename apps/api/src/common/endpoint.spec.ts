import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { ROLES_KEY } from '../auth/decorators';
import { BINARY, Endpoint, IF_MATCH_PROBLEMS, OBJ, uuidParam, withETag } from './endpoint';

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
}

/** @nestjs/swagger's metadata keys (its `DECORATORS`, not exported from the package root). */
const DECORATORS = { API_OPERATION: 'swagger/apiOperation', API_PARAMETERS: 'swagger/apiParameters', API_RESPONSE: 'swagger/apiResponse', API_PRODUCES: 'swagger/apiProduces' };
const meta = (key: string, handler: keyof Sample): unknown => Reflect.getMetadata(key, Sample.prototype[handler]);

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
