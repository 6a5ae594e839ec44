import { locale, type Lang } from './i18n';

/** '2027-02-09' or an ISO instant → localized date (date-only strings are not shifted by time zone). */
export function fmtDate(lang: Lang, value: string | null | undefined): string {
  if (!value) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Copenhagen' });
}

export function fmtDateTime(lang: Lang, value: string | null | undefined): string {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleString(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Copenhagen' });
}

export function fmtNumber(lang: Lang, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return n.toLocaleString(locale(lang), { maximumFractionDigits: digits });
}

export function fmtPercent(lang: Lang, share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  return (share > 1 ? share / 100 : share).toLocaleString(locale(lang), { style: 'percent', maximumFractionDigits: 0 });
}

/** Days between two ISO dates (UTC, date part). */
export function dayDiff(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/** Permit/case names in the chosen language. */
export function nameOf(lang: Lang, o: { nameDa: string; nameEn?: string }): string {
  return lang === 'en' && o.nameEn ? o.nameEn : o.nameDa;
}

/** Issue 19: names sorted by the collation of the language they are shown in (Intl.Collator; "Aa" sorts last in Danish, first in English). */
export function byShownName<T extends { nameDa: string; nameEn?: string }>(lang: Lang, items: readonly T[]): T[] {
  const collator = new Intl.Collator(lang === 'en' ? 'en-GB' : 'da-DK', { sensitivity: 'base' });
  return [...items].sort((a, b) => collator.compare(nameOf(lang, a), nameOf(lang, b)));
}
