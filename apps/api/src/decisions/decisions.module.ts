import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents';
import { DecisionsController, PublicController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { HearingsService } from './hearings.service';
import { PartyHearingService } from './party-hearing.service';
import { PublicationService } from './publication.service';

/** Decision letters, hearings people can answer, and publication (issue 15). */
@Module({
  imports: [AccessModule, CasesModule, DocumentsModule],
  controllers: [DecisionsController, PublicController],
  providers: [DecisionsService, HearingsService, PartyHearingService, PublicationService],
  exports: [HearingsService],
})
export class DecisionsModule {}
