/**
 * Small builders the catalogue versions write their permit-type entries with (one place, so a
 * later version states its delta in the same words as the entries it amends).
 */
import { isUnknown, type ClockRule, type Duration, type HearingRule, type KnownOrUnknown, type PermitCode, type PermitType, type Prerequisite, type Unknown } from './types';

export const unknown = (note: string): Unknown => ({ unknown: true, note });
export const weeks = (length: number): Duration => ({ unit: 'weeks', length });
export const days = (length: number): Duration => ({ unit: 'calendarDays', length });
export const months = (length: number): Duration => ({ unit: 'months', length });

export function serviceTarget(length: number, source: string): ClockRule {
  return { kind: 'serviceTarget', duration: days(length), startsAt: 'completeApplication', stopsWhileAwaitingApplicant: true, source };
}

export const decided = (code: string, why: string, opts: Partial<Prerequisite> = {}): Prerequisite => ({ code, requires: 'decided', why, ...opts });
export const final = (code: string, why: string): Prerequisite => ({ code, requires: 'final', why });

export function hearing(minDuration: Duration | Unknown, audience: string, source: string): HearingRule {
  return { minDuration, audience, source };
}

/** A known value of a base entry that a later version amends (an unknown one is a mistake in the delta). */
export function known<T>(value: KnownOrUnknown<T>, what: string): T {
  if (isUnknown(value)) throw new Error(`Catalogue delta: ${what} is unknown in the base version; nothing to amend`);
  return value;
}

/** One amendment of a base version's permit-type entry. */
export type Amend = (entry: PermitType) => PermitType;

/** A version's delta: per change id (as in its `changes`), the entries that change amends. */
export type CatalogDelta = Record<string, Record<PermitCode, Amend>>;

/**
 * The permit types of a new version: the base version's entries in their order, each with the
 * delta's amendments for its code applied in the order the changes are listed. An amendment of a
 * code the base does not have is a mistake in the delta and throws when the module loads. The
 * base entries are not changed; unamended entries (and unamended parts of amended ones) are shared.
 */
export function amendPermitTypes(base: readonly PermitType[], delta: CatalogDelta): PermitType[] {
  const amendments = Object.entries(delta).flatMap(([change, byCode]) =>
    Object.entries(byCode).map(([code, amend]) => ({ change, code, amend })),
  );
  for (const { change, code } of amendments) {
    if (!base.some((entry) => entry.code === code)) throw new Error(`Catalogue delta ${change}: no permit type ${code} in the base version`);
  }
  return base.map((entry) => amendments.filter((a) => a.code === entry.code).reduce((amended, a) => a.amend(amended), entry));
}
