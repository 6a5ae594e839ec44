/** Languages the notifications are written in. Danish is the default. */
export type NotificationLocale = 'da' | 'en';

const MONTHS: Record<NotificationLocale, readonly string[]> = {
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar date parts of an instant in Europe/Copenhagen (legal dates are Copenhagen dates). */
const COPENHAGEN_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= daysInMonth;
}

function toParts(value: string): { y: number; m: number; d: number } | null {
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [y, m, d] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    return isValidDate(y, m, d) ? { y, m, d } : null;
  }
  // A full timestamp (e.g. an ISO instant): the Copenhagen calendar day it falls on.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  const parts = Object.fromEntries(COPENHAGEN_DATE.formatToParts(instant).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}

/**
 * Formats a legal date as a long date: Danish "7. december 2026", English "7 December 2026".
 *
 * Accepts a calendar date `YYYY-MM-DD` (shown as is, no time-zone shift) or an ISO timestamp
 * (shown as the day it falls on in Europe/Copenhagen). Month names are built in, so the output
 * does not depend on the ICU data Node was built with. Anything unparseable is returned
 * unchanged, so a bad value is visible rather than silently dropped.
 */
export function formatLongDate(value: string, locale: NotificationLocale): string {
  const p = toParts(value.trim());
  if (!p) return value;
  const month = (MONTHS[locale] ?? MONTHS.da)[p.m - 1];
  return locale === 'en' ? `${p.d} ${month} ${p.y}` : `${p.d}. ${month} ${p.y}`;
}
