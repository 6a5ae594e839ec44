import { CATALOG_2025_1 } from './catalog-2025-1';
import { CATALOG_2025_2 } from './catalog-2025-2';
import { UnknownCatalogVersionError, UnknownPermitCodeError } from './errors';
import { isUnknown, type AppealDeadlineRoll, type CatalogChange, type CatalogVersion, type PermitCode, type PermitType } from './types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Every published catalogue version, oldest first. Published versions are immutable. */
const VERSIONS: readonly CatalogVersion[] = deepFreeze([CATALOG_2025_1, CATALOG_2025_2]);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Ids and validity of every published catalogue version, oldest first. */
export function listCatalogVersions(): Array<Pick<CatalogVersion, 'version' | 'validFrom' | 'validTo'>> {
  return VERSIONS.map(({ version, validFrom, validTo }) => ({ version, validFrom, validTo }));
}

/** A catalogue version by id; without an id, the newest published version. */
export function getCatalog(version?: string): CatalogVersion {
  if (version === undefined) return VERSIONS[VERSIONS.length - 1];
  const found = VERSIONS.find((v) => v.version === version);
  if (!found) throw new UnknownCatalogVersionError(version);
  return found;
}

/**
 * The catalogue version that applies to a new screening on `isoDate` (YYYY-MM-DD, or a full ISO
 * timestamp whose date part is used): validFrom ≤ date ≤ validTo (validTo null = open-ended).
 */
export function catalogVersionAt(isoDate: string): CatalogVersion {
  const date = isoDate.slice(0, 10);
  if (!ISO_DATE.test(date)) throw new UnknownCatalogVersionError(`date ${isoDate}`);
  const found = [...VERSIONS]
    .reverse()
    .find((v) => v.validFrom <= date && (v.validTo === null || date <= v.validTo));
  if (!found) throw new UnknownCatalogVersionError(`date ${isoDate}`);
  return found;
}

/** A permit type by code in a version (default: newest); throws `UnknownPermitCodeError`. */
export function getPermitType(code: PermitCode, version?: string): PermitType {
  const catalog = getCatalog(version);
  const found = catalog.permitTypes.find((p) => p.code === code);
  if (!found) throw new UnknownPermitCodeError(code, catalog.version);
  return found;
}

/** The roll a version applies where a permit type states no appeal rule (the 4-week default). */
const DEFAULT_ROLL_BY_VERSION: Record<string, AppealDeadlineRoll['rule']> = { '2025.1': 'nextBusinessDay' };

/**
 * How the klagefrist of `code` rolls in `version`: the type's own `appeal.deadlineRoll`, else the
 * version's default (2025.1: the office-day roll it published; later: MBL §93(2)'s wording).
 */
export function appealRollOf(code: PermitCode, version?: string): AppealDeadlineRoll['rule'] {
  const type = getPermitType(code, version);
  if (!isUnknown(type.appeal)) return type.appeal.deadlineRoll.rule;
  return DEFAULT_ROLL_BY_VERSION[getCatalog(version).version] ?? 'saturdayOrHelligdagToNextHverdag';
}

/** The legal corrections between two versions that concern `code` (for the catalogue upgrade). */
export function legalCorrectionsFor(code: PermitCode, toVersion: string): CatalogChange[] {
  return (getCatalog(toVersion).changes ?? []).filter((c) => c.kind === 'legalCorrection' && c.permitCodes.includes(code));
}
