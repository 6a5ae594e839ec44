import { z } from 'zod';

/**
 * Column sets that several row schemas select: spread them into a `z.object({...})` so a
 * column that means the same thing is typed the same way everywhere.
 */

/** An authority's names, selected as `a.name_da AS authority_name_da, a.name_en AS authority_name_en`. */
export const AUTHORITY_NAME_COLUMNS = { authority_name_da: z.string(), authority_name_en: z.string() };

/** An authority's code and names, selected as `a.code AS authority_code` and {@link AUTHORITY_NAME_COLUMNS}. */
export const AUTHORITY_COLUMNS = { authority_code: z.string(), ...AUTHORITY_NAME_COLUMNS };

/** The same columns, each nullable: for a LEFT JOINed table whose row may be absent. */
export function nullableColumns<T extends Record<string, z.ZodType>>(columns: T): { [K in keyof T]: z.ZodNullable<T[K]> } {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v.nullable()])) as { [K in keyof T]: z.ZodNullable<T[K]> };
}

/**
 * An authority's code and names as the API answers them (AuthorityNamesDto's order: code, nameDa,
 * nameEn), from columns selected under one prefix: `authority_` for {@link AUTHORITY_COLUMNS},
 * `from_`/`to_` where a row names two authorities (a delegation, a referral).
 */
export function authorityNames<P extends string>(row: Record<`${P}code` | `${P}name_da` | `${P}name_en`, string>, prefix: P): { code: string; nameDa: string; nameEn: string } {
  return { code: row[`${prefix}code`], nameDa: row[`${prefix}name_da`], nameEn: row[`${prefix}name_en`] };
}
