import { Module } from '@nestjs/common';
import { DeadlineSweepService } from './deadline-sweep.service';
import { PermitHostService } from './permit-host.service';

/** The transition host and deadline sweep, shared by the API and the worker. */
@Module({ providers: [DeadlineSweepService, PermitHostService], exports: [DeadlineSweepService, PermitHostService] })
export class CaseEngineModule {}
