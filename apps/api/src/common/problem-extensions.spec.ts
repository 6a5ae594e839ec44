import type { SchemaObject } from '@nestjs/swagger';
import { isErrorCode } from '@rl/errors';
import { problemSchema } from './openapi';
import { PROBLEM_EXTENSIONS } from './problem-extensions';

/** The members problemSchema documents beside `code` (its second allOf part). */
const members = (codes: string[]): Record<string, SchemaObject> => {
  const part = problemSchema(codes).allOf?.[1] as SchemaObject;
  const { code: _code, ...rest } = part.properties as Record<string, SchemaObject>;
  return rest;
};

describe('PROBLEM_EXTENSIONS', () => {
  it('is keyed by known problem codes only', () => {
    const unknown = Object.keys(PROBLEM_EXTENSIONS).filter((code) => !isErrorCode(code));
    expect(unknown).toEqual([]);
  });

  it("names no member of ProblemDto itself (errors, detail … are ProblemDto's)", () => {
    const own = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors']);
    const clashes = Object.entries(PROBLEM_EXTENSIONS).flatMap(([code, m]) => Object.keys(m ?? {}).filter((k) => own.has(k)).map((k) => `${code} ${k}`));
    expect(clashes).toEqual([]);
  });

  it('gives every member a JSON type (arrays with items) and a description for the client', () => {
    const bad: string[] = [];
    for (const [code, m] of Object.entries(PROBLEM_EXTENSIONS)) {
      for (const [name, s] of Object.entries(m ?? {})) {
        if (typeof s.type !== 'string' || !s.description || (s.type === 'array' && !s.items)) bad.push(`${code} ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('problemSchema', () => {
  it("documents the extension members of both codes beside code", () => {
    const m = members(['APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED', 'CONCURRENCY.VERSION_CONFLICT']);
    expect(Object.keys(m).sort()).toEqual(['added', 'currentVersion', 'dropped']);
    expect(m.currentVersion).toMatchObject({ type: 'integer' });
    expect(m.added).toMatchObject({ type: 'array', items: { type: 'object', required: ['code', 'nameDa', 'nameEn'] } });
    const schema = problemSchema(['APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED', 'CONCURRENCY.VERSION_CONFLICT']);
    expect((schema.allOf?.[1] as SchemaObject).properties?.code).toEqual({ type: 'string', enum: ['APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED', 'CONCURRENCY.VERSION_CONFLICT'] });
  });

  it('documents only `code` for codes without extension members', () => {
    expect(members(['CASE.NOT_FOUND', 'AUTH.UNAUTHENTICATED'])).toEqual({});
  });

  it('documents a member two codes share once, as the union of both (enums united, nullable kept)', () => {
    const m = members(['ACCESS.APPLICANT_ACTION_FORBIDDEN', 'ACCESS.PROXY_ROLE_INSUFFICIENT']);
    expect(m.role).toMatchObject({ type: 'string', nullable: true });
    expect(m.role.enum).toEqual(expect.arrayContaining(['coordinator', 'read', 'prepare', 'submit']));
    expect(m.role.description).toContain('ACCESS.APPLICANT_ACTION_FORBIDDEN');
    expect(m.role.description).toContain('ACCESS.PROXY_ROLE_INSUFFICIENT');
    expect(members(['REFERRAL.DUE_REQUIRED', 'REFERRAL.TO_SELF']).field.enum).toEqual(['dueOn', 'toAuthorityCode']);
  });

  it('documents a member of different types in two codes as anyOf', () => {
    const { permits } = members(['JOINT_HEARING.PERMIT_NOT_UNDER_REVIEW', 'JOINT_HEARING.TOO_FEW_PERMITS']);
    expect(permits.anyOf?.map((s) => (s as SchemaObject).type)).toEqual(['array', 'integer']);
  });

  it('hands out copies: completing the document in place does not change the table', () => {
    const before = JSON.stringify(PROBLEM_EXTENSIONS);
    const m = members(['ACCESS.PROXY_ROLE_INSUFFICIENT']);
    m.role.enum?.push(null);
    (m.requiredRole as { description?: string }).description = 'changed';
    expect(JSON.stringify(PROBLEM_EXTENSIONS)).toBe(before);
  });
});
