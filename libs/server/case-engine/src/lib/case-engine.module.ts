import { Module } from '@nestjs/common';
import { DeadlineSweepService } from './deadline-sweep.service';
import { ForecastService } from './forecast.service';
import { PermitHostService } from './permit-host.service';

/** The transition host and deadline sweep, shared by the API and the worker. */
@Module({ providers: [DeadlineSweepService, ForecastService, PermitHostService], exports: [DeadlineSweepService, ForecastService, PermitHostService] })
export class CaseEngineModule {}
