import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { refreshCalendar } from './business-calendar-store';
import { DeadlineSweepService } from './deadline-sweep.service';
import { ForecastService } from './forecast.service';
import { PermitHostService } from './permit-host.service';
import { CrossAuthorityHostService } from './cross-authority-host.service';

/** Puts the database's business calendar in force when the process starts (issue 13 item 12). */
@Injectable()
export class BusinessCalendarLoader implements OnModuleInit {
  constructor(private readonly ds: DataSource) {}

  async onModuleInit(): Promise<void> {
    await refreshCalendar(this.ds);
  }
}

/** The transition host and deadline sweep, shared by the API and the worker. */
@Module({
  providers: [DeadlineSweepService, ForecastService, PermitHostService, CrossAuthorityHostService, BusinessCalendarLoader],
  exports: [DeadlineSweepService, ForecastService, PermitHostService, CrossAuthorityHostService],
})
export class CaseEngineModule {}
