import { PlanInputError } from '../errors';
import type { ForecastNode } from './monte-carlo';

/**
 * What-if scenarios a coordinator tries without changing the case (issue 16 item 3). Each is a
 * pure change to the forecast's input; the case and its stored forecast stay as they are.
 */
export type WhatIf =
  /** A permit takes `days` fewer (or more, if negative) calendar days, e.g. a 4- instead of an 8-week local-plan hearing: 28. */
  | { kind: 'shorten'; code: string; days: number }
  /**
   * Two (or more) permits hold their public hearings jointly: every permit but the first listed
   * saves its own hearing (`hearingDays`), which now runs inside the first one's (inference:
   * the joint hearing is as long as the longest of them, PL §24(5)/MBL practice of coordinated consultations).
   */
  | { kind: 'jointHearing'; codes: string[]; hearingDays: number }
  /** A permit is filed `days` earlier than its prerequisites would allow (in parallel, at the applicant's risk). */
  | { kind: 'startEarlier'; code: string; days: number };

/** What a scenario adjusts: a forecast node (monte-carlo) or a plan node (the critical path), the same way. */
type Adjustable = Pick<ForecastNode, 'code' | 'durationOffsetDays' | 'startAdvanceDays'>;

export function applyWhatIf<N extends Adjustable>(nodes: readonly N[], scenarios: readonly WhatIf[]): N[] {
  const out = nodes.map((n) => ({ ...n }));
  const find = (code: string) => {
    const n = out.find((x) => x.code === code);
    if (!n) throw new PlanInputError(`What-if names a permit that is not in the case: '${code}'`);
    return n;
  };
  for (const s of scenarios) {
    if (s.kind === 'shorten') {
      const n = find(s.code);
      n.durationOffsetDays = (n.durationOffsetDays ?? 0) - s.days;
    } else if (s.kind === 'jointHearing') {
      for (const code of s.codes.slice(1)) {
        const n = find(code);
        n.durationOffsetDays = (n.durationOffsetDays ?? 0) - s.hearingDays;
      }
      find(s.codes[0]);
    } else {
      const n = find(s.code);
      n.startAdvanceDays = (n.startAdvanceDays ?? 0) + s.days;
    }
  }
  return out;
}
