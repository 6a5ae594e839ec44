/**
 * How long a granted decision stays valid (issue 13 item 4): the catalogue's `validity` rule
 * (MVL §39 lapse after 3 years unused; VFL §22 at most 30 years; GMO term set in the decision)
 * applied to the permit's decision date, and the two reminders before it — 6 and 3 months —
 * which go through the deadline-alert path (`deadline_alerts`, clock 'validity'), so each fires
 * exactly once.
 */
import { addCalendarMonths, addDuration, startOfCopenhagenDay, toCopenhagenDate, type LocalDate } from '@rl/clocks';
import type { ValidityRule } from '@rl/permits-catalog';
import { CALENDAR } from './permit-clocks';
import { permitTypeOf } from './planning';
import type { PermitRow } from './rows';

/** Months before `validUntil` at which the holder and the authority are reminded (issue 13 item 4). */
export const VALIDITY_ALERT_MONTHS = [6, 3] as const;
export type ValidityThreshold = `expiry${(typeof VALIDITY_ALERT_MONTHS)[number]}m`;

export interface PermitValidity {
  kind: ValidityRule['kind'];
  /** Last day (lapse: to start the project; max term: of validity); null until granted, or when
   *  the decision itself sets the term ('termSetInDecision'). */
  validUntil: LocalDate | null;
  /** The reminder days (Copenhagen), 6 and 3 months before `validUntil`. */
  remindOn: LocalDate[];
  source: string;
  inference: boolean;
  note: { da: string; en: string };
}

const isGranted = (row: Pick<PermitRow, 'outcome'>) => row.outcome === 'granted' || row.outcome === 'grantedWithConditions';

/** The permit's validity, or null when its catalogue entry has no validity rule. */
export function validityOf(row: Pick<PermitRow, 'code' | 'snapshot' | 'decided_at' | 'outcome'>): PermitValidity | null {
  const rule = permitTypeOf(row).validity;
  if (!rule) return null;
  const decidedOn = row.decided_at && isGranted(row) ? toCopenhagenDate(row.decided_at) : null;
  const validUntil = decidedOn && rule.duration ? addDuration(decidedOn, rule.duration, CALENDAR) : null;
  return {
    kind: rule.kind,
    validUntil,
    remindOn: validUntil ? VALIDITY_ALERT_MONTHS.map((m) => addCalendarMonths(validUntil, -m)) : [],
    source: rule.source,
    inference: rule.inference,
    note: rule.note,
  };
}

/** The validity reminders a granted permit calls for: 00:00 Copenhagen on each reminder day. */
export function validityReminders(row: PermitRow): Array<{ threshold: ValidityThreshold; dueAt: Date }> {
  const v = validityOf(row);
  if (!v?.validUntil) return [];
  return VALIDITY_ALERT_MONTHS.map((m, i) => ({ threshold: `expiry${m}m` as ValidityThreshold, dueAt: startOfCopenhagenDay(v.remindOn[i]) }));
}
