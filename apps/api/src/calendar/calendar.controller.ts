import { Header, Inject, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { permitRowSchema } from '@rl/case-engine';
import { queryRows, sql } from '@rl/db';
import { getPermitType } from '@rl/permits-catalog';
import { CLOCK, type Clock } from '@rl/server-infra';
import { AccessModule, AccessService } from '../access';
import { CurrentPrincipal, type Principal } from '../auth';
import { BearerController } from '../common/bearer-controller';
import { Endpoint } from '../common/endpoint';

/** A permit's deadlines (typed as the engine's permit row), its case and authority, and its plan item's decision date (LEFT JOINed). */
const DEADLINE_ROW = permitRowSchema
  .pick({ code: true, target_due_on: true, statutory_due_on: true, appeal_deadline_on: true })
  .extend({ permit_id: z.string(), reference: z.string(), title: z.string(), authority_name: z.string(), planned_decision_on: z.string().nullable() });

/** At most this many permits in one feed (a coordinator sees every case; the nearest deadlines first). */
const FEED_LIMIT = 2000;

const nameOf = (code: string) => {
  try {
    return getPermitType(code).nameDa;
  } catch {
    return code;
  }
};

/**
 * Every deadline of every permit the caller may see, as an iCalendar feed (issue 16 item 6): the
 * target, the statutory deadline, the agreed plan's decision date and the klagefrist, one
 * all-day event each, with stable UIDs so a calendar updates instead of duplicating.
 */
@BearerController('calendar')
export class CalendarController {
  constructor(
    private readonly access: AccessService,
    private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'inline; filename="rod-lober.ics"')
  @Endpoint('GET', 'calendar.ics', {
    roles: ['applicant', 'caseworker', 'coordinator'],
    summary: "The caller's permit deadlines as an iCalendar (ICS) feed: target, statutory deadline, planned decision, klagefrist",
    produces: 'text/calendar',
    ok: {
      schema: { type: 'string' },
      description: "An iCalendar (RFC 5545) feed: one all-day event per deadline of each permit the caller may see (a caseworker: their own authority's) that is not final, withdrawn or superseded, at most 2,000 permits, nearest deadlines first; stable UIDs `<permit id>-<target|statutory|plan|appeal>@rodlober`",
    },
  })
  async feed(@CurrentPrincipal() p: Principal) {
    // A caseworker sees only their own authority's permits in full, so only those deadlines.
    const own = p.role === 'caseworker' ? sql`AND pm.authority_id = ${p.authorityId}` : sql``;
    const rows = await queryRows(
      this.ds,
      DEADLINE_ROW,
      sql`SELECT pm.id AS permit_id, pm.code, c.reference, c.title, a.name_da AS authority_name, pm.target_due_on, pm.statutory_due_on, pm.appeal_deadline_on, i.planned_decision_on
            FROM permits pm JOIN cases c ON c.id = pm.case_id JOIN authorities a ON a.id = pm.authority_id LEFT JOIN plan_items i ON i.permit_id = pm.id
           WHERE ${this.access.caseFilter(p, 'c')} ${own} AND pm.state NOT IN ('withdrawn', 'final') AND pm.superseded_by IS NULL
             AND (pm.target_due_on IS NOT NULL OR pm.statutory_due_on IS NOT NULL OR pm.appeal_deadline_on IS NOT NULL OR i.planned_decision_on IS NOT NULL)
           ORDER BY least(pm.target_due_on, pm.statutory_due_on, pm.appeal_deadline_on, i.planned_decision_on) NULLS LAST, pm.id
           LIMIT ${FEED_LIMIT}`,
    );
    const cal = ical({ name: `Rød Løber – ${p.displayName}`, prodId: { company: 'Rød Løber', product: 'deadlines', language: 'DA' }, method: ICalCalendarMethod.PUBLISH, timezone: 'Europe/Copenhagen' });
    const stamp = this.clock.now();
    for (const r of rows) {
      const what = `${nameOf(r.code)} (${r.reference})`;
      const kinds: Array<[string, string | null, string]> = [
        ['target', r.target_due_on, 'Frist (mål)'],
        ['statutory', r.statutory_due_on, 'Lovbestemt frist'],
        ['plan', r.planned_decision_on, 'Planlagt afgørelse'],
        ['appeal', r.appeal_deadline_on, 'Klagefrist'],
      ];
      for (const [kind, date, label] of kinds) {
        if (!date) continue;
        cal.createEvent({
          id: `${r.permit_id}-${kind}@rodlober`,
          start: new Date(`${date}T00:00:00Z`),
          allDay: true,
          stamp,
          summary: `${label}: ${what}`,
          description: `${r.title} · ${r.authority_name}`,
        });
      }
    }
    return cal.toString();
  }
}

@Module({ controllers: [CalendarController], imports: [AccessModule] })
export class CalendarModule {}
