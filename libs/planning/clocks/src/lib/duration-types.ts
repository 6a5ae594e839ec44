/**
 * The catalogue's time types (libs/permits/catalog/src/lib/types.ts), mirrored structurally.
 *
 * Why a copy: `@rl/permits-catalog`'s public entry does not export these types yet, and deep
 * imports into another lib are not allowed. They are structurally identical, so a catalogue
 * `Duration` / `ClockRule` is accepted here as-is. When the catalogue exports them, replace this
 * file's body with `export type { ClockUnit, Duration, ClockRule } from '@rl/permits-catalog';`.
 */

/** Units the Danish statutes count in. */
export type ClockUnit = 'calendarDays' | 'businessDays' | 'weeks' | 'months';

/** A length of time in one statutory unit, e.g. `{ unit: 'weeks', length: 4 }`. */
export interface Duration {
  unit: ClockUnit;
  length: number;
}

/** The subset of the catalogue's `ClockRule` that the clocks need. */
export interface ClockRuleLike {
  kind: 'statutory' | 'serviceTarget';
  duration: Duration;
  stopsWhileAwaitingApplicant: boolean;
}
