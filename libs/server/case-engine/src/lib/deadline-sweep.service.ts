import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toCopenhagenDate } from '@rl/clocks';
import { CLOCK, type Clock } from '@rl/server-infra';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { refreshCalendar } from './business-calendar-store';
import { loadPermit, lockCase } from './load';
import { PermitHostService } from './permit-host.service';
import { CrossAuthorityHostService } from './cross-authority-host.service';

const DUE_APPEAL_ROW = z.object({ id: z.string(), case_id: z.string() });
const DUE_ALERT_ROW = z.object({ id: z.string() });

export interface SweepReport {
  now: string;
  appealPeriodsExpired: number;
  alertsFired: number;
}

/**
 * Re-derives legal deadlines that have come due from PostgreSQL (the source of truth) and
 * applies them. Idempotent: a permit whose appeal period already expired is no longer in
 * `decided.appealPeriod`, so running the sweep twice changes nothing the second time.
 */
@Injectable()
export class DeadlineSweepService {
  private readonly logger = new Logger(DeadlineSweepService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly host: PermitHostService,
    private readonly crossAuthority: CrossAuthorityHostService,
  ) {}

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now();
    // An admin may have changed the calendar in another process since the last sweep.
    await refreshCalendar(this.ds);
    // Klagefrist ended: the appeal period is over from the start of the next Copenhagen day.
    // … i.e. the klagefrist is before today's Copenhagen date (a range on a partial index).
    const due = await queryRows(
      this.ds,
      DUE_APPEAL_ROW,
      sql`SELECT id, case_id FROM permits
           WHERE state = 'decided.appealPeriod' AND appeal_deadline_on < ${toCopenhagenDate(now)}::date
           ORDER BY appeal_deadline_on, id`,
    );
    let expired = 0;
    for (const d of due) {
      await this.ds.transaction(async (m) => {
        await lockCase(m, d.case_id);
        const row = await loadPermit(m, d.id);
        if (row?.state !== 'decided.appealPeriod') return; // someone else got there first
        await this.host.applyToPermit(m, row, 'appeal.periodExpired', {}, { userId: null, role: 'system' });
        await this.host.propagate(m, d.case_id);
        expired++;
      });
    }
    // Deadline alerts whose instant has come (the delayed jobs normally fire them first; this
    // catches whatever Redis lost). Claiming `fired_at IS NULL` makes parallel sweeps harmless.
    let alertsFired = 0;
    let after = '0';
    for (;;) {
      const due = await queryRows(
        this.ds,
        DUE_ALERT_ROW,
        sql`SELECT id FROM deadline_alerts WHERE fired_at IS NULL AND due_at <= ${now} AND id > ${after} ORDER BY id LIMIT 500`,
      );
      // One transaction per alert: it locks the alert's case first, like every transition.
      for (const d of due) {
        if (await this.ds.transaction((m) => this.host.fireAlert(m, d.id))) alertsFired++;
      }
      if (due.length < 500) break;
      after = due[due.length - 1].id;
    }
    // Issue 17: referrals past their answer date without an answer (the asking authority is told once).
    const referralsOverdue = await this.crossAuthority.notifyOverdueReferrals(this.ds, now);
    if (expired || alertsFired || referralsOverdue) this.logger.log(`sweep: appeal periods expired ${expired}, alerts fired ${alertsFired}, overdue referrals ${referralsOverdue}`);
    return { now: now.toISOString(), appealPeriodsExpired: expired, alertsFired };
  }

  /** Refreshes the dashboard's KPI view without blocking readers (worker: every 5 minutes). */
  async refreshStats(): Promise<void> {
    await this.ds.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY permit_stats`);
    await this.ds.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY case_stats`);
  }
}
