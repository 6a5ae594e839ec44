import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { CaseService } from './case.service';
import { CasesController, CatalogueController, PermitsController } from './cases.controller';
import { DeadlineSweepService } from './deadline-sweep.service';
import { PermitHostService } from './permit-host.service';

@Module({
  controllers: [CatalogueController, CasesController, PermitsController],
  imports: [AccessModule, IdempotencyModule],
  providers: [CaseService, DeadlineSweepService, PermitHostService],
  exports: [CaseService, DeadlineSweepService, PermitHostService],
})
export class CasesModule {}
