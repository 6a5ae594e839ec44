import type { PermitState } from './rows';

/** Flattens an XState state value ({submitted: 'underReview'}) to 'submitted.underReview'. */
export function flattenState(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (k === undefined) return '';
    const rest = flattenState(v);
    return rest ? `${k}.${rest}` : k;
  }
  return '';
}

export const TERMINAL_PERMIT_STATES: readonly PermitState[] = ['final', 'withdrawn'];

export function isDecidedOrFinal(state: PermitState): boolean {
  return state === 'final' || state.startsWith('decided');
}
