import { initialTransition } from 'xstate';
import { permitMachine } from './permit.machine';
import { toPermitEffects } from './permit.host';
import type { PermitEffect, PermitMachineInput } from './permit.types';

/** A new permit's first state: what case creation stores and the entry effects it puts in the outbox. */
export interface InitialPermitState {
  /** Top-level state name ('blocked' or 'ready'), as the `state` column holds it. */
  readonly state: string;
  /** The persisted snapshot as JSON text (PERMIT_MACHINE_VERSION's shape). */
  readonly snapshotJson: string;
  readonly effects: readonly PermitEffect[];
}

/**
 * Initial states already computed, by input. The initial transition is a pure function of the
 * input (the context factory reads only the input, and the init event carries no time), and a
 * case creates ~24 permits from a few dozen distinct inputs (catalogue version × permit type ×
 * open prerequisites): running XState's initialTransition and serialising the snapshot for each
 * one cost ~2.5 ms of the ~20 ms of API CPU per created case (bench step b, issue 14). Bounded:
 * past MAX_CACHED it computes without caching rather than grow.
 */
const CACHE = new Map<string, InitialPermitState>();
const MAX_CACHED = 5000;

export function initialPermitState(input: PermitMachineInput): InitialPermitState {
  const key = JSON.stringify(input);
  const hit = CACHE.get(key);
  if (hit) return hit;
  const [snapshot, actions] = initialTransition(permitMachine, input);
  const value = snapshot.value as string | Record<string, unknown>;
  const computed: InitialPermitState = Object.freeze({
    state: typeof value === 'string' ? value : Object.keys(value)[0],
    snapshotJson: JSON.stringify(permitMachine.getPersistedSnapshot(snapshot)),
    effects: Object.freeze(toPermitEffects(actions).map((e) => Object.freeze(e))),
  });
  if (CACHE.size < MAX_CACHED) CACHE.set(key, computed);
  return computed;
}
