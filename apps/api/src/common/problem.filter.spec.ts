import type { Request } from 'express';
import { RowShapeError } from '@rl/case-engine';
import { PermitNotFoundError } from '../access/access.service';
import { ProblemFilter } from './problem.filter';

describe('ProblemFilter.toProblem', () => {
  const req = { originalUrl: '/api/v1/permits/x' } as Request;
  const filter = new ProblemFilter();

  it('a 500 keeps its stable code but sends no internals (table, column, stored value)', () => {
    const p = filter.toProblem(new RowShapeError('permits', 'risk', 'sideways'), req);
    expect([p.status, p.code, p.detail]).toEqual([500, 'INTERNAL.ROW_SHAPE', 'An unexpected error occurred.']);
    expect(JSON.stringify(p)).not.toMatch(/permits\.risk|sideways/);
  });

  it("a client's problem keeps its message as detail", () => {
    const p = filter.toProblem(new PermitNotFoundError('abc'), req);
    expect([p.status, p.code, p.detail]).toEqual([404, 'PERMIT.NOT_FOUND', 'Permit abc was not found.']);
  });
});
