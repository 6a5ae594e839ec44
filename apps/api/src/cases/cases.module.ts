import { CaseEngineModule } from '@rl/case-engine';
import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { CaseService } from './case.service';
import { CasesController, CatalogueController, PermitsController } from './cases.controller';

@Module({
  controllers: [CatalogueController, CasesController, PermitsController],
  imports: [AccessModule, CaseEngineModule, IdempotencyModule],
  providers: [CaseService],
  exports: [CaseService, CaseEngineModule],
})
export class CasesModule {}
