import { Injectable, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { queryRows, sql } from '@rl/db';
import { refreshCalendar } from './business-calendar-store';
import { DeadlineSweepService } from './deadline-sweep.service';
import { ForecastService } from './forecast.service';
import { PermitHostService } from './permit-host.service';
import { CrossAuthorityHostService } from './cross-authority-host.service';

/** How often a process checks whether another process changed the calendar (issue 20 item 4). */
export const CALENDAR_CHECK_MS = 30_000;

/**
 * Puts the database's business calendar in force when the process starts (issue 13 item 12),
 * and every CALENDAR_CHECK_MS reloads it if its rows changed (a fingerprint of ids and versions):
 * with several API processes, an admin's change made in one of them reaches the others within
 * that time (the running clocks were already recomputed in PostgreSQL by the change itself).
 */
@Injectable()
export class BusinessCalendarLoader implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private fingerprint: string | null = null;

  constructor(private readonly ds: DataSource) {}

  async onModuleInit(): Promise<void> {
    this.fingerprint = await this.currentFingerprint();
    await refreshCalendar(this.ds);
    this.timer = setInterval(() => void this.reloadIfChanged().catch(() => undefined), CALENDAR_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async currentFingerprint(): Promise<string> {
    const [row] = await queryRows(
      this.ds,
      FINGERPRINT,
      sql`SELECT md5(coalesce((SELECT string_agg(id::text || ':' || version, ',' ORDER BY id) FROM holiday_rules), '') || '|' ||
                     coalesce((SELECT string_agg(id::text || ':' || version, ',' ORDER BY id) FROM closure_days), '')) AS f`,
    );
    return row.f;
  }

  private async reloadIfChanged(): Promise<void> {
    const f = await this.currentFingerprint();
    if (f === this.fingerprint) return;
    await refreshCalendar(this.ds);
    this.fingerprint = f;
  }
}

const FINGERPRINT = z.object({ f: z.string() });

/** The transition host and deadline sweep, shared by the API and the worker. */
@Module({
  providers: [DeadlineSweepService, ForecastService, PermitHostService, CrossAuthorityHostService, BusinessCalendarLoader],
  exports: [DeadlineSweepService, ForecastService, PermitHostService, CrossAuthorityHostService],
})
export class CaseEngineModule {}
