import { permitMachine } from '@rl/permits-machines';
import { parsePermitRow, PERMIT_STATES, permitRowSchema } from './rows';
import { newPermit } from './transition/test-helpers';

/** Leaf state paths of a state node ('submitted.underReview'). */
function leaves(node: { states: Record<string, unknown> }, prefix = ''): string[] {
  return Object.entries(node.states).flatMap(([k, child]) => {
    const c = child as { states: Record<string, unknown> };
    return Object.keys(c.states).length ? leaves(c, `${prefix}${k}.`) : [`${prefix}${k}`];
  });
}

describe('permit rows at the boundary', () => {
  it('PERMIT_STATES are exactly the leaf states of the permit machine', () => {
    expect([...PERMIT_STATES].sort()).toEqual(leaves(permitMachine.root as never).sort());
  });

  it('parsePermitRow agrees with the zod schema on a valid row and drops joined columns', () => {
    const row = newPermit();
    expect(parsePermitRow({ ...row, ctx_users: [] })).toEqual(permitRowSchema.parse(row));
    expect(parsePermitRow({ ...row, ctx_users: [] })).not.toHaveProperty('ctx_users');
  });

  it.each([
    ['state', 'inReviewX'],
    ['risk', 'late'],
    ['outcome', 'maybe'],
    ['version', '3'],
    ['stops', null],
  ])('refuses a row whose %s is %p (as the schema does)', (column, value) => {
    const bad = { ...newPermit(), [column]: value };
    expect(() => permitRowSchema.parse(bad)).toThrow();
    expect(() => parsePermitRow(bad)).toThrow(expect.objectContaining({ code: 'INTERNAL.ROW_SHAPE' }));
  });

  it('refuses a row that lacks a column', () => {
    const { usable_from: _u, ...missing } = newPermit();
    expect(() => parsePermitRow(missing)).toThrow(expect.objectContaining({ code: 'INTERNAL.ROW_SHAPE' }));
  });
});
