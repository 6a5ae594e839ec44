import { leaseSize } from './rate-limit';

describe('leaseSize (points a process takes from the shared budget at once)', () => {
  it('asks Redis for every request until it knows what is left, and near the limit', () => {
    expect(leaseSize(undefined)).toBe(1);
    expect(leaseSize(0)).toBe(1);
    expect(leaseSize(7)).toBe(1);
    expect(leaseSize(127)).toBe(1);
  });

  it('takes at most a 1/64 share of what is left, and never more than 32', () => {
    expect(leaseSize(128)).toBe(2);
    expect(leaseSize(64 * 10 + 63)).toBe(10);
    expect(leaseSize(100_000_000)).toBe(32);
  });
});
